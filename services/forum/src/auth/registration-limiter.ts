import { rateLimited, take, type LimiterFactory } from '../common/rate-limits.js';
import { addressKey } from '../http/client-address.js';

export interface RegistrationAttempt {
  /** Nothing was decided about the registration (the forum or the CMS was unavailable): give it back. */
  abandon(): Promise<void>;
}

export interface RegistrationLimiter {
  /** Counts a registration attempt of a client address, or throws RATE_LIMITED. */
  begin(address: string): Promise<RegistrationAttempt>;
}

/**
 * Registrations per client address and window: every attempt that passed validation counts — also one
 * refused for a taken e-mail address, so the limit bounds probing for addresses as well as mass sign-ups.
 */
export function createRegistrationLimiter(
  limits: { perAddress: number; windowSeconds: number },
  makeLimiter: LimiterFactory,
): RegistrationLimiter {
  const perAddress = makeLimiter('register-address', limits.perAddress, limits.windowSeconds);
  return {
    async begin(address) {
      const result = await take(perAddress, addressKey(address));
      if ('refused' in result) {
        throw rateLimited('Too many registrations from this address', result.refused.msBeforeNext);
      }
      return { abandon: () => result.taken.giveBack() };
    },
  };
}
