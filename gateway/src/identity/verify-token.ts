import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { GraphQLError } from 'graphql';

/** The forum's tokens: EdDSA JWTs, issuer and audience as the forum signs them. */
const ISSUER = 'stadtnetz-forum';
const AUDIENCE = 'stadtnetz';

export interface Viewer {
  id: string;
}

export type VerifyAuthorization = (authorization: string | undefined) => Promise<Viewer | null>;

const unauthenticated = (message: string, reason: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', reason, http: { status: 401 } } });

/**
 * Verifies `Authorization: Bearer <token>` once, at the edge, against the forum's JWKS. jose caches the key
 * set and fetches it again when a token names a key id it does not know (after a key rotation).
 */
export function createTokenVerifier(jwksUrl: string): VerifyAuthorization {
  const keys = createRemoteJWKSet(new URL(jwksUrl), {
    cooldownDuration: 30_000,
    cacheMaxAge: 10 * 60_000,
    timeoutDuration: 5000,
  });
  return async (authorization) => {
    if (!authorization?.trim()) return null;
    const [scheme, token] = authorization.trim().split(/\s+/);
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw unauthenticated('Send the token as "Authorization: Bearer <token>"', 'format');
    }
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['EdDSA'],
      });
      if (typeof payload.sub !== 'string') throw unauthenticated('The token is not valid', 'invalid');
      return { id: payload.sub };
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      if (error instanceof joseErrors.JWTExpired)
        throw unauthenticated('The sign-in has expired; please sign in again', 'expired');
      if (
        error instanceof joseErrors.JWKSTimeout ||
        (error as { code?: string }).code === 'ERR_JWKS_TIMEOUT'
      ) {
        throw new GraphQLError('Cannot check the sign-in right now', {
          extensions: { code: 'UPSTREAM_UNAVAILABLE', service: 'forum' },
        });
      }
      throw unauthenticated('The token is not valid', 'invalid');
    }
  };
}
