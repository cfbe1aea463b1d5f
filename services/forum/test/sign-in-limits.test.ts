import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, startTestForum, type TestForum } from './forum.js';

// 5 failures per account, 3 different accounts per address (low, so the tests stay short). Checking a
// password takes a while (scrypt at 2^14, 16 MiB), as it does in production (2^17): parallel guesses overlap.
let forum: TestForum;
beforeAll(async () => {
  forum = await startTestForum({
    config: { passwordHashCost: 14, signInLimits: { perAccount: 5, perAddress: 3, windowSeconds: 60 } },
  });
});
afterAll(() => forum?.close());

const RIGHT = 'ein sicheres Passwort';
const SIGN_IN =
  'mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { member { id } } }';

/** Each test signs in from its own addresses, named by the gateway (a trusted hop on loopback). */
let lastAddress = 0;
const freshAddress = () => `198.51.100.${++lastAddress}`;

const signIn = async (email: string, password: string, address: string) => {
  const result = await forum.gql(SIGN_IN, { email, password }, undefined, { 'x-forwarded-for': address });
  return result.errors?.[0]?.extensions?.['code'] ?? 'OK';
};

describe(`sign-in limits (${backend === 'postgres' ? 'Redis' : 'memory'})`, () => {
  it('checks at most 5 of 30 parallel wrong passwords for one account; the rest are refused unchecked', async () => {
    const member = await forum.register();
    const address = freshAddress();
    const checkedBefore = forum.server.services.passwords.stats.verifications;
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(member.email, `falsches Passwort ${i}`, address)),
    );
    expect(outcomes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(5);
    expect(outcomes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(25);
    expect(forum.server.services.passwords.stats.verifications - checkedBefore).toBe(5);
    // The account stays locked for the window, from any address, even with the right password.
    expect(await signIn(member.email, RIGHT, freshAddress())).toBe('RATE_LIMITED');
  });

  it('does not lock out other members who arrive from the address one account is attacked from', async () => {
    const victim = await forum.register();
    const colleague = await forum.register();
    const sharedAddress = freshAddress();
    for (let i = 0; i < 30; i++) await signIn(victim.email, `falsch ${i}`, sharedAddress);
    expect(await signIn(victim.email, RIGHT, sharedAddress)).toBe('RATE_LIMITED');
    expect(await signIn(colleague.email, RIGHT, sharedAddress)).toBe('OK');
  });

  it('refuses an address from which sign-ins of many different accounts failed, and only that address', async () => {
    const stuffing = freshAddress();
    const accounts = [await forum.register(), await forum.register(), await forum.register()];
    for (const account of accounts)
      expect(await signIn(account.email, 'geleaktes Passwort', stuffing)).toBe('UNAUTHENTICATED');
    const next = await forum.register();
    expect(await signIn(`${randomUUID()}@example.org`, 'geleaktes Passwort', stuffing)).toBe('RATE_LIMITED');
    expect(await signIn(next.email, RIGHT, stuffing)).toBe('RATE_LIMITED');
    expect(await signIn(next.email, RIGHT, freshAddress())).toBe('OK');
  });

  it('counts unknown e-mail addresses like accounts, so probing them is limited as well', async () => {
    const probing = freshAddress();
    for (let i = 0; i < 3; i++)
      expect(await signIn(`${randomUUID()}@example.org`, 'irgendein Passwort', probing)).toBe(
        'UNAUTHENTICATED',
      );
    expect(await signIn(`${randomUUID()}@example.org`, 'irgendein Passwort', probing)).toBe('RATE_LIMITED');
  });

  it('forgets an account’s failures when its right password is given', async () => {
    const member = await forum.register();
    const address = freshAddress();
    for (let i = 0; i < 4; i++)
      expect(await signIn(member.email, 'vertippt', address)).toBe('UNAUTHENTICATED');
    expect(await signIn(member.email, RIGHT, address)).toBe('OK');
    for (let i = 0; i < 5; i++)
      expect(await signIn(member.email, 'vertippt', address)).toBe('UNAUTHENTICATED');
    expect(await signIn(member.email, 'vertippt', address)).toBe('RATE_LIMITED');
  });

  it('does not count a right password against the address', async () => {
    const address = freshAddress();
    for (let i = 0; i < 6; i++) {
      const member = await forum.register();
      expect(await signIn(member.email, RIGHT, address)).toBe('OK');
    }
  });

  it('cannot be escaped by writing X-Forwarded-For: only the trusted hop’s entry names the client', async () => {
    const real = freshAddress();
    for (let i = 0; i < 3; i++) {
      const account = await forum.register();
      const forged = `203.0.113.${i + 1}, ${real}`;
      expect(await signIn(account.email, 'geleaktes Passwort', forged)).toBe('UNAUTHENTICATED');
    }
    const account = await forum.register();
    expect(await signIn(account.email, RIGHT, `203.0.113.99, ${real}`)).toBe('RATE_LIMITED');
  });

  it('tells when to try again', async () => {
    const member = await forum.register();
    const address = freshAddress();
    for (let i = 0; i < 5; i++) await signIn(member.email, 'falsch', address);
    const result = await forum.gql(SIGN_IN, { email: member.email, password: RIGHT }, undefined, {
      'x-forwarded-for': address,
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(result.errors?.[0]?.extensions?.['retryAfter']).toBeGreaterThan(0);
    expect(result.errors?.[0]?.extensions?.['retryAfter']).toBeLessThanOrEqual(60);
  });
});

describe('sign-in limits when Redis is away', () => {
  it('still limit, each replica counting in memory, rather than failing or letting everything through', async () => {
    const away = await startTestForum({
      config: {
        redisUrl: 'redis://127.0.0.1:9',
        signInLimits: { perAccount: 2, perAddress: 3, windowSeconds: 60 },
      },
    });
    try {
      const member = await away.register();
      const attempt = async (password: string) => {
        const result = await away.gql(SIGN_IN, { email: member.email, password });
        return result.errors?.[0]?.extensions?.['code'] ?? 'OK';
      };
      expect(await attempt(RIGHT)).toBe('OK');
      expect(await attempt('falsch')).toBe('UNAUTHENTICATED');
      expect(await attempt('falsch')).toBe('UNAUTHENTICATED');
      expect(await attempt(RIGHT)).toBe('RATE_LIMITED');
    } finally {
      await away.close();
    }
  });
});
