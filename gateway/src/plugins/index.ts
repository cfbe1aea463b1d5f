import type { GatewayContext } from '../context.js';
import type { VerifiedMember } from '../identity/verify-token.js';
import type { Admission, AdmittedClient } from './admission.js';
import type { Identity } from './identity.js';
import type { Observability } from './observability.js';
import type { QueryLimits } from './query-limits.js';

export {
  createAdmission,
  API_KEY_HEADER,
  type Admission,
  type AdmittedClient,
  type Refusal,
} from './admission.js';
export { cmsWebhook } from './cms-webhook.js';
export { healthRoutes } from './health.js';
export { createIdentity, type Identity } from './identity.js';
export { createObservability, type Observability } from './observability.js';
export { createQueryLimits, type QueryLimits } from './query-limits.js';
export { requestIdOf, requestIds } from './request-id.js';

/**
 * The guards and observers every GraphQL operation passes, composed once and handed to both transports
 * (transport/http.ts, transport/websocket.ts): a guard cannot exist on one of them only.
 */
export interface GatewayPlugins {
  admission: Admission;
  identity: Identity;
  limits: QueryLimits;
  observability: Observability;
}

/** What the upstream executors get for one request (HTTP) or one operation (WebSocket). */
export function operationContext(
  requestId: string,
  member: VerifiedMember | null,
  client: AdmittedClient,
): GatewayContext {
  return {
    requestId,
    authorization: member?.authorization,
    viewer: member?.viewer ?? null,
    clientAddress: client.address,
    apiKeyId: client.apiKey?.id,
  };
}
