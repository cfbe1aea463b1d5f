import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { clientError } from './errors.js';

/** Makes a fixed-window counter: in Redis (shared by every replica) when configured, else in memory. */
export type LimiterFactory = (name: string, points: number, windowSeconds: number) => RateLimiterAbstract;

export function createLimiterFactory(keyPrefix: string, redis?: Redis): LimiterFactory {
  return (name, points, windowSeconds) => {
    const options = { keyPrefix: `${keyPrefix}:${name}`, points, duration: windowSeconds };
    if (!redis) return new RateLimiterMemory(options);
    // Counting is atomic in Redis (one Lua script per consume). Should Redis be away, each replica counts
    // for itself in memory rather than letting everything through or refusing everybody.
    return new RateLimiterRedis({
      ...options,
      storeClient: redis,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  };
}

/** `extensions.retryAfter` in whole seconds, as the gateway's limits give it. */
export function rateLimited(message: string, msBeforeNext: number, extensions: Record<string, unknown> = {}) {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return clientError('RATE_LIMITED', `${message}; try again in ${retryAfter} seconds`, {
    retryAfter,
    ...extensions,
  });
}

/** One point taken from a limiter, which can be given back while its window lasts. */
export interface Taken {
  consumedPoints: number;
  giveBack(): Promise<void>;
}

/**
 * Takes a point, or returns the refusal (a RateLimiterRes) when the limit is reached. Store failures throw.
 * Giving back after the window ended would push the next window's count below zero, so it is skipped then.
 */
export async function take(
  limiter: RateLimiterAbstract,
  key: string,
): Promise<{ taken: Taken } | { refused: RateLimiterRes }> {
  let result: RateLimiterRes;
  try {
    result = await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) return { refused: error };
    throw error;
  }
  const windowEnds = Date.now() + result.msBeforeNext;
  let givenBack = false;
  return {
    taken: {
      consumedPoints: result.consumedPoints,
      async giveBack() {
        if (givenBack || Date.now() > windowEnds - 1000) return;
        givenBack = true;
        await limiter.reward(key, 1);
      },
    },
  };
}
