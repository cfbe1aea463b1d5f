import { describe, expect, it } from 'vitest';
import { createPasswordHasher } from './password-hasher.js';

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'done',
    (error: { extensions?: { code?: string; reason?: string } }) =>
      `${error.extensions?.code}:${error.extensions?.reason}`,
  );

describe('the password hasher', () => {
  it('runs at most `concurrency` scrypt computations at once and refuses a burst beyond its queue', async () => {
    const hasher = createPasswordHasher({ logCost: 10, concurrency: 2, maxQueue: 3 });
    const burst = Array.from({ length: 10 }, (_, i) => outcome(hasher.hash(`Passwort Nummer ${i}`)));
    const outcomes = await Promise.all(burst);
    expect(outcomes.filter((o) => o === 'done')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'RATE_LIMITED:busy')).toHaveLength(5);
    expect(hasher.stats.peakActive).toBe(2);
    expect(hasher.stats.hashes).toBe(5);
  });

  it('takes new work again once the queue has drained', async () => {
    const hasher = createPasswordHasher({ logCost: 10, concurrency: 1, maxQueue: 0 });
    const [first, second] = await Promise.all([
      outcome(hasher.hash('eins eins eins')),
      outcome(hasher.hash('zwei')),
    ]);
    expect([first, second]).toEqual(['done', 'RATE_LIMITED:busy']);
    expect(await outcome(hasher.hash('drei drei drei'))).toBe('done');
  });

  it('verifies what it hashed, and counts each check', async () => {
    const hasher = createPasswordHasher({ logCost: 10, concurrency: 2, maxQueue: 10 });
    const stored = await hasher.hash('ein sicheres Passwort');
    expect(await hasher.verify('ein sicheres Passwort', stored)).toBe(true);
    expect(await hasher.verify('ein falsches Passwort', stored)).toBe(false);
    expect(await hasher.verifyAgainstDummy('irgendwas')).toBe(false);
    expect(hasher.stats).toMatchObject({ hashes: 1, verifications: 3 });
  });
});
