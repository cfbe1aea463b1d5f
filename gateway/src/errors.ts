import type { Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { limitCodeFor } from './guards/query-limits.js';

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

/** An error answered over HTTP before GraphQL runs, in GraphQL's response shape. */
export function graphqlErrorResponse(
  response: Response,
  status: number,
  message: string,
  extensions: Record<string, unknown>,
) {
  response.status(status).json({ errors: [{ message, extensions }] });
}
