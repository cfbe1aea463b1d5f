import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, startTestForum, type TestForum } from './forum.js';

let forum: TestForum;
beforeAll(async () => {
  forum = await startTestForum({
    config: { registrationLimits: { perAddress: 3, windowSeconds: 3600 } },
  });
});
afterAll(() => forum?.close());

const REGISTER = 'mutation ($input: RegisterMemberInput!) { registerMember(input: $input) { email } }';

let lastAddress = 0;
const freshAddress = () => `198.51.100.${++lastAddress}`;

const register = (address: string, input: Record<string, unknown> = {}) =>
  forum.gql(
    REGISTER,
    {
      input: {
        email: `${randomUUID()}@example.org`,
        password: 'ein sicheres Passwort',
        displayName: 'Neues Mitglied',
        sector: 'SOZIALWESEN',
        ...input,
      },
    },
    undefined,
    { 'x-forwarded-for': address },
  );

const memberCount = async () =>
  Number((await forum.server.services.dataSource.query('SELECT count(*) AS n FROM member'))[0].n);

describe(`registration limits (${backend === 'postgres' ? 'Redis' : 'memory'})`, () => {
  it('lets a burst of 8 registrations from one address create 3 accounts and refuses the rest', async () => {
    const before = await memberCount();
    const address = freshAddress();
    const results = await Promise.all(Array.from({ length: 8 }, () => register(address)));
    const codes = results.map((result) => result.errors?.[0]?.extensions?.['code'] ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(3);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(5);
    const refused = results.find((result) => result.errors)!;
    expect(refused.errors?.[0]?.extensions?.['retryAfter']).toBeGreaterThan(0);
    expect(await memberCount()).toBe(before + 3);
    // Another address is not affected.
    expect((await register(freshAddress())).errors).toBeUndefined();
  });

  it('answers a taken e-mail address like a new one, creating nothing and storing no new hash', async () => {
    const address = freshAddress();
    const existing = await forum.register();
    const before = await memberCount();
    const result = await register(address, { email: existing.email.toUpperCase() });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ registerMember: { email: existing.email } });
    expect(await memberCount()).toBe(before);
  });

  it('refuses a city the CMS does not publish before it hashes anything, and writes nothing', async () => {
    forum.cms!.unpublish('City', 'stadt-im-entwurf');
    const before = await memberCount();
    const hashesBefore = forum.server.services.passwords.stats.hashes;
    const result = await register(freshAddress(), { cityId: 'stadt-im-entwurf' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cityId' });
    expect(forum.server.services.passwords.stats.hashes).toBe(hashesBefore);
    expect(await memberCount()).toBe(before);
  });

  it('hashes one password at a time when so configured, whatever the burst', async () => {
    const serial = await startTestForum({
      config: { passwordHashCost: 14, passwordHashing: { concurrency: 1, maxQueue: 32 } },
    });
    try {
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          serial.gql(REGISTER, {
            input: {
              email: `${randomUUID()}@example.org`,
              password: 'ein sicheres Passwort',
              displayName: 'Gleichzeitig',
              sector: 'VERWALTUNG',
            },
          }),
        ),
      );
      expect(results.every((result) => !result.errors)).toBe(true);
      expect(serial.server.services.passwords.stats).toMatchObject({ hashes: 6, peakActive: 1 });
    } finally {
      await serial.close();
    }
  });
});
