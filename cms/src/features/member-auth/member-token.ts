import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';

/** A forum member, as far as the CMS knows one: the id from a verified forum token. */
export interface Member {
  id: string;
}

export type MemberTokenFailure = 'expired' | 'invalid';

export type MemberTokenResult = { member: Member } | { failure: MemberTokenFailure };

export interface MemberTokenVerifier {
  verify(token: string): Promise<MemberTokenResult>;
}

export interface MemberTokenOptions {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Injected in tests; by default the forum's JWKS, fetched and cached by jose. */
  keys?: JWTVerifyGetKey;
}

/**
 * Verifies the forum's JWTs (EdDSA / Ed25519) against the forum's JWKS. jose caches the key set and
 * refetches it when a token names an unknown key id, so a key rotation in the forum needs no restart.
 */
export function createMemberTokenVerifier(options: MemberTokenOptions): MemberTokenVerifier {
  const keys =
    options.keys ??
    createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 3000, cooldownDuration: 30_000 });
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: ['EdDSA'],
        });
        if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 64) {
          return { failure: 'invalid' };
        }
        return { member: { id: payload.sub } };
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) return { failure: 'expired' };
        return { failure: 'invalid' };
      }
    },
  };
}

/** The bearer token of a request, if it carries one. */
export function bearerToken(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  return match?.[1] ?? null;
}
