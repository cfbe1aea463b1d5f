import type { ExecutionRequest, ExecutionResult, Executor } from '@graphql-tools/utils';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { GatewayContext } from '../context.js';
import { upstreamUnavailable } from './http-executor.js';

/**
 * Forum subscriptions over graphql-ws. The gateway already shares one stream among all clients with the same
 * operation (shared-subscriptions.ts), so each upstream subscription gets a connection of its own: no state is
 * shared between streams, and a stream's connection lives and dies with it. The operation names its member in
 * its extensions. When the connection drops, the stream ends with UPSTREAM_UNAVAILABLE: clients subscribe
 * again and catch up with their cursor, rather than silently missing what was published meanwhile.
 */
export function createForumSubscriptionExecutor(wsUrl: string): Executor & { dispose(): Promise<void> } {
  const open = new Set<Client>();

  const executor = ((request: ExecutionRequest) => {
    const context = request.context as GatewayContext | undefined;
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      lazy: true,
      retryAttempts: 0,
      keepAlive: 15_000,
    });
    open.add(client);
    const iterator = client.iterate<Record<string, unknown>, Record<string, unknown>>({
      query: print(request.document),
      variables: request.variables,
      operationName: request.operationName,
      extensions: context?.authorization ? { authorization: context.authorization } : undefined,
    });
    return (async function* forward(): AsyncGenerator<ExecutionResult> {
      try {
        for await (const result of iterator) yield result as ExecutionResult;
      } catch (error) {
        // A GraphQL error list from the forum (e.g. UNAUTHENTICATED) passes through; a dropped socket does not.
        if (Array.isArray(error)) {
          yield { errors: error };
          return;
        }
        const detail =
          error instanceof Error
            ? error.message
            : `connection closed (${(error as { code?: number })?.code ?? 'unknown'})`;
        yield { errors: [upstreamUnavailable('forum', detail)] };
      } finally {
        open.delete(client);
        await client.dispose();
      }
    })();
  }) as Executor;
  return Object.assign(executor, {
    async dispose() {
      await Promise.all([...open].map((client) => client.dispose()));
    },
  });
}
