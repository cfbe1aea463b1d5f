import type { Viewer } from './identity/verify-token.js';

/** Per request (HTTP) or per operation (WebSocket); passed to the upstream executors. */
export interface GatewayContext {
  requestId: string;
  /** The member's `Authorization` header, forwarded to the subgraphs once verified. */
  authorization: string | undefined;
  viewer: Viewer | null;
  clientAddress: string;
  /** The portal's API key id, when one was sent. */
  apiKeyId: string | undefined;
}
