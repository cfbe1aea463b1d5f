import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { GatewayContext } from '../context.js';
import type { Metrics } from '../observability/metrics.js';

export interface Observability {
  /** HTTP: one log line per request, with its id, status, time and operation name. */
  accessLog(): (request: Request, response: Response, next: NextFunction) => void;
  /** Apollo (HTTP): operations by type, time by operation name, errors by code. */
  apolloPlugin: ApolloServerPlugin<GatewayContext>;
  /**
   * WebSocket: the same counts for an operation (by type; refused ones by their errors' codes). Durations are
   * HTTP's only: a subscription's lifetime is not an answer time.
   */
  countOperation(type: string, errors?: readonly GraphQLFormattedError[]): void;
}

/** One observer for both transports: the same metrics whether an operation came over HTTP or WebSocket. */
export function createObservability(metrics: Metrics, logger: Logger): Observability {
  // Metric labels must stay few: the first 200 operation names are kept, the rest are "other".
  const names = new Set<string>();
  const labelOf = (name: string | null | undefined) => {
    const label = (name ?? 'anonymous').slice(0, 64);
    if (names.has(label)) return label;
    if (names.size < 200) {
      names.add(label);
      return label;
    }
    return 'other';
  };
  const countErrors = (errors: readonly GraphQLFormattedError[] | undefined) => {
    for (const error of errors ?? [])
      metrics.errors.inc({ code: String(error.extensions?.['code'] ?? 'UNKNOWN') });
  };

  return {
    accessLog: () => (request, response, next) => {
      const started = process.hrtime.bigint();
      response.on('finish', () => {
        logger.info(
          {
            requestId: response.locals['requestId'],
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
    },

    apolloPlugin: {
      async requestDidStart() {
        const stopTimer = metrics.operationDuration.startTimer();
        let label = 'unparsed';
        return {
          async didResolveOperation(requestContext) {
            label = labelOf(requestContext.operationName);
            metrics.requests.inc({ type: requestContext.operation?.operation ?? 'unknown' });
          },
          async willSendResponse(requestContext) {
            stopTimer({ operation: label });
            const body = requestContext.response.body;
            countErrors(body.kind === 'single' ? body.singleResult.errors : undefined);
          },
        };
      },
    },

    countOperation(type, errors) {
      metrics.requests.inc({ type });
      countErrors(errors);
    },
  };
}
