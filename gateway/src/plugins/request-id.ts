import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const SANE_ID = /^[\w.-]{8,128}$/;

/** The client's own request id when it is a sane one, else a new one. */
export function requestIdOf(incoming: unknown): string {
  return typeof incoming === 'string' && SANE_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Every HTTP request gets an id, echoed as `x-request-id`, passed to the subgraphs and written to every log
 * line about it. Over WebSocket each operation gets its own (see ws-transport.ts).
 */
export function requestIds() {
  return (request: Request, response: Response, next: NextFunction) => {
    const requestId = requestIdOf(request.header('x-request-id'));
    response.locals['requestId'] = requestId;
    response.setHeader('x-request-id', requestId);
    next();
  };
}
