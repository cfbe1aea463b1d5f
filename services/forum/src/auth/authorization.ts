import { AUTHORIZATION_FORMAT, readAuthorization } from '@stadtnetz/identity';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Viewer } from '../context.js';
import { InvalidTokenError, type TokenService } from './token.js';

export type AuthorizationProblem = 'malformed' | 'invalid' | 'expired' | 'revoked';

/** A bad `Authorization` header: the request is refused as a whole, before any field runs. */
export class AuthorizationError extends Error {
  override name = 'AuthorizationError';
  constructor(
    readonly reason: AuthorizationProblem,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The signed-in member named by an `Authorization` value, or null when there is none. A value that is there
 * but wrong (another scheme, no token, a bad, forged or expired token) throws AuthorizationError: a client
 * that sends a token expects to act as that member, so it must not silently become anonymous.
 */
export async function viewerFromAuthorization(
  tokens: TokenService,
  authorization: unknown,
  dataSource?: DataSource,
): Promise<Viewer | null> {
  const presented = readAuthorization(authorization);
  if (presented.kind === 'none') return null;
  if (presented.kind === 'malformed') throw new AuthorizationError('malformed', AUTHORIZATION_FORMAT);
  let claims;
  try {
    claims = await tokens.verify(presented.token);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw new AuthorizationError(error.reason, error.message);
    throw error;
  }
  if (dataSource) {
    // Sessions issued before a password reset end; the visit is noted (at most every five minutes) for digests.
    const [member] = await dataSource.query(
      `WITH seen AS (
         UPDATE member SET last_seen_at = now()
          WHERE id = $1 AND (last_seen_at IS NULL OR last_seen_at < now() - interval '5 minutes') RETURNING id)
       SELECT (extract(epoch FROM sessions_valid_after) * 1000)::float8 AS valid_after FROM member WHERE id = $1`,
      [claims.sub],
    );
    if (member?.valid_after && claims.issuedAtMs < Number(member.valid_after)) {
      throw new AuthorizationError(
        'revoked',
        'This session has ended (the password was changed); please sign in again',
      );
    }
  }
  return { id: claims.sub };
}

/**
 * The GraphQL error for a refused HTTP request: 401 with `WWW-Authenticate` (RFC 6750), so neither a client
 * nor a monitor mistakes it for the server failing. Apollo takes the status and headers from `http` and
 * leaves them out of the body.
 */
export function unauthenticatedRequest(error: AuthorizationError): GraphQLError {
  const description = error.message.replace(/["\\]/g, '');
  return new GraphQLError(error.message, {
    extensions: {
      code: 'UNAUTHENTICATED',
      reason: error.reason,
      http: {
        status: 401,
        headers: new Map([
          [
            'www-authenticate',
            `Bearer realm="stadtnetz", error="invalid_token", error_description="${description}"`,
          ],
        ]),
      },
    },
  });
}

/** The same refusal inside a WebSocket operation, where there is no HTTP status to set. */
export function unauthenticatedOperation(error: AuthorizationError): GraphQLError {
  return new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', reason: error.reason } });
}
