// The browser's live connection: one graphql-ws socket to the gateway (its session cookie identifies a
// signed-in member), shared by every live part of the page, and its state for the "connection lost" notice.
import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';

export const connection = $state({
  status: 'idle' as 'idle' | 'connected' | 'lost',
  /** Counts (re)connections: a change after the first means "catch up on what was missed". */
  connects: 0,
});

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
          subscribe: (sink) => ({
            unsubscribe: socket.subscribe({ ...request, query: request.query ?? '' }, sink),
          }),
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
