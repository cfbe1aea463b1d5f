import { rateLimited, take, type LimiterFactory, type Taken } from '../common/rate-limits.js';
import { addressKey } from '../http/client-address.js';

/** One sign-in attempt, counted before its password is checked. */
export interface SignInAttempt {
  /** The password was right: the account's failures are forgotten. */
  succeeded(): Promise<void>;
  /** The password was never checked (the forum was busy, the database away): the attempt is given back. */
  abandon(): Promise<void>;
}

export interface SignInLimiter {
  /**
   * Takes the attempt — atomically, before the password is checked, so parallel requests cannot all slip
   * under the limit — or throws RATE_LIMITED.
   */
  begin(email: string, address: string): Promise<SignInAttempt>;
}

interface Limits {
  perAccount: number;
  perAddress: number;
  windowSeconds: number;
}

/**
 * Sign-in limits after OWASP's Authentication and Credential Stuffing cheat sheets:
 *
 * - per account: `perAccount` attempts per window may fail, from wherever they come (online guessing of one
 *   password); a successful sign-in forgets them;
 * - per client address, across different accounts: an address from which sign-ins of `perAddress` different
 *   accounts failed in the window is refused (credential stuffing). Many failures for *one* account count
 *   once, so one person guessing one password — or one account under attack — never locks out the other
 *   members who arrive from the same address (an office, a proxy);
 * - the pair account + address tells whether an attempt is the first for that account from that address.
 *
 * The address is the real client's (see http/client-address.ts), never a shared hop's.
 */
export function createSignInLimiter(limits: Limits, makeLimiter: LimiterFactory): SignInLimiter {
  const perAccount = makeLimiter('signin-account', limits.perAccount, limits.windowSeconds);
  // A counter only: it never refuses.
  const perPair = makeLimiter('signin-account-address', Number.MAX_SAFE_INTEGER, limits.windowSeconds);
  const perAddress = makeLimiter('signin-address-accounts', limits.perAddress, limits.windowSeconds);
  const tooMany = (msBeforeNext: number) => rateLimited('Too many failed sign-ins', msBeforeNext);

  return {
    async begin(email, address) {
      const account = email.trim().toLowerCase();
      const client = addressKey(address);
      const pairKey = `${client} ${account}`;

      // The account first: attempts on an account that is already locked touch nothing else.
      const byAccount = await take(perAccount, account);
      if ('refused' in byAccount) throw tooMany(byAccount.refused.msBeforeNext);

      const taken: Taken[] = [byAccount.taken];
      const giveBackAll = () => Promise.all(taken.map((point) => point.giveBack())).then(() => undefined);
      try {
        const byPair = await take(perPair, pairKey);
        if ('refused' in byPair) throw new Error('the account+address counter never refuses');
        taken.push(byPair.taken);
        const firstFromHere = byPair.taken.consumedPoints === 1;
        if (firstFromHere) {
          // An account new to this address: it counts once towards the address's limit.
          const byAddress = await take(perAddress, client);
          if ('refused' in byAddress) throw tooMany(byAddress.refused.msBeforeNext);
          taken.push(byAddress.taken);
        } else {
          const state = await perAddress.get(client);
          if (state && state.consumedPoints > limits.perAddress) throw tooMany(state.msBeforeNext);
        }
      } catch (error) {
        await giveBackAll();
        throw error;
      }

      return {
        async succeeded() {
          // The account's failures are forgotten. If this attempt was its first from this address, the
          // address did not fail for it either; earlier failures from here stay counted.
          await Promise.all([
            perAccount.delete(account),
            ...(taken.length === 3 ? [taken[1]!.giveBack(), taken[2]!.giveBack()] : []),
          ]);
        },
        abandon: giveBackAll,
      };
    },
  };
}
