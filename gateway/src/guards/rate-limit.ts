import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { GatewayConfig } from '../config.js';
import { addressBucket } from '../identity/client-address.js';

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

export interface RateLimiter {
  /**
   * Counts one request for a portal's key (higher budget) or, without one, for the client's address (an
   * IPv6 client by its /64).
   */
  consume(client: { apiKeyId?: string; apiKeyLimit?: number; address: string }): Promise<RateLimitDecision>;
}

/**
 * Fixed windows per API key and per address. With Redis, every gateway replica counts into the same windows;
 * should Redis fail, each replica keeps counting in memory rather than letting everything through.
 */
export function createRateLimiter(config: GatewayConfig, redis?: Redis): RateLimiter {
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiterFor = (kind: string, points: number) => {
    const name = `${kind}:${points}`;
    let limiter = limiters.get(name);
    if (!limiter) {
      const options = {
        keyPrefix: `${config.redisKeyPrefix}:rl:${name}`,
        points,
        duration: config.rateLimit.windowSeconds,
      };
      limiter = redis
        ? new RateLimiterRedis({
            ...options,
            storeClient: redis,
            insuranceLimiter: new RateLimiterMemory(options),
          })
        : new RateLimiterMemory(options);
      limiters.set(name, limiter);
    }
    return limiter;
  };

  return {
    async consume({ apiKeyId, apiKeyLimit, address }) {
      const limit = apiKeyId ? (apiKeyLimit ?? config.rateLimit.withApiKey) : config.rateLimit.anonymous;
      const limiter = limiterFor(apiKeyId ? 'key' : 'address', limit);
      const decide = (state: RateLimiterRes, allowed: boolean): RateLimitDecision => ({
        allowed,
        limit,
        remaining: Math.max(0, state.remainingPoints),
        resetSeconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)),
      });
      try {
        return decide(await limiter.consume(apiKeyId ?? addressBucket(address)), true);
      } catch (error) {
        if (error instanceof RateLimiterRes) return decide(error, false);
        throw error;
      }
    },
  };
}
