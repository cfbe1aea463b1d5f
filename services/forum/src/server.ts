import { authorizationFromConnectionParams, authorizationFromExtensions } from '@stadtnetz/identity';
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
import { createPasswordHasher } from './auth/password-hasher.js';
import { createRegistrationLimiter } from './auth/registration-limiter.js';
import { createAccountMailLimiter } from './auth/mail-limiter.js';
import { createSignInLimiter } from './auth/sign-in-limiter.js';
import {
  AuthorizationError,
  unauthenticatedOperation,
  unauthenticatedRequest,
  viewerFromAuthorization,
} from './auth/authorization.js';
import { createTokenService } from './auth/token.js';
import { clientError } from './common/errors.js';
import { createLimiterFactory } from './common/rate-limits.js';
import { sameSecret } from './common/shared-secret.js';
import { createCmsReferenceChecker } from './federation/cms-reference-check.js';
import { editorApi } from './workshop-signup/editor-api.js';
import { announcePublication } from './content/content-event.js';
import { anonymiseOldRegistrations, scheduleRetention } from './workshop-signup/retention.js';
import { scheduleInvitationSync, syncInvitations } from './workshop-signup/invitation-sync.js';
import { signupMails } from './workshop-signup/signup-mails.js';
import { SignupService } from './workshop-signup/signup.service.js';
import { createWorkshopSettingsSource } from './workshop-signup/workshop-settings.js';
import { clientAddressOf, compileTrust } from './http/client-address.js';
import { answerMalformedHttp, jsonErrorHandler, notFound, requireJsonBody } from './http/json-errors.js';
import type { ForumConfig } from './config.js';
import { createContext, type ForumContext, type ForumServices, type Viewer } from './context.js';
import { createDataSource, migrate } from './database/data-source.js';
import { createLiveEvents } from './live/pubsub.js';
import { createLog, type Log } from './log.js';
import { buildForumSchema } from './schema/build-schema.js';
import { createMailer } from './mail/mailer.js';
import { queueDueDigests } from './mail/digest.js';
import { receiveCmsEvent, startCmsEventAnnouncer } from './federation/cms-events.js';
import type { MailTransport } from './mail/transport.js';

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
  /** Another way to send mail than SMTP (never in tests of what a user meets). */
  mailTransport?: MailTransport;
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

/** How often events a CMS outage left waiting are tried again (new ones are announced as they arrive). */
const CMS_EVENT_RETRY_MS = 2000;

export async function startForum(config: ForumConfig, options: StartOptions = {}): Promise<ForumServer> {
  const log = options.log ?? createLog(config.logLevel);
  const dataSource = await createDataSource(config, { logger: options.sqlLogger });
  await dataSource.initialize();
  await migrate(dataSource);

  const limiterRedis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  limiterRedis?.on('error', (error: Error) => log.warn(`Redis (rate limits): ${error.message}`));
  const makeLimiter = createLimiterFactory(config.redisKeyPrefix, limiterRedis);
  // Whose X-Forwarded-For is believed, the same for HTTP and WebSocket.
  const trust = compileTrust(config.trustProxy);
  const tokens = await createTokenService(dataSource, {
    configuredKey: config.jwtPrivateKey,
    ttlSeconds: config.tokenTtlSeconds,
  });
  const live = createLiveEvents(config.redisUrl, (message) => log.warn(message));
  const mail = createMailer(config, dataSource, tokens, log, {
    transport: options.mailTransport,
    periodic: async (outbox) => {
      await queueDueDigests(dataSource, { outbox, mail: config.mail });
    },
  });
  const services: ForumServices = {
    config,
    dataSource,
    tokens,
    mail,
    pubSub: live.pubSub,
    signInLimiter: createSignInLimiter(config.signInLimits, makeLimiter),
    registrationLimiter: createRegistrationLimiter(config.registrationLimits, makeLimiter),
    accountMailLimiter: createAccountMailLimiter(config.mail.limits, makeLimiter),
    passwords: createPasswordHasher({ logCost: config.passwordHashCost, ...config.passwordHashing }),
    cmsReferences: createCmsReferenceChecker({ cmsUrl: config.cmsUrl, timeoutMs: config.cmsTimeoutMs }, log),
    workshopSettings: createWorkshopSettingsSource(
      { cmsUrl: config.cmsUrl, timeoutMs: config.cmsTimeoutMs },
      log,
    ),
    signups: new SignupService(dataSource, signupMails({ outbox: mail.outbox, mail: config.mail })),
  };
  const schema = await buildForumSchema(live.pubSub);
  // Published content is announced to its followers — live, and by mail as they chose.
  const announcer = startCmsEventAnnouncer({
    dataSource,
    cmsUrl: config.cmsUrl,
    timeoutMs: config.cmsTimeoutMs,
    outbox: mail.outbox,
    pubSub: live.pubSub,
    log,
    retryMs: CMS_EVENT_RETRY_MS,
    onAnnounced: () => mail.worker.wake(),
  });

  /** Over WebSocket a bad token fails the operation (or, at connection time, refuses the connection). */
  async function operationViewer(authorization: unknown): Promise<Viewer | null> {
    try {
      return await viewerFromAuthorization(services.tokens, authorization, dataSource);
    } catch (error) {
      throw error instanceof AuthorizationError ? unauthenticatedOperation(error) : error;
    }
  }

  /** Over HTTP a bad token is refused with 401 before anything runs. */
  async function requestViewer(authorization: unknown): Promise<Viewer | null> {
    try {
      return await viewerFromAuthorization(services.tokens, authorization, dataSource);
    } catch (error) {
      throw error instanceof AuthorizationError ? unauthenticatedRequest(error) : error;
    }
  }

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const httpServer = http.createServer(app);
  answerMalformedHttp(httpServer);

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
          authorizationFromExtensions(payload.extensions) ?? authorizationFromConnectionParams(params);
        const request = ctx.extra.request;
        return createContext(services, await operationViewer(authorization), clientAddressOf(request, trust));
      },
      onConnect: async (ctx) => {
        // Refuse a bad token at connection time, so the client learns it at once.
        try {
          await operationViewer(authorizationFromConnectionParams(ctx.connectionParams));
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
        // Clients get "Internal server error" and nothing else (formatError); operators get the cause.
        async requestDidStart() {
          return {
            async didEncounterErrors({ errors }) {
              for (const error of errors) {
                const code = error.extensions?.['code'];
                if (code !== undefined && code !== 'INTERNAL_SERVER_ERROR') continue;
                const cause = error.originalError ?? error;
                log.error(
                  { err: cause, path: error.path?.join('.') },
                  'internal error in a GraphQL operation',
                );
              }
            },
          };
        },
      },
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
  const fromLoopback = (request: express.Request) =>
    ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(request.socket.remoteAddress ?? '');

  // The CMS announces published content here (authenticated by the shared secret, or from loopback without
  // one); each event is taken once by its id, so a repeated delivery announces nothing twice.
  app.post('/webhooks/cms', express.json({ limit: '16kb' }), async (request, response, next) => {
    const secret = config.cmsWebhookSecret;
    const secretOk = secret !== undefined && sameSecret(request.header('x-webhook-secret'), secret);
    if (!secretOk && !(secret === undefined && fromLoopback(request))) {
      response.status(401).json({ error: 'unknown sender', code: 'UNAUTHENTICATED' });
      return;
    }
    try {
      const outcome = await receiveCmsEvent(dataSource, request.body);
      if (outcome === 'invalid') {
        response.status(400).json({ error: 'not a content event', code: 'BAD_REQUEST' });
        return;
      }
      // Live for portals too (contentPublished), once per event as the rest.
      const announced = outcome !== 'duplicate' && announcePublication(services.pubSub, request.body);
      if (outcome === 'accepted') announcer.wake();
      response.json({ outcome, announced });
    } catch (error) {
      next(error);
    }
  });

  // `npm run digest -- --now` asks a running forum to send the due digests (only from this machine).
  app.post('/internal/digests', async (request, response, next) => {
    if (!fromLoopback(request)) {
      response.status(403).json({ error: 'only from this machine', code: 'FORBIDDEN' });
      return;
    }
    try {
      const run = await queueDueDigests(dataSource, { outbox: mail.outbox, mail: config.mail });
      await mail.worker.drain();
      response.json(run);
    } catch (error) {
      next(error);
    }
  });

  app.use(
    '/graphql',
    requireJsonBody,
    express.json({ limit: '256kb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        createContext(services, await requestViewer(req.headers.authorization), clientAddressOf(req, trust)),
    }),
  );
  app.use('/editor', editorApi(services));
  app.use(notFound);
  app.use(jsonErrorHandler(log));

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

  if (config.mail.worker) mail.worker.start();
  const invitations = scheduleInvitationSync(
    () =>
      syncInvitations({
        dataSource,
        settings: services.workshopSettings,
        outbox: mail.outbox,
        mail: config.mail,
      }).then((result) => {
        if (result.updated + result.reminded + result.calledOff > 0) mail.worker.wake();
        return result;
      }),
    log,
  );
  const retention = scheduleRetention(
    () => anonymiseOldRegistrations(dataSource, services.workshopSettings, config.registrationRetentionDays),
    log,
  );

  return {
    url,
    port,
    services,
    async close() {
      retention.stop();
      invitations.stop();
      await apollo.stop();
      await announcer.stop();
      await mail.worker.stop();
      await live.close();
      await limiterRedis?.quit().catch(() => undefined);
      await dataSource.destroy();
    },
  };
}
