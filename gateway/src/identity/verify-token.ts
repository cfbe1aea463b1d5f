import { GraphQLError } from 'graphql';
import {
  AUTHORIZATION_FORMAT,
  readAuthorization,
  remoteMemberKeys,
  verifyMemberToken,
} from '@stadtnetz/identity';

export interface Viewer {
  id: string;
}

/** A verified member and the `Authorization` value to forward to the subgraphs on their behalf. */
export interface VerifiedMember {
  viewer: Viewer;
  authorization: string;
}

export type VerifyAuthorization = (authorization: unknown) => Promise<VerifiedMember | null>;

const unauthenticated = (message: string, reason: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', reason, http: { status: 401 } } });

/** Verifies the member's `Authorization` once, at the edge, against the forum's JWKS. */
export function createTokenVerifier(jwksUrl: string): VerifyAuthorization {
  const keys = remoteMemberKeys(jwksUrl);
  return async (authorization) => {
    const presented = readAuthorization(authorization);
    if (presented.kind === 'none') return null;
    if (presented.kind === 'malformed') throw unauthenticated(AUTHORIZATION_FORMAT, 'format');
    const verified = await verifyMemberToken(presented.token, keys);
    if ('claims' in verified)
      return { viewer: { id: verified.claims.sub }, authorization: `Bearer ${presented.token}` };
    switch (verified.failure) {
      case 'expired':
        throw unauthenticated('The sign-in has expired; please sign in again', 'expired');
      case 'unavailable':
        throw new GraphQLError('Cannot check the sign-in right now', {
          extensions: { code: 'UPSTREAM_UNAVAILABLE', service: 'forum' },
        });
      case 'invalid':
        throw unauthenticated('The token is not valid', 'invalid');
    }
  };
}
