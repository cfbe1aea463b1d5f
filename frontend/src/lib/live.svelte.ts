// The browser's live connection: one graphql-ws socket to the gateway (its session cookie identifies a
// signed-in member), shared by every live part of the page, and its state for the "connection lost" notice.
import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';

export const connection = $state({
  status: 'idle' as 'idle' | 'connected' | 'lost',
  /**
   * Counts (re)connections and resumed subscriptions: a change after the first means "catch up on what
   * was missed".
   */
  connects: 0,
});

/** Codes with which the server ends a subscription that is worth starting again (see the gateway README). */
const RETRYABLE = new Set(['UPSTREAM_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']);

type Sink = Parameters<WsClient['subscribe']>[1];

/**
 * graphql-ws resubscribes by itself when the socket drops. The server may also end one subscription while
 * the socket stays up (the forum restarted behind the gateway, or this page fell too far behind): then it
 * is started again after a pause, and the page catches up as after a reconnection. Errors that would only
 * repeat (not signed in, bad input) end it for good.
 */
export function resumable(socket: WsClient, payload: Parameters<WsClient['subscribe']>[0], sink: Sink) {
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe = () => {};
  const start = () => {
    // Resume only a subscription that was live or ended with a retryable error, never a refused one.
    let resume = false;
    unsubscribe = socket.subscribe(payload, {
      next: (result) => {
        const codes = (result.errors ?? []).map((error) => String(error.extensions?.['code']));
        if (codes.some((code) => RETRYABLE.has(code))) resume = true;
        else if (codes.length > 0) resume = false;
        else if (result.data) {
          resume = true;
          attempt = 0;
        }
        sink.next(result);
      },
      error: (error) => {
        if (!stopped) sink.error(error);
      },
      complete: () => {
        if (stopped) return;
        if (!resume) return sink.complete();
        timer = setTimeout(
          () => {
            if (stopped) return;
            start();
            connection.connects += 1;
          },
          Math.min(500 * 2 ** attempt++, 15_000),
        );
      },
    });
  };
  start();
  return {
    unsubscribe: () => {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
    },
  };
}

let ws: WsClient | undefined;
let client: Client | undefined;

export function liveClient(gatewayUrl: string): Client {
  if (client) return client;
  const http = `${gatewayUrl.replace(/\/$/, '')}/graphql`;
  const socket = createWsClient({
    url: http.replace(/^http/, 'ws'),
    lazy: true,
    lazyCloseTimeout: 2_000,
    keepAlive: 15_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: (retries) =>
      new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, 15_000))),
    on: {
      connected: () => {
        connection.status = 'connected';
        connection.connects += 1;
      },
      closed: (event) => {
        // 1000: closed by us because nothing is subscribed any more (lazy); not a loss.
        if ((event as CloseEvent | undefined)?.code !== 1000) connection.status = 'lost';
      },
    },
  });
  ws = socket;
  client = new Client({
    url: http,
    preferGetMethod: false,
    requestPolicy: 'network-only',
    exchanges: [
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => resumable(socket, { ...request, query: request.query ?? '' }, sink as Sink),
        }),
      }),
    ],
  });
  return client;
}

/** "Jetzt neu verbinden": drop the socket; graphql-ws connects again at once. */
export function reconnectNow() {
  ws?.terminate();
}
