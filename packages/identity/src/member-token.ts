import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTVerifyGetKey,
  type JWTPayload,
} from 'jose';

/** Who signs member tokens (the forum), for whom (the whole platform), and how. Not configuration: a contract. */
export const TOKEN_ISSUER = 'stadtnetz-forum';
export const TOKEN_AUDIENCE = 'stadtnetz';
export const TOKEN_ALGORITHM = 'EdDSA';

/** The longest member id a token may name (the forum's ids are UUIDs). */
const MAX_SUBJECT_LENGTH = 64;

export interface MemberClaims {
  /** The member's id. */
  sub: string;
  role: string;
  /** When the token was issued, in ms (`iat_ms`; `iat` × 1000 for older tokens). */
  issuedAtMs: number;
}

/**
 * Why a token was not accepted. `unavailable`: the key set could not be fetched in time, so nothing can be
 * said about the token — a caller answers "try again", never "signed out".
 */
export type TokenFailure = 'expired' | 'invalid' | 'unavailable';

export type VerifiedToken = { claims: MemberClaims } | { failure: TokenFailure };

/**
 * The forum's published keys, fetched from its JWKS and cached by jose; a token naming an unknown key id
 * makes jose fetch again (after a key rotation), at most every 30 s.
 */
export function remoteMemberKeys(jwksUrl: string, options: { timeoutMs?: number } = {}): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl), {
    timeoutDuration: options.timeoutMs ?? 5000,
    cooldownDuration: 30_000,
    cacheMaxAge: 10 * 60_000,
  });
}

function claimsOf(payload: JWTPayload): MemberClaims | null {
  const { sub } = payload;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_SUBJECT_LENGTH) return null;
  const issuedAtMs = payload['iat_ms'];
  return {
    sub,
    role: typeof payload['role'] === 'string' ? payload['role'] : 'MEMBER',
    issuedAtMs: typeof issuedAtMs === 'number' ? issuedAtMs : (payload.iat ?? 0) * 1000,
  };
}

function isKeySetTimeout(error: unknown): boolean {
  return (
    error instanceof joseErrors.JWKSTimeout ||
    (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ERR_JWKS_TIMEOUT')
  );
}

/** Verifies a member token: signature by one of `keys`, issuer, audience, algorithm, expiry, a sane subject. */
export async function verifyMemberToken(token: string, keys: JWTVerifyGetKey): Promise<VerifiedToken> {
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      algorithms: [TOKEN_ALGORITHM],
    });
    const claims = claimsOf(payload);
    return claims ? { claims } : { failure: 'invalid' };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { failure: 'expired' };
    if (isKeySetTimeout(error)) return { failure: 'unavailable' };
    return { failure: 'invalid' };
  }
}
