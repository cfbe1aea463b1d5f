import type http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import type { GatewayContext } from '../context.js';
import { formatError, graphqlErrorResponse } from '../errors.js';
import type { RateLimitDecision } from '../guards/rate-limit.js';
import { persistedQueryError } from '../guards/persisted-query.js';
import {
  API_KEY_HEADER,
  operationContext,
  type AdmittedClient,
  type GatewayPlugins,
} from '../plugins/index.js';

export const RATE_LIMIT_HEADERS = [
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'retry-after',
];

function setRateLimitHeaders(response: Response, decision: RateLimitDecision) {
  // As GitHub does: the budget, what is left, and when the window resets (Unix seconds).
  response.setHeader('x-ratelimit-limit', String(decision.limit));
  response.setHeader('x-ratelimit-remaining', String(decision.remaining));
  response.setHeader('x-ratelimit-reset', String(Math.ceil(Date.now() / 1000) + decision.resetSeconds));
}

/** Apollo Server over the supergraph, with the plugins' parse options, rules and hooks. */
export function createApollo(options: {
  gateway: GatewayInterface;
  plugins: GatewayPlugins;
  httpServer: http.Server;
  /** Closed with the HTTP server (the WebSocket server's cleanup). */
  alsoDrain: () => void | Promise<void>;
}): ApolloServer<GatewayContext> {
  const { plugins } = options;
  const drainAlso: ApolloServerPlugin<GatewayContext> = {
    async serverWillStart() {
      return {
        async drainServer() {
          await options.alsoDrain();
        },
      };
    },
  };
  return new ApolloServer<GatewayContext>({
    gateway: options.gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    allowBatchedHttpRequests: false,
    parseOptions: plugins.limits.parseOptions,
    validationRules: plugins.limits.validationRules,
    plugins: [
      plugins.observability.apolloPlugin,
      plugins.limits.apolloPlugin,
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer }),
      drainAlso,
    ],
  });
}

/**
 * `/graphql` over HTTP: admission (address, API key, rate limit) before the body is read, then the body,
 * persisted-query sanity, and Apollo with the member's identity in the context.
 */
export function graphqlOverHttp(
  apollo: ApolloServer<GatewayContext>,
  plugins: GatewayPlugins,
): RequestHandler[] {
  const admit: RequestHandler = async (request: Request, response: Response, next: NextFunction) => {
    if (request.method === 'OPTIONS') return next();
    try {
      const identified = await plugins.admission.identify(request, request.header(API_KEY_HEADER));
      if ('refused' in identified) {
        const { status, message, extensions } = identified.refused;
        return graphqlErrorResponse(response, status, message, extensions);
      }
      const counted = await plugins.admission.count(identified.client);
      setRateLimitHeaders(response, counted.decision);
      if (counted.refused) {
        const { status, message, extensions, retryAfterSeconds } = counted.refused;
        if (retryAfterSeconds !== undefined) response.setHeader('retry-after', String(retryAfterSeconds));
        return graphqlErrorResponse(response, status, message, extensions);
      }
      response.locals['client'] = identified.client;
      next();
    } catch (error) {
      next(error);
    }
  };

  const persistedQueries: RequestHandler = (request, response, next) => {
    const source = request.method === 'GET' ? request.query : (request.body as Record<string, unknown>);
    const malformed =
      source && typeof source === 'object' && !Array.isArray(source)
        ? persistedQueryError(source['extensions'], source['query'])
        : undefined;
    if (malformed) return graphqlErrorResponse(response, 400, malformed.message, { code: malformed.code });
    next();
  };

  return [
    admit,
    express.json({ limit: '256kb' }),
    persistedQueries,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const member = await plugins.identity.ofRequest(req);
        res.locals['operationName'] = (req.body as { operationName?: string } | undefined)?.operationName;
        return operationContext(
          res.locals['requestId'] as string,
          member,
          res.locals['client'] as AdmittedClient,
        );
      },
    }),
  ];
}

/** A body that is not JSON, or too large, is the client's mistake: say so in GraphQL's shape, never a stack. */
export function httpErrors(logger: Logger) {
  return (error: Error & { status?: number }, _request: Request, response: Response, _next: NextFunction) => {
    const status = error.status && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ error: error.message }, 'unexpected error');
    const message =
      status === 413
        ? 'Request body too large'
        : status === 500
          ? 'Internal server error'
          : 'Malformed request body';
    graphqlErrorResponse(response, status, message, {
      code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST',
    });
  };
}
