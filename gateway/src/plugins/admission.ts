import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { ApiKeyRecord, ApiKeyStore } from '../api-keys/api-key-store.js';
import type { GatewayConfig } from '../config.js';
import type { RateLimitDecision, RateLimiter } from '../guards/rate-limit.js';
import { createClientAddressResolver } from '../identity/client-address.js';
import type { Metrics } from '../observability/metrics.js';

export const API_KEY_HEADER = 'x-api-key';

/** Why a client or an operation is not let in, in a shape both transports can answer with. */
export interface Refusal {
  status: number;
  message: string;
  extensions: Record<string, unknown>;
  retryAfterSeconds?: number;
}

/** Who is asking: the client's address and, when a portal presented one, its API key. */
export interface AdmittedClient {
  address: string;
  apiKey: ApiKeyRecord | null;
}

export interface Admission {
  /** Names the client (address, API key) or refuses it: an unprovable address, an unknown or revoked key. */
  identify(
    request: IncomingMessage,
    presentedKey: unknown,
  ): Promise<{ client: AdmittedClient } | { refused: Refusal }>;
  /** Counts one request or operation against the client's budget (a portal's key has its own). */
  count(client: AdmittedClient): Promise<{ decision: RateLimitDecision; refused?: Refusal }>;
}

/**
 * One admission for HTTP requests and WebSocket connections and operations alike: the client address
 * (through trusted proxies, or the website's word with the shared secret), the API key, the rate limit.
 */
export function createAdmission(options: {
  config: Pick<GatewayConfig, 'trustProxy' | 'clientAddressSecret' | 'rateLimit'>;
  apiKeys: ApiKeyStore;
  rateLimiter: RateLimiter;
  metrics: Metrics;
  logger: Logger;
}): Admission {
  const { config, apiKeys, rateLimiter, metrics, logger } = options;
  const resolveClientAddress = createClientAddressResolver({
    trustProxy: config.trustProxy,
    secret: config.clientAddressSecret,
  });
  let warnedIgnoredSecret = false;

  return {
    async identify(request, presentedKey) {
      const resolved = resolveClientAddress(request);
      if ('refused' in resolved) {
        const { status, code, message } = resolved.refused;
        return { refused: { status, message, extensions: { code, reason: 'client-address' } } };
      }
      if (resolved.ignoredSecret && !warnedIgnoredSecret) {
        warnedIgnoredSecret = true;
        logger.warn(
          'a request names its client address with a secret, but CLIENT_ADDRESS_SECRET is not set here: ignored; set the same secret on the website and the gateway',
        );
      }
      if (presentedKey === undefined || presentedKey === null || presentedKey === '')
        return { client: { address: resolved.address, apiKey: null } };
      const apiKey = typeof presentedKey === 'string' ? await apiKeys.verify(presentedKey) : null;
      if (!apiKey) {
        return {
          refused: {
            status: 401,
            message: 'Unknown or revoked API key',
            extensions: { code: 'UNAUTHENTICATED', reason: 'api-key' },
          },
        };
      }
      return { client: { address: resolved.address, apiKey } };
    },

    async count(client) {
      const decision = await rateLimiter.consume({
        apiKeyId: client.apiKey?.id,
        apiKeyLimit: client.apiKey?.limit,
        address: client.address,
      });
      if (decision.allowed) return { decision };
      metrics.rateLimited.inc({ client: client.apiKey ? 'api-key' : 'address' });
      return {
        decision,
        refused: {
          status: 429,
          message: `Rate limit of ${decision.limit} requests per ${config.rateLimit.windowSeconds} s reached; retry in ${decision.resetSeconds} s`,
          extensions: { code: 'RATE_LIMITED', retryAfter: decision.resetSeconds },
          retryAfterSeconds: decision.resetSeconds,
        },
      };
    },
  };
}
