import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics, served at /metrics. One registry per gateway instance (tests start several). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gateway_' });
  const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  return {
    registry,
    requests: new Counter({
      name: 'gateway_graphql_requests_total',
      help: 'GraphQL operations, by operation type',
      labelNames: ['type'] as const,
      registers: [registry],
    }),
    errors: new Counter({
      name: 'gateway_graphql_errors_total',
      help: 'GraphQL errors returned to clients, by extensions.code',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
    operationDuration: new Histogram({
      name: 'gateway_operation_duration_seconds',
      help: 'Time to answer an operation, by operation name',
      labelNames: ['operation'] as const,
      buckets,
      registers: [registry],
    }),
    upstreamDuration: new Histogram({
      name: 'gateway_upstream_duration_seconds',
      help: 'Time a subgraph took to answer, by subgraph and outcome',
      labelNames: ['upstream', 'outcome'] as const,
      buckets,
      registers: [registry],
    }),
    upstreamErrors: new Counter({
      name: 'gateway_upstream_unavailable_total',
      help: 'Subgraph calls that failed (down, slow, or not answering GraphQL)',
      labelNames: ['upstream'] as const,
      registers: [registry],
    }),
    cacheLookups: new Counter({
      name: 'gateway_cache_lookups_total',
      help: 'CMS answer cache lookups, by result',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    openSubscriptions: new Gauge({
      name: 'gateway_open_subscriptions',
      help: 'Subscriptions open on this gateway',
      registers: [registry],
    }),
    sharedUpstreamSubscriptions: new Gauge({
      name: 'gateway_shared_subscription_streams',
      help: 'Distinct subscription streams, each shared by every client with the same operation',
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'gateway_rate_limited_total',
      help: 'Requests refused by the rate limit',
      labelNames: ['client'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
