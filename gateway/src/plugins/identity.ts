import type { IncomingMessage } from 'node:http';
import {
  authorizationFromConnectionParams,
  authorizationFromCookie,
  readAuthorization,
} from '@stadtnetz/identity';
import type { GatewayConfig } from '../config.js';
import { createTokenVerifier, type VerifiedMember } from '../identity/verify-token.js';

export interface Identity {
  /** The member of an HTTP request (its `Authorization` header); throws UNAUTHENTICATED for a bad token. */
  ofRequest(request: IncomingMessage): Promise<VerifiedMember | null>;
  /**
   * The member of a WebSocket connection: its `connection_init` parameters or, from an allowed origin, the
   * website's session cookie sent with the upgrade. Throws for a bad token.
   */
  ofConnection(
    params: Readonly<Record<string, unknown>> | undefined,
    request: IncomingMessage,
  ): Promise<VerifiedMember | null>;
}

/** One verification of the member token for both transports, once per request or connection. */
export function createIdentity(config: Pick<GatewayConfig, 'jwksUrl' | 'corsOrigins'>): Identity {
  const verify = createTokenVerifier(config.jwksUrl);
  const allowedOrigin = (origin: string | undefined) =>
    origin !== undefined && (config.corsOrigins.includes('*') || config.corsOrigins.includes(origin));

  return {
    ofRequest: (request) => verify(request.headers.authorization),
    ofConnection(params, request) {
      const sent = authorizationFromConnectionParams(params);
      if (readAuthorization(sent).kind !== 'none') return verify(sent);
      // The httpOnly cookie only from an allowed origin, so another site cannot ride on it.
      return verify(
        allowedOrigin(request.headers.origin) ? authorizationFromCookie(request.headers.cookie) : undefined,
      );
    },
  };
}
