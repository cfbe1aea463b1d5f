import { errors as strapiErrors } from '@strapi/utils';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DeadlineExceeded, REQUEST_TIMEOUT } from './deadline';

/** Bad input: `extensions.field` names the input field, so a form can show the message beside it. */
export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field } });
}

export function unauthenticated(message: string, reason: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', reason } });
}

/** The forum's keys could not be fetched: nothing can be said about the token yet. */
export function signInUncheckable(): GraphQLError {
  return new GraphQLError('The sign-in cannot be checked right now; please try again.', {
    extensions: { code: 'UPSTREAM_UNAVAILABLE', service: 'forum' },
  });
}

export function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError('Too many submissions from this member; please try again later.', {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds },
  });
}

const {
  ApplicationError,
  ForbiddenError,
  HttpError,
  NotFoundError,
  PaginationError,
  UnauthorizedError,
  ValidationError,
} = strapiErrors;

/** The error a resolver threw, from inside graphql-js's located error (as Apollo's unwrapResolverError does). */
function originalOf(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.path && current.originalError)
    current = current.originalError;
  return current;
}

/** Validation messages of rules that have no code of their own. */
const MESSAGE_CODES: [RegExp, string][] = [[/exceeds maximum operation depth/i, 'QUERY_TOO_DEEP']];

/** Anything that looks like a file path or a stack frame. */
const PATH_LIKE = /(?:[A-Za-z]:)?(?:[\\/][\w@.+-]+){2,}\.(?:[cm]?js|ts|json|node)\b|node_modules|\bat \S+ \(/;

function codeOf(original: unknown, formatted: GraphQLFormattedError): string | null {
  if (original instanceof DeadlineExceeded) return REQUEST_TIMEOUT;
  if (original instanceof ForbiddenError || original instanceof UnauthorizedError) return 'FORBIDDEN';
  if (original instanceof ValidationError || original instanceof PaginationError) return 'BAD_USER_INPUT';
  if (original instanceof NotFoundError) return 'NOT_FOUND';
  if (original instanceof ApplicationError || original instanceof HttpError)
    return `STRAPI_${original.name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;
  const byMessage = MESSAGE_CODES.find(([pattern]) => pattern.test(formatted.message));
  if (byMessage) return byMessage[1];
  if (original instanceof GraphQLError || !(original instanceof Error))
    return (formatted.extensions?.code as string | undefined) ?? 'BAD_REQUEST';
  return null;
}

/**
 * Apollo's `formatError` for the CMS: every error carries `extensions.code`, none a stack trace or a file path, in
 * every NODE_ENV. Strapi's own errors keep the codes Strapi gives them (FORBIDDEN, BAD_USER_INPUT, STRAPI_…) and
 * their `extensions.error` summary; anything unexpected is logged and answered as INTERNAL_SERVER_ERROR with a
 * generic message, so that nothing of the server's inside reaches the caller.
 */
export function createFormatError(log: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = originalOf(error);
    const code = codeOf(original, formatted);
    const extensions: Record<string, unknown> = { ...(formatted.extensions ?? {}) };
    delete extensions.stacktrace;
    delete extensions.exception;
    if (code === null) {
      log(original);
      return { message: 'Internal Server Error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    if (original instanceof ApplicationError || original instanceof HttpError) {
      const { name, message, details } = original as { name: string; message: string; details?: unknown };
      extensions.error = { name, message, details };
    }
    let message = original instanceof DeadlineExceeded ? 'The request ran out of time' : formatted.message;
    if (PATH_LIKE.test(message)) message = 'The request could not be processed';
    return {
      message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { ...extensions, code },
    };
  };
}
