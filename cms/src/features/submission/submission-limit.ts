import type { Core } from '@strapi/strapi';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimited } from '../graphql/errors';
import { settings } from '../settings';

export interface SubmissionLimit {
  /** Counts one submission of this member; throws RATE_LIMITED when the window's budget is spent. */
  consume(memberId: string): Promise<void>;
  close(): Promise<void>;
}

const KEY_PREFIX = 'stadtnetz:cms:submit-project';

/**
 * Submissions per member in a fixed window. With `REDIS_URL` the count lives in Redis, so it holds across CMS
 * instances and restarts; should Redis fail, the instance counts in memory rather than letting everything
 * through (or refusing everything). Without it, each instance counts in memory.
 */
export function createSubmissionLimit(strapi: Core.Strapi): SubmissionLimit {
  const { submissionRateLimit, redisUrl } = settings(strapi);
  const options = { points: submissionRateLimit.points, duration: submissionRateLimit.durationSeconds };
  const memory = new RateLimiterMemory({ ...options, keyPrefix: KEY_PREFIX });
  let redis: Redis | undefined;
  let limiter: RateLimiterMemory | RateLimiterRedis = memory;
  if (redisUrl) {
    // No offline queue: while Redis is away a submission is counted in memory at once instead of waiting.
    redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    let warned = false;
    redis.on('error', (error: Error) => {
      if (!warned)
        strapi.log.warn(`Redis (submission limit): ${error.message}; counting in memory meanwhile`);
      warned = true;
    });
    redis.on('ready', () => (warned = false));
    limiter = new RateLimiterRedis({
      ...options,
      keyPrefix: KEY_PREFIX,
      storeClient: redis,
      insuranceLimiter: memory,
    });
  }
  return {
    async consume(memberId) {
      try {
        await limiter.consume(memberId);
      } catch (error) {
        if (error instanceof RateLimiterRes) throw rateLimited(Math.ceil(error.msBeforeNext / 1000));
        throw error;
      }
    },
    async close() {
      if (!redis) return;
      await redis.quit().catch(() => redis?.disconnect());
    },
  };
}
