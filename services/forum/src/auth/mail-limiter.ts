import { rateLimited, take, type LimiterFactory } from '../common/rate-limits.js';
import { addressKey } from '../http/client-address.js';

export interface AccountMailLimiter {
  /** Counts one reset or verification request for an e-mail address / account and a client address. */
  take(kind: 'reset' | 'verify', account: string, clientAddress: string): Promise<void>;
}

/**
 * Password reset and verification mails per account (e-mail address or member) and per client address and
 * window, so the forum cannot be made to flood a mailbox or to mail many addresses from one place.
 */
export function createAccountMailLimiter(
  limits: { perAccount: number; perAddress: number; windowSeconds: number },
  makeLimiter: LimiterFactory,
): AccountMailLimiter {
  const limiters = {
    reset: {
      account: makeLimiter('reset-account', limits.perAccount, limits.windowSeconds),
      address: makeLimiter('reset-address', limits.perAddress, limits.windowSeconds),
    },
    verify: {
      account: makeLimiter('verify-account', limits.perAccount, limits.windowSeconds),
      address: makeLimiter('verify-address', limits.perAddress, limits.windowSeconds),
    },
  };
  return {
    async take(kind, account, clientAddress) {
      const byAddress = await take(limiters[kind].address, addressKey(clientAddress));
      if ('refused' in byAddress) {
        throw rateLimited('Too many requests from this address', byAddress.refused.msBeforeNext, {
          reason: 'address',
        });
      }
      const byAccount = await take(limiters[kind].account, account.toLowerCase());
      if ('refused' in byAccount) {
        await byAddress.taken.giveBack();
        throw rateLimited('Too many requests for this account', byAccount.refused.msBeforeNext, {
          reason: 'account',
        });
      }
    },
  };
}
