import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

export interface ProcessSpec {
  /** Shown in messages and log lines: `forum`, `gateway-2`, … */
  name: string;
  /** The executable; Node itself (the one running the launcher) unless given. */
  command?: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Answers 2xx once the service is ready. */
  healthUrl: string;
  /** Sent with each health check (behind a proxy, the website wants the proxy's X-Forwarded-For). */
  healthHeaders?: Record<string, string>;
  /** The address clients use (http://host:port). */
  url: string;
}

export interface OutputOptions {
  /** Append the service's output to this file. */
  logFile?: string;
  /** Also write it to this process's stderr, each line prefixed with the service's name. */
  echo?: boolean;
  readyTimeoutMs?: number;
}

const KEPT_LINES = 200;

/**
 * One service in a process of its own: started with exactly the environment it is given (on top of this
 * process's), ready when its health URL answers, stopped with SIGTERM (SIGKILL after 10 s).
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private log: WriteStream | undefined;
  private readonly lines: string[] = [];

  constructor(
    readonly spec: ProcessSpec,
    private readonly output: OutputOptions = {},
  ) {}

  get name() {
    return this.spec.name;
  }

  get url() {
    return this.spec.url;
  }

  get port() {
    return Number(new URL(this.spec.url).port);
  }

  get pid() {
    return this.child?.pid;
  }

  get running() {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The environment it runs with (what the launcher gave it, not the inherited rest). */
  get environment(): Record<string, string> {
    return { ...this.spec.env };
  }

  /** The last lines it printed, for error messages. */
  recentOutput(count = 40): string {
    return this.lines.slice(-count).join('\n');
  }

  async start(): Promise<this> {
    if (this.running) return this;
    this.log ??= this.output.logFile ? createWriteStream(this.output.logFile, { flags: 'a' }) : undefined;
    const child = spawn(this.spec.command ?? process.execPath, this.spec.args, {
      cwd: this.spec.cwd,
      env: { ...process.env, ...this.spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const onData = (chunk: Buffer) => this.record(chunk.toString());
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    await this.waitUntilReady(child);
    return this;
  }

  private record(text: string) {
    this.log?.write(text);
    for (const line of text.split('\n')) {
      if (line === '') continue;
      this.lines.push(line);
      if (this.output.echo) process.stderr.write(`[${this.spec.name}] ${line}\n`);
    }
    if (this.lines.length > KEPT_LINES * 2) this.lines.splice(0, this.lines.length - KEPT_LINES);
  }

  private async waitUntilReady(child: ChildProcess) {
    const deadline = Date.now() + (this.output.readyTimeoutMs ?? 300_000);
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `${this.spec.name} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${this.recentOutput()}`,
        );
      }
      try {
        const response = await fetch(this.spec.healthUrl, {
          headers: this.spec.healthHeaders,
          signal: AbortSignal.timeout(2000),
        });
        await response.body?.cancel();
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(
          `${this.spec.name} did not answer at ${this.spec.healthUrl} in time:\n${this.recentOutput()}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Called once when it stops without being asked to. */
  onUnexpectedExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void) {
    const child = this.child;
    if (!child) return;
    const handler = (code: number | null, signal: NodeJS.Signals | null) => {
      if (!this.stopping) listener(code, signal);
    };
    child.once('exit', handler);
  }

  private stopping = false;

  async stop(): Promise<void> {
    await this.end('SIGTERM');
  }

  /** Kills it at once, as a crash would. */
  async kill(): Promise<void> {
    await this.end('SIGKILL');
  }

  /** Stops it and starts it again on the same port with the same environment and data. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private async end(signal: NodeJS.Signals) {
    const child = this.child;
    if (!child || !this.running) return;
    this.stopping = true;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(force);
    this.stopping = false;
  }

  /** Closes the log file (after the last stop). */
  async close(): Promise<void> {
    await this.stop();
    const log = this.log;
    this.log = undefined;
    if (log) await new Promise((resolve) => log.end(resolve));
  }
}
