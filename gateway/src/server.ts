import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { Redis } from 'ioredis';
import { authorizationFromConnectionParams, authorizationFromCookie } from '@stadtnetz/identity';
import { pino, type Logger } from 'pino';
import { WebSocketServer } from 'ws';
import {
  createFileApiKeyStore,
  createRedisApiKeyStore,
  type ApiKeyRecord,
  type ApiKeyStore,
} from './api-keys/api-key-store.js';
import {
  createMemoryContentCache,
  createRedisContentCache,
  type ContentCache,
} from './cache/content-cache.js';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { CONTENT_TYPES } from './engine/http-executor.js';
import { createGatewaySubscribe } from './engine/shared-subscriptions.js';
import { SupergraphSource } from './engine/supergraph-source.js';
import { createRateLimiter, type RateLimitDecision } from './guards/rate-limit.js';
import { persistedQueryError } from './guards/persisted-query.js';
import { costError } from './guards/query-cost.js';
import { costOptions, createArmor, limitCodeFor, limitRules, pageSizeError } from './guards/query-limits.js';
import {
  createSubscriptionCaps,
  TOO_MANY_CONNECTIONS_CLOSE_CODE,
  type ConnectionSlots,
} from './guards/subscription-caps.js';
import { addressBucket, createClientAddressResolver } from './identity/client-address.js';
import { createTokenVerifier } from './identity/verify-token.js';
import { createMetrics } from './observability/metrics.js';

export interface GatewayServer {
  url: string;
  port: number;
  cache: ContentCache | undefined;
  apiKeys: ApiKeyStore;
  close(): Promise<void>;
}

const API_KEY_HEADER = 'x-api-key';
const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'QUERY_TOO_COMPLEX',
  'QUERY_TOO_LARGE',
  'TOO_MANY_DIRECTIVES',
  'PAGE_SIZE_TOO_LARGE',
  'OPERATION_RESOLUTION_FAILURE',
]);
const RATE_LIMIT_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after'];

function setRateLimitHeaders(response: Response, decision: RateLimitDecision) {
  // As GitHub does: the budget, what is left, and when the window resets (Unix seconds).
  response.setHeader('x-ratelimit-limit', String(decision.limit));
  response.setHeader('x-ratelimit-remaining', String(decision.remaining));
  response.setHeader('x-ratelimit-reset', String(Math.ceil(Date.now() / 1000) + decision.resetSeconds));
}

function graphqlErrorResponse(
  response: Response,
  status: number,
  message: string,
  extensions: Record<string, unknown>,
) {
  response.status(status).json({ errors: [{ message, extensions }] });
}

/** What leaves the gateway: limit errors get their own codes; internals and stack traces never leave. */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const limitCode = limitCodeFor(formatted.message);
  if (limitCode) {
    return { message: formatted.message.replace(/^Syntax Error: /, ''), extensions: { code: limitCode } };
  }
  if (formatted.message.startsWith('Syntax Error:')) {
    return {
      message: formatted.message,
      locations: formatted.locations,
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    };
  }
  const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
  const code = extensions['code'];
  if (code === undefined || code === 'INTERNAL_SERVER_ERROR') {
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
  return { ...formatted, extensions };
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

/** Metric labels must stay few: the first 200 operation names are kept, the rest are "other". */
function operationLabel(names: Set<string>, name: string | null | undefined) {
  const label = (name ?? 'anonymous').slice(0, 64);
  if (names.has(label)) return label;
  if (names.size < 200) {
    names.add(label);
    return label;
  }
  return 'other';
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
  const rateLimiter = createRateLimiter(config, redis);
  const verifyAuthorization = createTokenVerifier(config.jwksUrl);

  const supergraph = new SupergraphSource(
    config.supergraphPath,
    { cmsUrl: config.cmsUrl, forumUrl: config.forumUrl, timeoutMs: config.upstreamTimeoutMs, metrics, cache },
    logger,
  );

  const app = express();
  app.disable('x-powered-by');
  // req.ip and req.protocol follow the same proxies as the client address below.
  app.set('trust proxy', config.trustProxy.length > 0 ? config.trustProxy : false);
  const resolveClientAddress = createClientAddressResolver({
    trustProxy: config.trustProxy,
    secret: config.clientAddressSecret,
  });
  let warnedIgnoredSecret = false;
  const clientAddressOf = (request: http.IncomingMessage) => {
    const resolved = resolveClientAddress(request);
    if ('address' in resolved && resolved.ignoredSecret && !warnedIgnoredSecret) {
      warnedIgnoredSecret = true;
      logger.warn(
        'a request names its client address with a secret, but CLIENT_ADDRESS_SECRET is not set here: ignored; set the same secret on the website and the gateway',
      );
    }
    return resolved;
  };
  const httpServer = http.createServer(app);

  // Every request gets an id, passed to the subgraphs and written to every log line about it.
  app.use((request: Request, response: Response, next: NextFunction) => {
    const incoming = request.header('x-request-id');
    const requestId = incoming && /^[\w.-]{8,128}$/.test(incoming) ? incoming : randomUUID();
    response.locals['requestId'] = requestId;
    response.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      logger.info(
        {
          requestId,
          method: request.method,
          path: request.path,
          status: response.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          operation: response.locals['operationName'],
        },
        'request',
      );
    });
    next();
  });

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

  app.get('/health', (_request, response) => {
    response.json({ status: 'ok', service: 'gateway' });
  });

  app.get('/ready', async (_request, response) => {
    const probe = async (url: string) => {
      try {
        const answer = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{ __typename }"}',
          signal: AbortSignal.timeout(2000),
        });
        return answer.ok;
      } catch {
        return false;
      }
    };
    const [cms, forum] = await Promise.all([probe(config.cmsUrl), probe(config.forumUrl)]);
    response
      .status(cms && forum ? 200 : 503)
      .json({ status: cms && forum ? 'ready' : 'degraded', cms, forum });
  });

  app.get('/metrics', async (_request, response) => {
    response.setHeader('content-type', metrics.registry.contentType);
    response.send(await metrics.registry.metrics());
  });

  // The CMS announces content changes here; the cached answers that contain that content type go at once.
  app.post('/webhooks/cms', express.json({ limit: '16kb' }), async (request: Request, response: Response) => {
    const fromLoopback = ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(
      request.socket.remoteAddress ?? '',
    );
    const secretOk =
      config.webhookSecret !== undefined && request.header('x-webhook-secret') === config.webhookSecret;
    if (!secretOk && !(config.webhookSecret === undefined && fromLoopback)) {
      response.status(401).json({ error: 'unknown sender' });
      return;
    }
    const model = String(request.body?.model ?? '');
    const type = CONTENT_TYPES.find((name) => name.toLowerCase() === model.replace(/-/g, '').toLowerCase());
    if (!type) {
      response.status(400).json({ error: `unknown model "${model}"` });
      return;
    }
    await cache?.invalidate([type]);
    logger.info(
      { event: request.body?.event, model, documentId: request.body?.documentId },
      'content changed: cache invalidated',
    );
    response.json({ invalidated: type });
  });

  /**
   * The website keeps the member's token in an httpOnly cookie, which its scripts cannot read; the browser
   * sends it with the WebSocket upgrade. Only from an allowed origin, so another site cannot ride on it.
   */
  function sessionFromCookie(cookieHeader: string | undefined, origin: string | undefined) {
    if (!origin || !(config.corsOrigins.includes('*') || config.corsOrigins.includes(origin)))
      return undefined;
    return authorizationFromCookie(cookieHeader);
  }

  /** Identifies the client for the rate limit: a portal by its API key, anyone else by address. */
  async function admit(request: Request, response: Response): Promise<ApiKeyRecord | null | 'refused'> {
    const client = clientAddressOf(request);
    if ('refused' in client) {
      graphqlErrorResponse(response, client.refused.status, client.refused.message, {
        code: client.refused.code,
        reason: 'client-address',
      });
      return 'refused';
    }
    response.locals['clientAddress'] = client.address;
    const presented = request.header(API_KEY_HEADER);
    let apiKey: ApiKeyRecord | null = null;
    if (presented) {
      apiKey = await apiKeys.verify(presented);
      if (!apiKey) {
        graphqlErrorResponse(response, 401, 'Unknown or revoked API key', {
          code: 'UNAUTHENTICATED',
          reason: 'api-key',
        });
        return 'refused';
      }
    }
    const decision = await rateLimiter.consume({
      apiKeyId: apiKey?.id,
      apiKeyLimit: apiKey?.limit,
      address: client.address,
    });
    setRateLimitHeaders(response, decision);
    if (!decision.allowed) {
      metrics.rateLimited.inc({ client: apiKey ? 'api-key' : 'address' });
      response.setHeader('retry-after', String(decision.resetSeconds));
      graphqlErrorResponse(
        response,
        429,
        `Rate limit of ${decision.limit} requests per ${config.rateLimit.windowSeconds} s reached; retry in ${decision.resetSeconds} s`,
        {
          code: 'RATE_LIMITED',
          retryAfter: decision.resetSeconds,
        },
      );
      return 'refused';
    }
    return apiKey;
  }

  const armor = createArmor(config.limits);
  const cost = costOptions(config.limits);
  const operationNames = new Set<string>();
  const observe: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      const stopTimer = metrics.operationDuration.startTimer();
      let label = 'unparsed';
      return {
        async didResolveOperation(requestContext) {
          label = operationLabel(operationNames, requestContext.operationName);
          metrics.requests.inc({ type: requestContext.operation?.operation ?? 'unknown' });
          // Several operations and no (or an unknown) operationName: the client must say which to run.
          // Apollo leaves this to the gateway's executor, which has no operation to run.
          if (!requestContext.operation) {
            const name = requestContext.request.operationName;
            throw new GraphQLError(
              name
                ? `Unknown operation named "${name.slice(0, 100)}"`
                : 'Must provide operation name if query contains multiple operations',
              { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
            );
          }
          const variables = requestContext.request.variables ?? {};
          const tooLarge = pageSizeError(requestContext.document, variables, config.limits.maxPageSize);
          if (tooLarge) throw tooLarge;
          const tooCostly = costError(
            requestContext.schema,
            requestContext.document,
            variables,
            requestContext.operationName,
            cost,
          );
          if (tooCostly) throw tooCostly;
        },
        async willSendResponse(requestContext) {
          stopTimer({ operation: label });
          const body = requestContext.response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
          for (const error of errors ?? [])
            metrics.errors.inc({ code: String(error.extensions?.['code'] ?? 'UNKNOWN') });
          // A request refused before execution for what the client sent is the client's error (400), even when
          // a guard refused it while parsing, which Apollo would otherwise answer with 500.
          const refusedInput =
            body.kind === 'single' &&
            body.singleResult.data === undefined &&
            (errors?.length ?? 0) > 0 &&
            errors!.every((error) => CLIENT_ERROR_CODES.has(String(error.extensions?.['code'])));
          if (refusedInput) requestContext.response.http.status = 400;
        },
      };
    },
  };

  const apollo = new ApolloServer<GatewayContext>({
    gateway: supergraph,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: config.limits.maxTokens },
    validationRules: armor.validationRules,
    plugins: [
      // graphql-armor is typed against Apollo's CommonJS build; the plugins are the same objects.
      ...(armor.plugins as unknown as ApolloServerPlugin<GatewayContext>[]),
      observe,
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });

  // WebSocket: the same schema, guards and identity, for subscriptions (and any operation a client sends).
  let wsSchema: GraphQLSchema | undefined;
  supergraph.onSchema((schema) => (wsSchema = schema));
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: 256 * 1024 });
  const wsRules = [...specifiedRules, ...limitRules(config.limits)];
  const sharedSubscribe = createGatewaySubscribe(metrics);
  const caps = createSubscriptionCaps(config.subscriptions);
  interface ConnectionState {
    authorization?: string;
    viewer: GatewayContext['viewer'];
    apiKey: ApiKeyRecord | null;
    address: string;
    slots: ConnectionSlots;
  }
  const wsCleanup = useServer<Record<string, unknown> | undefined, { state?: ConnectionState }>(
    {
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const request = ctx.extra.request;
        const authorization =
          authorizationFromConnectionParams(params) ??
          sessionFromCookie(request.headers.cookie, request.headers.origin);
        const client = clientAddressOf(request);
        if ('refused' in client) return false;
        const address = client.address;
        try {
          const member = await verifyAuthorization(authorization);
          const presented = params['apiKey'] ?? request.headers[API_KEY_HEADER];
          const apiKey = typeof presented === 'string' ? await apiKeys.verify(presented) : null;
          if (typeof presented === 'string' && !apiKey) return false;
          const decision = await rateLimiter.consume({
            apiKeyId: apiKey?.id,
            apiKeyLimit: apiKey?.limit,
            address,
          });
          if (!decision.allowed) return false;
          const slots = caps.openConnection(addressBucket(address));
          if (!slots) {
            ctx.extra.socket.close(
              TOO_MANY_CONNECTIONS_CLOSE_CODE,
              `Too many connections: at most ${config.subscriptions.connectionsPerAddress} per client address`,
            );
            return false;
          }
          ctx.extra.state = {
            authorization: member?.authorization,
            viewer: member?.viewer ?? null,
            apiKey,
            address,
            slots,
          };
          return true;
        } catch {
          return false; // a bad token closes the connection with 4403 Forbidden
        }
      },
      onClose: (ctx) => {
        if (ctx.extra.state) caps.closeConnection(ctx.extra.state.slots);
      },
      onComplete: (ctx, id) => {
        if (ctx.extra.state) caps.closeOperation(ctx.extra.state.slots, id);
      },
      onSubscribe: async (ctx, id, payload) => {
        const state = ctx.extra.state!;
        const decision = await rateLimiter.consume({
          apiKeyId: state.apiKey?.id,
          apiKeyLimit: state.apiKey?.limit,
          address: state.address,
        });
        if (!decision.allowed) {
          return [
            new GraphQLError('Rate limit reached', {
              extensions: { code: 'RATE_LIMITED', retryAfter: decision.resetSeconds },
            }),
          ];
        }
        const schema = wsSchema;
        if (!schema) return [new GraphQLError('Not ready', { extensions: { code: 'UPSTREAM_UNAVAILABLE' } })];
        let document;
        try {
          document = parse(payload.query, { maxTokens: config.limits.maxTokens });
        } catch (error) {
          const message = (error as Error).message;
          return [
            new GraphQLError(message, {
              extensions: { code: limitCodeFor(message) ?? 'GRAPHQL_PARSE_FAILED' },
            }),
          ];
        }
        let errors: readonly GraphQLError[];
        try {
          errors = validate(schema, document, wsRules);
        } catch (error) {
          // graphql-armor's rules throw when a limit is exceeded rather than report.
          errors = [error instanceof GraphQLError ? error : new GraphQLError((error as Error).message)];
        }
        if (errors.length > 0) {
          return errors.map(
            (error) =>
              new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
                nodes: error.nodes,
                extensions: { code: limitCodeFor(error.message) ?? 'GRAPHQL_VALIDATION_FAILED' },
              }),
          );
        }
        const tooLarge = pageSizeError(document, payload.variables ?? {}, config.limits.maxPageSize);
        if (tooLarge) return [tooLarge];
        const tooCostly = costError(schema, document, payload.variables ?? {}, payload.operationName, cost);
        if (tooCostly) return [tooCostly];
        // Counted last, so an operation refused above holds no slot; released in onComplete or onClose.
        const overCap = caps.openOperation(state.slots, id);
        if (overCap) return [overCap];
        const contextValue: GatewayContext = {
          requestId: randomUUID(),
          authorization: state.authorization,
          viewer: state.viewer,
          clientAddress: state.address,
          apiKeyId: state.apiKey?.id,
        };
        return {
          schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue,
        } satisfies ExecutionArgs;
      },
      subscribe: (args) => sharedSubscribe(args),
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return result;
        return {
          ...result,
          errors: result.errors.map((error) =>
            formatError('toJSON' in error ? (error as GraphQLError).toJSON() : error),
          ),
        } as never;
      },
    },
    wsServer,
  );

  await apollo.start();

  app.use(
    '/graphql',
    async (request: Request, response: Response, next: NextFunction) => {
      if (request.method === 'OPTIONS') return next();
      try {
        const admitted = await admit(request, response);
        if (admitted === 'refused') return;
        response.locals['apiKey'] = admitted;
        next();
      } catch (error) {
        next(error);
      }
    },
    express.json({ limit: '256kb' }),
    (request: Request, response: Response, next: NextFunction) => {
      const source = request.method === 'GET' ? request.query : (request.body as Record<string, unknown>);
      const malformed =
        source && typeof source === 'object' && !Array.isArray(source)
          ? persistedQueryError(source['extensions'], source['query'])
          : undefined;
      if (malformed) return graphqlErrorResponse(response, 400, malformed.message, { code: malformed.code });
      next();
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const member = await verifyAuthorization(req.headers.authorization);
        res.locals['operationName'] = (req.body as { operationName?: string } | undefined)?.operationName;
        return {
          requestId: res.locals['requestId'] as string,
          authorization: member?.authorization,
          viewer: member?.viewer ?? null,
          clientAddress: res.locals['clientAddress'] as string,
          apiKeyId: (res.locals['apiKey'] as ApiKeyRecord | null)?.id,
        };
      },
    }),
  );

  // A body that is not JSON, or too large, is the client's mistake: say so in GraphQL's shape, never a stack.
  app.use(
    (
      error: Error & { status?: number; type?: string },
      _request: Request,
      response: Response,
      _next: NextFunction,
    ) => {
      const status = error.status && error.status < 500 ? error.status : 500;
      if (status === 500) logger.error({ error: error.message }, 'unexpected error');
      graphqlErrorResponse(
        response,
        status,
        status === 413
          ? 'Request body too large'
          : status === 500
            ? 'Internal server error'
            : 'Malformed request body',
        {
          code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST',
        },
      );
    },
  );

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
