import { pino, type Logger } from 'pino';

export type Log = Logger;

/** Structured JSON lines on stdout (pino); `silent` turns them off. */
export function createLog(level: 'debug' | 'info' | 'warn' | 'error' | 'silent', service = 'forum'): Log {
  return pino({ level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}
