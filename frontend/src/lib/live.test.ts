import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Client as WsClient, ExecutionResult } from 'graphql-ws';
import { connection, resumable } from './live.svelte';

type Sink = Parameters<WsClient['subscribe']>[1];

/** A socket whose server side the test plays: each subscribe call gets a sink the test can drive. */
function fakeSocket() {
  const servers: Sink[] = [];
  const socket = {
    subscribe: (_payload: unknown, sink: Sink) => {
      servers.push(sink);
      return () => undefined;
    },
  } as unknown as WsClient;
  return { socket, servers };
}

function page() {
  const seen: ExecutionResult[] = [];
  const ended = { complete: false, error: undefined as unknown };
  const sink = {
    next: (value: ExecutionResult) => seen.push(value),
    error: (error: unknown) => (ended.error = error),
    complete: () => (ended.complete = true),
  } as Sink;
  return { sink, seen, ended };
}

const post = (id: string) => ({ data: { postAdded: { id } } });
const unavailable = { errors: [{ message: 'forum gone', extensions: { code: 'UPSTREAM_UNAVAILABLE' } }] };

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('a live subscription', () => {
  it('starts again when the server ends it with a retryable error, and asks the page to catch up', () => {
    const { socket, servers } = fakeSocket();
    const { sink, seen, ended } = page();
    const before = connection.connects;
    resumable(socket, { query: 'subscription { postAdded }' }, sink);
    servers[0]!.next(post('1') as never);
    servers[0]!.next(unavailable as never);
    servers[0]!.complete();
    expect(servers).toHaveLength(1);
    vi.advanceTimersByTime(600);
    expect(servers).toHaveLength(2);
    expect(connection.connects).toBe(before + 1);
    servers[1]!.next(post('2') as never);
    expect(seen.filter((result) => result.data).length).toBe(2);
    expect(ended.complete).toBe(false);
  });

  it('starts again when a live subscription is completed by the server (it fell behind)', () => {
    const { socket, servers } = fakeSocket();
    const { sink, ended } = page();
    resumable(socket, { query: 'subscription { postAdded }' }, sink);
    servers[0]!.next(post('1') as never);
    servers[0]!.complete();
    vi.advanceTimersByTime(600);
    expect(servers).toHaveLength(2);
    expect(ended.complete).toBe(false);
  });

  it('waits longer after each failure that brings nothing', () => {
    const { socket, servers } = fakeSocket();
    resumable(socket, { query: 'subscription { postAdded }' }, page().sink);
    for (const wait of [500, 1000, 2000]) {
      const server = servers.at(-1)!;
      server.next(unavailable as never);
      server.complete();
      const count = servers.length;
      vi.advanceTimersByTime(wait - 1);
      expect(servers).toHaveLength(count);
      vi.advanceTimersByTime(1);
      expect(servers).toHaveLength(count + 1);
    }
  });

  it('ends for good when the server refuses it (not signed in)', () => {
    const { socket, servers } = fakeSocket();
    const { sink, ended } = page();
    resumable(socket, { query: 'subscription { notificationAdded }' }, sink);
    servers[0]!.next({
      errors: [{ message: 'Please sign in', extensions: { code: 'UNAUTHENTICATED' } }],
    } as never);
    servers[0]!.complete();
    vi.advanceTimersByTime(60_000);
    expect(servers).toHaveLength(1);
    expect(ended.complete).toBe(true);
  });

  it('is not started again once the page unsubscribed', () => {
    const { socket, servers } = fakeSocket();
    const subscription = resumable(socket, { query: 'subscription { postAdded }' }, page().sink);
    servers[0]!.next(unavailable as never);
    servers[0]!.complete();
    subscription.unsubscribe();
    vi.advanceTimersByTime(60_000);
    expect(servers).toHaveLength(1);
  });
});
