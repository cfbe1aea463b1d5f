import { randomUUID } from 'node:crypto';
import {
  createSharedSubscribe,
  keyUnlessReplaying,
  subscribeWithContextPerEvent,
} from '@stadtnetz/shared-subscriptions';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.js';
import type { Metrics } from '../observability/metrics.js';

/**
 * Clients that subscribe with the same operation, variables and member share one stream: one upstream
 * subscription at the forum and one execution per event, whose result goes to all of them. Five thousand
 * readers of a thread cost the forum one subscriber, not five thousand.
 */
export function createGatewaySubscribe(metrics: Metrics) {
  return createSharedSubscribe({
    // Per member (anonymous readers share); a replay from a cursor is its one client's own.
    keyOf: keyUnlessReplaying((args) => (args.contextValue as GatewayContext).authorization ?? ''),
    // Each event gets its own context (and request id): the stitching layer's batching executors and
    // loaders are keyed by the context, and would otherwise keep every event of a long subscription.
    subscribe: subscribeWithContextPerEvent((context): GatewayContext => ({
      ...(context as GatewayContext),
      requestId: randomUUID(),
    })),
    failureResult: (error) => ({
      errors: [
        new GraphQLError(error instanceof Error ? error.message : 'The forum is unavailable', {
          extensions: { code: 'UPSTREAM_UNAVAILABLE' },
        }),
      ],
    }),
    onClientCountChange: (delta) =>
      delta > 0 ? metrics.openSubscriptions.inc() : metrics.openSubscriptions.dec(),
    onSharedSourceCount: (count) => metrics.sharedUpstreamSubscriptions.set(count),
  });
}
