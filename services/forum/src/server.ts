import 'reflect-metadata';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import express from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { createSharedSubscribe, keyUnlessReplaying } from '@stadtnetz/shared-subscriptions';
import { useServer } from 'graphql-ws/use/ws';
import { Redis } from 'ioredis';
import type { ValidationError } from 'class-validator';
import { WebSocketServer } from 'ws';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { createSignInLimiter } from './auth/sign-in-limiter.js';
import { InvalidTokenError, createTokenService } from './auth/token.js';
import { clientError } from './common/errors.js';
import type { ForumConfig } from './config.js';
import { createContext, type ForumContext, type ForumServices, type Viewer } from './context.js';
import { createDataSource, migrate } from './database/data-source.js';
import { createLiveEvents } from './live/pubsub.js';
import { createLog, type Log } from './log.js';
import { buildForumSchema } from './schema/build-schema.js';

export interface ForumServer {
  url: string;
  port: number;
  services: ForumServices;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Receives every SQL statement (tests count them). */
  sqlLogger?: TypeOrmLogger;
  log?: Log;
}

/** Turns class-validator's report into the one field and reason a client can show beside the input. */
function describeValidation(errors: ValidationError[], prefix = ''): { field: string; reason: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...describeValidation(error.children ?? [], field)];
  });
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const validationErrors = (original as GraphQLError | undefined)?.extensions?.['validationErrors'] as
    ValidationError[] | undefined;
  if (validationErrors) {
    const problems = describeValidation(validationErrors).map(({ field, reason }) => ({
      // class-validator's own messages start with the property name; ours do not
      field: field.replace(/^input\./, ''),
      reason: reason.replace(new RegExp(`^${field.split('.').at(-1)} `), ''),
    }));
    const [first] = problems;
    return {
      message: first ? `${first.field}: ${first.reason}` : 'Invalid input',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'BAD_USER_INPUT', field: first?.field, reason: first?.reason, problems },
    };
  }
  const code = formatted.extensions?.['code'];
  if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
    // Never tell a client about our internals.
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
  const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
  return { ...formatted, extensions };
}

export async function startForum(config: ForumConfig, options: StartOptions = {}): Promise<ForumServer> {
  const log = options.log ?? createLog(config.logLevel);
  const dataSource = await createDataSource(config, { logger: options.sqlLogger });
  await dataSource.initialize();
  await migrate(dataSource);

  const live = createLiveEvents(config.redisUrl, (message) => log.warn(message));
  const limiterRedis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  limiterRedis?.on('error', (error: Error) => log.warn(`Redis (rate limits): ${error.message}`));
  const services: ForumServices = {
    config,
    dataSource,
    tokens: await createTokenService(dataSource, {
      configuredKey: config.jwtPrivateKey,
      ttlSeconds: config.tokenTtlSeconds,
    }),
    pubSub: live.pubSub,
    signInLimiter: createSignInLimiter(
      { ...config.signInLimits, keyPrefix: config.redisKeyPrefix },
      limiterRedis,
    ),
  };
  const schema = await buildForumSchema(live.pubSub);

  async function viewerFrom(authorization: unknown): Promise<Viewer | null> {
    if (typeof authorization !== 'string' || authorization.trim() === '') return null;
    const [scheme, token] = authorization.trim().split(/\s+/);
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw clientError('UNAUTHENTICATED', 'Send the token as "Authorization: Bearer <token>"');
    }
    try {
      const claims = await services.tokens.verify(token);
      return { id: claims.sub };
    } catch (error) {
      if (error instanceof InvalidTokenError)
        throw clientError('UNAUTHENTICATED', error.message, { reason: error.reason });
      throw error;
    }
  }

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const httpServer = http.createServer(app);

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  // Members who subscribe to the same thing share one stream: each event is executed once and sent to all.
  const sharedSubscribe = createSharedSubscribe({
    // Per member (anonymous readers share); a replay from a cursor is its one client's own.
    keyOf: keyUnlessReplaying((args) => (args.contextValue as ForumContext).viewer?.id ?? ''),
    failureResult: (error) => {
      log.warn(`live stream failed: ${error instanceof Error ? error.message : String(error)}`);
      return {
        errors: [
          clientError(
            'INTERNAL_SERVER_ERROR',
            'Live updates were interrupted: subscribe again, with `after` to catch up',
          ),
        ],
      };
    },
  });
  const wsCleanup = useServer(
    {
      schema,
      subscribe: (args) => sharedSubscribe(args),
      context: async (ctx, _id, payload) => {
        const params = ctx.connectionParams ?? {};
        // A gateway multiplexes many members over one connection and names each operation's member in
        // its extensions; a direct client signs in once, in connectionParams. Either token is verified.
        const authorization =
          payload.extensions?.['authorization'] ??
          params['authorization'] ??
          params['Authorization'] ??
          (params['token'] ? `Bearer ${params['token']}` : undefined);
        const request = ctx.extra.request;
        return createContext(
          services,
          await viewerFrom(authorization),
          request.socket.remoteAddress ?? 'unknown',
        );
      },
      onConnect: async (ctx) => {
        // Refuse a bad token at connection time, so the client learns it at once.
        const params = ctx.connectionParams ?? {};
        const authorization =
          params['authorization'] ??
          params['Authorization'] ??
          (params['token'] ? `Bearer ${params['token']}` : undefined);
        try {
          await viewerFrom(authorization);
          return true;
        } catch {
          return false;
        }
      },
      onError: (_ctx, _id, _payload, errors) => {
        for (const error of errors) log.debug(`subscription error: ${error.message}`);
      },
    },
    wsServer,
  );

  const apollo = new ApolloServer<ReturnType<typeof createContext>>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
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
  await apollo.start();

  app.get('/health', (_request, response) => {
    response.json({ status: 'ok', service: 'forum' });
  });
  app.get('/ready', async (_request, response) => {
    const database = await dataSource
      .query('SELECT 1')
      .then(() => true)
      .catch(() => false);
    const events = live.isHealthy();
    response
      .status(database && events ? 200 : 503)
      .json({ status: database && events ? 'ready' : 'unavailable', database, events });
  });
  app.get('/.well-known/jwks.json', (_request, response) => {
    response.set('Cache-Control', 'public, max-age=300').json(services.tokens.jwks());
  });
  app.use(
    '/graphql',
    express.json({ limit: '256kb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        createContext(
          services,
          await viewerFrom(req.headers.authorization),
          req.ip ?? req.socket.remoteAddress ?? 'unknown',
        ),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  log.info(
    `forum listening on ${url}/graphql (${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`}, ${live.shared ? 'Redis' : 'in-memory'} events)`,
  );

  return {
    url,
    port,
    services,
    async close() {
      await apollo.stop();
      await live.close();
      await limiterRedis?.quit().catch(() => undefined);
      await dataSource.destroy();
    },
  };
}
