import pLimit from 'p-limit';
import { clientError } from '../common/errors.js';
import { hashPassword, verifyPassword } from './password.js';

/** How many scrypt computations ran; tests read it to prove cheap refusals never reach scrypt. */
export interface HashingStats {
  /** New password hashes (registration). */
  hashes: number;
  /** Password checks (sign-in), including those against the dummy hash for unknown accounts. */
  verifications: number;
  /** The most computations that ever ran at the same time. */
  peakActive: number;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /** Spends what a real check spends, so an unknown account cannot be told apart by timing. */
  verifyAgainstDummy(password: string): Promise<false>;
  readonly stats: Readonly<HashingStats>;
}

export const busy = () =>
  clientError('RATE_LIMITED', 'The forum is busy checking passwords; try again in a moment', {
    retryAfter: 1,
    reason: 'busy',
  });

/**
 * scrypt at the default cost takes 128 MiB for each computation: a burst of sign-ups or sign-ins could take
 * all the memory there is. At most `concurrency` run at once, at most `maxQueue` wait; more are refused
 * at once with RATE_LIMITED (reason "busy") rather than queued without bound.
 */
export function createPasswordHasher(options: {
  logCost: number;
  concurrency: number;
  maxQueue: number;
}): PasswordHasher {
  const limit = pLimit(options.concurrency);
  const stats: HashingStats = { hashes: 0, verifications: 0, peakActive: 0 };
  let active = 0;

  const run = <T>(work: () => Promise<T>): Promise<T> => {
    // Counted at call time: p-limit starts a task on the next tick, so its own counters lag by one.
    if (limit.activeCount + limit.pendingCount >= options.concurrency + options.maxQueue) {
      return Promise.reject(busy());
    }
    return limit(async () => {
      active++;
      stats.peakActive = Math.max(stats.peakActive, active);
      try {
        return await work();
      } finally {
        active--;
      }
    });
  };

  let dummyHash: Promise<string> | undefined;
  const dummy = () => {
    if (!dummyHash) {
      const pending = run(() => hashPassword('dummy password for timing', options.logCost));
      dummyHash = pending;
      // A refused first attempt must not leave a rejected promise behind for everyone after it.
      pending.catch(() => {
        if (dummyHash === pending) dummyHash = undefined;
      });
    }
    return dummyHash;
  };

  return {
    stats,
    hash(password) {
      return run(() => {
        stats.hashes++;
        return hashPassword(password, options.logCost);
      });
    },
    verify(password, stored) {
      return run(() => {
        stats.verifications++;
        return verifyPassword(password, stored);
      });
    },
    async verifyAgainstDummy(password) {
      const stored = await dummy();
      await run(() => {
        stats.verifications++;
        return verifyPassword(password, stored);
      });
      return false;
    },
  };
}
