import http from 'node:http';
import cors from 'cors';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { createFileApiKeyStore, createRedisApiKeyStore, type ApiKeyStore } from './api-keys/api-key-store.js';
import {
  createMemoryContentCache,
  createRedisContentCache,
  type ContentCache,
} from './cache/content-cache.js';
import type { GatewayConfig } from './config.js';
import { SupergraphSource } from './engine/supergraph-source.js';
import { createRateLimiter } from './guards/rate-limit.js';
import { createMetrics } from './observability/metrics.js';
import {
  API_KEY_HEADER,
  cmsWebhook,
  createAdmission,
  createIdentity,
  createObservability,
  createQueryLimits,
  healthRoutes,
  requestIds,
  type GatewayPlugins,
} from './plugins/index.js';
import { createApollo, graphqlOverHttp, httpErrors, RATE_LIMIT_HEADERS } from './transport/http.js';
import { graphqlOverWebSocket } from './transport/websocket.js';

export { formatError } from './errors.js';

export interface GatewayServer {
  url: string;
  port: number;
  cache: ContentCache | undefined;
  apiKeys: ApiKeyStore;
  close(): Promise<void>;
}

function redisReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', onReady);
  });
}

export async function startGateway(config: GatewayConfig, log?: Logger): Promise<GatewayServer> {
  const logger =
    log ??
    pino({ level: config.logLevel, base: { service: 'gateway' }, timestamp: pino.stdTimeFunctions.isoTime });
  const metrics = createMetrics();
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false })
    : undefined;
  redis?.on('error', (error: Error) => logger.warn({ error: error.message }, 'Redis'));
  // Without an offline queue, commands fail until the connection is up: wait for it briefly so the
  // first requests and key operations after start do not fail. A Redis that is down does not block start.
  if (redis && !(await redisReady(redis, 5_000)))
    logger.warn('Redis is not reachable yet; rate limits and the cache degrade until it is');

  const cache = config.cache.enabled
    ? redis
      ? createRedisContentCache(redis, config.redisKeyPrefix, config.cache.ttlSeconds)
      : createMemoryContentCache(config.cache.ttlSeconds)
    : undefined;
  const apiKeys = redis
    ? createRedisApiKeyStore(redis, config.redisKeyPrefix)
    : createFileApiKeyStore(config.dataDir);
  const supergraph = new SupergraphSource(
    config.supergraphPath,
    {
      cmsUrl: config.cmsUrl,
      forumUrl: config.forumUrl,
      timeoutMs: config.upstreamTimeoutMs,
      coalesce: config.coalesce,
      subgraphBatch: config.subgraphBatch,
      engine: config.engine,
      metrics,
      cache,
    },
    logger,
  );
  let schema: GraphQLSchema | undefined;
  supergraph.onSchema((next) => (schema = next));

  const plugins: GatewayPlugins = {
    admission: createAdmission({
      config,
      apiKeys,
      rateLimiter: createRateLimiter(config, redis),
      metrics,
      logger,
    }),
    identity: createIdentity(config),
    limits: createQueryLimits(config.limits),
    observability: createObservability(metrics, logger),
  };

  const app = express();
  app.disable('x-powered-by');
  // req.ip and req.protocol follow the same proxies as the client address.
  app.set('trust proxy', config.trustProxy.length > 0 ? config.trustProxy : false);
  const httpServer = http.createServer(app);
  const webSocket = graphqlOverWebSocket({
    httpServer,
    schema: () => schema,
    plugins,
    subscriptions: config.subscriptions,
    metrics,
  });
  const apollo = createApollo({
    gateway: supergraph,
    plugins,
    httpServer,
    alsoDrain: () => webSocket.dispose(),
  });
  await apollo.start();

  app.use(requestIds(), plugins.observability.accessLog());
  app.use(
    cors({
      origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
      allowedHeaders: [
        'content-type',
        'authorization',
        API_KEY_HEADER,
        'apollo-require-preflight',
        'x-request-id',
        'x-apollo-operation-name',
      ],
      exposedHeaders: [...RATE_LIMIT_HEADERS, 'x-request-id'],
      maxAge: 600,
    }),
  );
  app.use(healthRoutes(config, metrics), cmsWebhook(config, cache, logger));
  app.use('/graphql', ...graphqlOverHttp(apollo, plugins));
  app.use(httpErrors(logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  logger.info(
    `gateway listening on ${url}/graphql (cms ${config.cmsUrl}, forum ${config.forumUrl}, cache ${cache?.kind ?? 'off'}, rate limits ${redis ? 'in Redis' : 'in memory'})`,
  );

  return {
    url,
    port,
    cache,
    apiKeys,
    async close() {
      await apollo.stop();
      await redis?.quit().catch(() => undefined);
    },
  };
}
