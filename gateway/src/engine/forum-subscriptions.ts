import type { ExecutionRequest, ExecutionResult, Executor } from '@graphql-tools/utils';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { GatewayContext } from '../context.js';
import { upstreamUnavailable } from './http-executor.js';

/** How long the connection to the forum stays open after its last subscription ended (saves reconnects). */
const IDLE_CLOSE_MS = 1_000;

/**
 * Forum subscriptions over graphql-ws, all carried by one WebSocket to the forum: the gateway already shares
 * one stream among all clients with the same operation (shared-subscriptions.ts), and every distinct stream
 * is one operation on that connection, naming its member in its extensions. The connection opens with the
 * first subscription and closes shortly after the last one ends, so a gateway with no live readers holds no
 * socket to the forum.
 *
 * When the connection drops, every stream on it ends with UPSTREAM_UNAVAILABLE: clients subscribe again and
 * catch up with their cursor, rather than silently missing what was published meanwhile. The next
 * subscription opens a new connection.
 */
export function createForumSubscriptionExecutor(wsUrl: string): Executor & { dispose(): Promise<void> } {
  let client: Client | undefined;
  const connection = () =>
    (client ??= createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      lazy: true,
      lazyCloseTimeout: IDLE_CLOSE_MS,
      retryAttempts: 0,
      keepAlive: 15_000,
      // A forum that accepts the socket but never acknowledges it (one starting or dying at that moment) would
      // otherwise hold every stream on the connection forever: they end with UPSTREAM_UNAVAILABLE and resubscribe.
      connectionAckWaitTimeout: 5_000,
    }));

  const executor = ((request: ExecutionRequest) => {
    const context = request.context as GatewayContext | undefined;
    return upstreamStream(connection(), {
      query: print(request.document),
      variables: request.variables,
      operationName: request.operationName,
      extensions: context?.authorization ? { authorization: context.authorization } : undefined,
    });
  }) as Executor;
  return Object.assign(executor, {
    async dispose() {
      await client?.dispose();
      client = undefined;
    },
  });
}

/**
 * One upstream operation as an async iterator. Unlike an async generator, its `return()` takes effect at
 * once, even while a `next()` is waiting for an event that may never come: the operation is completed at the
 * forum the moment its last reader leaves, not at the topic's next event.
 */
function upstreamStream(
  client: Client,
  payload: Parameters<Client['subscribe']>[0],
): AsyncIterableIterator<ExecutionResult> {
  const queue: ExecutionResult[] = [];
  let waiting: ((result: IteratorResult<ExecutionResult>) => void) | undefined;
  let ended = false;

  const deliver = (value: ExecutionResult) => {
    if (ended) return;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ done: false, value });
    } else queue.push(value);
  };
  const end = () => {
    ended = true;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ done: true, value: undefined });
    }
  };

  const unsubscribe = client.subscribe<Record<string, unknown>, Record<string, unknown>>(payload, {
    next: (result) => deliver(result as ExecutionResult),
    error: (error) => {
      // A GraphQL error list from the forum (e.g. UNAUTHENTICATED) passes through; a dropped socket does not.
      if (Array.isArray(error)) deliver({ errors: error });
      else {
        const detail =
          error instanceof Error
            ? error.message
            : `connection closed (${(error as { code?: number })?.code ?? 'unknown'})`;
        deliver({ errors: [upstreamUnavailable('forum', detail)] });
      }
      end();
    },
    complete: end,
  });

  const stream: AsyncIterableIterator<ExecutionResult> = {
    next() {
      const value = queue.shift();
      if (value) return Promise.resolve({ done: false, value });
      if (ended) return Promise.resolve({ done: true, value: undefined });
      return new Promise((resolve) => (waiting = resolve));
    },
    return() {
      queue.length = 0;
      if (!ended) unsubscribe();
      end();
      return Promise.resolve({ done: true, value: undefined });
    },
    throw(error?: unknown) {
      void stream.return!();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}
