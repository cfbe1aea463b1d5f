import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { clientError } from '../common/errors.js';

export interface SignInLimiter {
  /** Throws RATE_LIMITED when the account or the address has failed too often. */
  check(email: string, address: string): Promise<void>;
  recordFailure(email: string, address: string): Promise<void>;
  recordSuccess(email: string): Promise<void>;
}

interface Limits {
  keyPrefix: string;
  perAccount: number;
  perAddress: number;
  windowSeconds: number;
}

/**
 * Counts failed sign-ins per account and per client address. With Redis the counts are shared by every
 * forum replica; without it each instance counts for itself.
 */
export function createSignInLimiter(limits: Limits, redis?: Redis): SignInLimiter {
  const make = (keyPrefix: string, points: number): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration: limits.windowSeconds })
      : new RateLimiterMemory({ keyPrefix, points, duration: limits.windowSeconds });
  const perAccount = make(`${limits.keyPrefix}:signin-account`, limits.perAccount);
  const perAddress = make(`${limits.keyPrefix}:signin-address`, limits.perAddress);

  const refuse = (retryAfterMs: number) => {
    const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
    return clientError('RATE_LIMITED', `Too many failed sign-ins; try again in ${retryAfter} seconds`, {
      retryAfter,
    });
  };
  const account = (email: string) => email.trim().toLowerCase();

  return {
    async check(email, address) {
      const [byAccount, byAddress] = await Promise.all([
        perAccount.get(account(email)),
        perAddress.get(address),
      ]);
      for (const [state, limit] of [
        [byAccount, limits.perAccount],
        [byAddress, limits.perAddress],
      ] as const) {
        if (state && state.consumedPoints >= limit) throw refuse(state.msBeforeNext);
      }
    },
    async recordFailure(email, address) {
      const results = await Promise.allSettled([
        perAccount.consume(account(email)),
        perAddress.consume(address),
      ]);
      // Going over the limit rejects with a RateLimiterRes; anything else is a store failure worth surfacing.
      for (const result of results) {
        if (result.status === 'rejected' && !(result.reason instanceof RateLimiterRes)) throw result.reason;
      }
    },
    async recordSuccess(email) {
      await perAccount.delete(account(email));
    },
  };
}
