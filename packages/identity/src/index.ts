export {
  TOKEN_ALGORITHM,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  remoteMemberKeys,
  verifyMemberToken,
  type MemberClaims,
  type TokenFailure,
  type VerifiedToken,
} from './member-token.js';
export {
  AUTHORIZATION_FORMAT,
  SESSION_COOKIE,
  authorizationFromConnectionParams,
  authorizationFromCookie,
  authorizationFromExtensions,
  readAuthorization,
  type PresentedToken,
} from './presented-token.js';
