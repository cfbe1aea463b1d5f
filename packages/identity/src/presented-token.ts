/** The website's httpOnly cookie with the member's token (the browser sends it with the WebSocket upgrade). */
export const SESSION_COOKIE = 'stadtnetz_session';

/**
 * What a request says about its member: nothing, a bearer token, or something that is not one. A value that
 * is there but wrong is `malformed`, never "anonymous": a client that sends a token expects to act as that
 * member, so it must learn that it does not.
 */
export type PresentedToken = { kind: 'none' } | { kind: 'malformed' } | { kind: 'bearer'; token: string };

const NONE: PresentedToken = { kind: 'none' };
const MALFORMED: PresentedToken = { kind: 'malformed' };

/** How to send a token, for the error a malformed one gets. */
export const AUTHORIZATION_FORMAT = 'Send the token as "Authorization: Bearer <token>"';

/** An `Authorization` value (a header, or a field a client or the gateway sent in its place). */
export function readAuthorization(value: unknown): PresentedToken {
  if (value === undefined || value === null) return NONE;
  if (typeof value !== 'string') return MALFORMED;
  const trimmed = value.trim();
  if (trimmed === '') return NONE;
  const parts = trimmed.split(/\s+/);
  if (parts.length !== 2 || parts[0]!.toLowerCase() !== 'bearer') return MALFORMED;
  return { kind: 'bearer', token: parts[1]! };
}

type Fields = Readonly<Record<string, unknown>> | null | undefined;

/**
 * The authorization a WebSocket client sent in `connection_init`: `authorization` (either case) or a bare
 * `token`. Undefined when it sent none (so a caller may look elsewhere, e.g. at the cookie).
 */
export function authorizationFromConnectionParams(params: Fields): unknown {
  if (!params) return undefined;
  const named = params['authorization'] ?? params['Authorization'];
  if (named !== undefined) return named;
  const token = params['token'];
  if (token === undefined || token === null || token === '') return undefined;
  return typeof token === 'string' ? `Bearer ${token}` : token;
}

/** The authorization the gateway names for one operation it multiplexes over a shared connection. */
export function authorizationFromExtensions(extensions: Fields): unknown {
  return extensions?.['authorization'];
}

/** The member token in a `Cookie` header, as an `Authorization` value, or undefined. */
export function authorizationFromCookie(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const pair of cookieHeader.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0 || pair.slice(0, separator).trim() !== SESSION_COOKIE) continue;
    const value = pair.slice(separator + 1).trim();
    if (!value) return undefined;
    try {
      return `Bearer ${decodeURIComponent(value)}`;
    } catch {
      return 'Bearer'; // undecodable: malformed, never anonymous
    }
  }
  return undefined;
}
