import { GraphQLError } from 'graphql';

/** Bad input: `extensions.field` names the input field, so a form can show the message beside it. */
export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field } });
}

export function unauthenticated(message: string, reason: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', reason } });
}

export function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError('Too many submissions from this member; please try again later.', {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds },
  });
}
