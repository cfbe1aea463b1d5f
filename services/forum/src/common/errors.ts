import { GraphQLError } from 'graphql';

/** The error codes clients can rely on (`extensions.code`). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  /** A service the forum needs for this request (the CMS) did not answer; nothing was written. */
  | 'UPSTREAM_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export function clientError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export const badInput = (field: string, reason: string) =>
  clientError('BAD_USER_INPUT', `${field}: ${reason}`, { field, reason });

export const notFound = (what: string) => clientError('NOT_FOUND', `${what} not found`);

export const forbidden = (
  message = 'You are not allowed to do this',
  extensions: Record<string, unknown> = {},
) => clientError('FORBIDDEN', message, extensions);

export const unauthenticated = (message = 'Please sign in first') => clientError('UNAUTHENTICATED', message);
