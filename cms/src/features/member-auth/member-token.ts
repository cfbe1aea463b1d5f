import {
  readAuthorization,
  remoteMemberKeys,
  verifyMemberToken,
  type TokenFailure,
} from '@stadtnetz/identity';
import type { JWTVerifyGetKey } from 'jose';

/** A forum member, as far as the CMS knows one: the id from a verified forum token. */
export interface Member {
  id: string;
}

export type MemberTokenFailure = TokenFailure;

export type MemberTokenResult = { member: Member } | { failure: MemberTokenFailure };

export interface MemberTokenVerifier {
  verify(token: string): Promise<MemberTokenResult>;
}

/** Verifies forum tokens against the forum's JWKS (`keys` injected in tests). */
export function createMemberTokenVerifier(options: {
  jwksUrl: string;
  keys?: JWTVerifyGetKey;
}): MemberTokenVerifier {
  const keys = options.keys ?? remoteMemberKeys(options.jwksUrl, { timeoutMs: 3000 });
  return {
    async verify(token) {
      const verified = await verifyMemberToken(token, keys);
      return 'claims' in verified ? { member: { id: verified.claims.sub } } : verified;
    },
  };
}

/** The bearer token of a request, if it carries one. */
export function bearerToken(authorization: string | undefined): string | null {
  const presented = readAuthorization(authorization);
  return presented.kind === 'bearer' ? presented.token : null;
}
