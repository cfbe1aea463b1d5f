import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseAvailable, databaseKind, startCms, type TestCms } from './support/cms';
import { createFixtures, type Fixtures } from './support/fixtures';
import { startForumKeys, type ForumKeys } from './support/forum-keys';

const SUBMIT = `mutation($input: SubmitProjectInput!) {
  submitProject(input: $input) { documentId title status submittedAt publishedAt }
}`;
const MINE = `{ mySubmissions { documentId title status publishedAt } }`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const REDIS_URL = process.env.CMS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
async function redisReachable(): Promise<boolean> {
  const client = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
// CI always has Redis: a missing one must fail there, not skip.
const redisAvailable = (process.env.CI !== undefined && process.env.CI !== '') || (await redisReachable());

describe.skipIf(!databaseAvailable)(`project submissions from forum members on ${databaseKind}`, () => {
  let cms: TestCms;
  let forum: ForumKeys;
  let data: Fixtures;

  const validInput = () => ({
    title: 'Mehrsprachige Lesepaten in der Stadtbibliothek',
    summary:
      'Ehrenamtliche lesen Kindern in ihren Familiensprachen und auf Deutsch vor, jeden Samstag in der Bibliothek.',
    description: 'Das Projekt **verbindet** Sprachen.',
    actionFields: [data.actionFields.sprache],
    city: data.cities.leipzig,
    targetGroups: ['kinder', 'familien'],
    startDate: '2024-03-01',
    website: 'https://lesepaten.example.org',
    contacts: [{ name: 'Dana Beispiel', email: 'dana@example.org', organisation: 'Bürgerverein' }],
  });

  beforeAll(async () => {
    forum = await startForumKeys();
    cms = await startCms({ FORUM_JWKS_URL: forum.jwksUrl, SUBMISSION_RATE_LIMIT: '3' });
    data = await createFixtures(cms.strapi);
  });

  afterAll(async () => {
    await cms?.stop();
    await forum?.close();
  });

  it('refuses a submission without a token', async () => {
    const result = await cms.graphql(SUBMIT, { input: validInput() });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'missing' });
    const mine = await cms.graphql(MINE);
    expect(mine.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses expired and forged tokens and tokens for another audience', async () => {
    const expired = await forum.sign({ expiresIn: Math.floor(Date.now() / 1000) - 60 });
    const forged = await forum.sign({ key: forum.foreignKey });
    const otherAudience = await forum.sign({ audience: 'somebody-else' });
    const otherIssuer = await forum.sign({ issuer: 'not-the-forum' });
    const results = await Promise.all(
      [expired, forged, otherAudience, otherIssuer, 'not-a-jwt'].map((token) =>
        cms.graphql(SUBMIT, { input: validInput() }, bearer(token)),
      ),
    );
    expect(results.map((r) => r.errors?.[0]?.extensions?.code)).toEqual(Array(5).fill('UNAUTHENTICATED'));
    expect(results.map((r) => r.errors?.[0]?.extensions?.reason)).toEqual([
      'expired',
      'invalid',
      'invalid',
      'invalid',
      'invalid',
    ]);
    const drafts = await cms.strapi
      .documents('api::project.project' as never)
      .findMany({ status: 'draft', filters: { source: 'eingereicht' } } as never);
    expect(drafts).toHaveLength(0);
  });

  it('still serves public reads to a request carrying a forum token, valid or not', async () => {
    const valid = await cms.graphql(`{ projects { title } }`, undefined, bearer(await forum.sign()));
    expect(valid.errors).toBeUndefined();
    expect(valid.data.projects.length).toBe(4);
    const expired = await cms.graphql(
      `{ projects { title } }`,
      undefined,
      bearer(await forum.sign({ expiresIn: 1 })),
    );
    expect(expired.data.projects.length).toBe(4);
    // A forum token grants no more than the public role has.
    const write = await cms.graphql(
      `mutation { createCity(data: { name: "X", slug: "x", federalState: bayern }) { documentId } }`,
      undefined,
      bearer(await forum.sign()),
    );
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('rejects bad input naming the field', async () => {
    const token = await forum.sign({ sub: 'member-bad-input' });
    const cases: [Record<string, unknown>, string][] = [
      [{ title: 'Kurz' }, 'title'],
      [{ summary: 'zu kurz' }, 'summary'],
      [{ actionFields: [] }, 'actionFields'],
      [{ actionFields: ['does-not-exist'] }, 'actionFields'],
      [{ city: 'no-such-city' }, 'city'],
      [{ startDate: '2024-02-30' }, 'startDate'],
      [{ endDate: '2023-01-01' }, 'endDate'],
      [{ website: 'javascript:alert(1)' }, 'website'],
      [{ website: 'https://example.org/"><script>alert(1)</script>' }, 'website'],
      [{ website: "https://example.org/' onmouseover='alert(1)" }, 'website'],
      [{ website: 'https://example.org/<img src=x>' }, 'website'],
      [{ website: 'https://exa mple.org' }, 'website'],
      [{ website: 'data:text/html,<script>alert(1)</script>' }, 'website'],
      [{ website: 'ftp://example.org/datei' }, 'website'],
      [{ website: 'https://user:pass@example.org' }, 'website'],
      [{ website: 'https://localhost' }, 'website'],
      [{ website: 'https:example.org' }, 'website'],
      [{ website: `https://example.org/${'a'.repeat(600)}` }, 'website'],
      [{ contacts: [{ name: 'Eva', email: 'keine-adresse' }] }, 'contacts.0.email'],
    ];
    for (const [change, field] of cases) {
      const result = await cms.graphql(SUBMIT, { input: { ...validInput(), ...change } }, bearer(token));
      expect(result.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const unknownEnum = await cms.graphql(
      SUBMIT,
      { input: { ...validInput(), targetGroups: ['aliens'] } },
      bearer(token),
    );
    expect(unknownEnum.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets editors store only http(s) addresses in URL fields (projects, organisations, workshop registration)', async () => {
    const documents = (uid: string) => cms.strapi.documents(uid as never) as any;
    const bad = 'https://example.org/"><script>alert(1)</script>';
    const attempts: [string, () => Promise<unknown>][] = [
      [
        'project create',
        () =>
          documents('api::project.project').create({
            locale: 'de',
            data: {
              title: 'Mit Link',
              slug: 'mit-link',
              summary: 'Ein Projekt mit Link, das so nicht bleiben darf.',
              projectStatus: 'laufend',
              source: 'redaktionell',
              website: bad,
            },
          }),
      ],
      [
        'project update',
        () =>
          documents('api::project.project').update({
            documentId: data.projects.lotsen,
            locale: 'de',
            data: { website: 'javascript:alert(1)' },
          }),
      ],
      [
        'organisation',
        () =>
          documents('api::organisation.organisation').create({
            data: { name: 'Verein', slug: 'verein', kind: 'Initiative', website: 'vbscript:msgbox(1)' },
          }),
      ],
      [
        'workshop registration',
        () =>
          documents('api::workshop.workshop').create({
            locale: 'de',
            data: { title: 'Werkstatt', slug: 'werkstatt-link', registration: { open: true, url: bad } },
          }),
      ],
    ];
    for (const [name, attempt] of attempts) {
      await expect(attempt(), name).rejects.toMatchObject({ name: 'ValidationError' });
    }
    const good = await documents('api::organisation.organisation').create({
      data: {
        name: 'Guter Verein',
        slug: 'guter-verein',
        kind: 'Initiative',
        website: 'https://verein.example.org/ueber-uns?x=1#kontakt',
      },
    });
    expect(good.website).toBe('https://verein.example.org/ueber-uns?x=1#kontakt');
    const lotsen = await documents('api::project.project').findOne({
      documentId: data.projects.lotsen,
      locale: 'de',
    });
    expect(lotsen.website ?? null).toBeNull();
  });

  it('stores a valid submission as an unpublished draft that the member can follow', async () => {
    const token = await forum.sign({ sub: 'member-42' });
    const result = await cms.graphql(SUBMIT, { input: validInput() }, bearer(token));
    expect(result.errors).toBeUndefined();
    const submission = result.data.submitProject;
    expect(submission).toMatchObject({
      title: 'Mehrsprachige Lesepaten in der Stadtbibliothek',
      status: 'IN_REVIEW',
      publishedAt: null,
    });

    const stored = (await cms.strapi.db.query('api::project.project').findOne({
      where: { documentId: submission.documentId },
      populate: { actionFields: true, city: true, targetGroups: true, contacts: true },
    })) as any;
    expect(stored).toMatchObject({
      source: 'eingereicht',
      submittedBy: 'member-42',
      publishedAt: null,
      locale: 'de',
      demo: false,
    });
    expect(stored.city.documentId).toBe(data.cities.leipzig);
    expect(stored.actionFields.map((f: { documentId: string }) => f.documentId)).toEqual([
      data.actionFields.sprache,
    ]);
    expect(stored.contacts[0]).toMatchObject({ name: 'Dana Beispiel', organisation: 'Bürgerverein' });

    // Not public until an editor publishes it.
    const publicView = await cms.graphql(`query($id: ID!) { project(documentId: $id) { title } }`, {
      id: submission.documentId,
    });
    expect(publicView.data.project).toBeNull();

    const mine = await cms.graphql(MINE, undefined, bearer(token));
    expect(mine.data.mySubmissions).toEqual([
      { documentId: submission.documentId, title: submission.title, status: 'IN_REVIEW', publishedAt: null },
    ]);
    const someoneElse = await cms.graphql(MINE, undefined, bearer(await forum.sign({ sub: 'member-7' })));
    expect(someoneElse.data.mySubmissions).toEqual([]);

    await (cms.strapi.documents('api::project.project' as never) as any).publish({
      documentId: submission.documentId,
      locale: 'de',
    });
    const after = await cms.graphql(MINE, undefined, bearer(token));
    expect(after.data.mySubmissions[0].status).toBe('PUBLISHED');
    expect(after.data.mySubmissions[0].publishedAt).not.toBeNull();
    const published = await cms.graphql(
      `query($id: ID!) { project(documentId: $id) { title source city { name } } }`,
      { id: submission.documentId },
    );
    expect(published.data.project).toEqual({
      title: submission.title,
      source: 'eingereicht',
      city: { name: 'Leipzig' },
    });
  });

  it('limits submissions per member', async () => {
    const token = await forum.sign({ sub: 'member-busy' });
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 4; i += 1) {
      const result = await cms.graphql(
        SUBMIT,
        { input: { ...validInput(), title: `Projektidee Nummer ${i + 1}` } },
        bearer(token),
      );
      codes.push(result.errors?.[0]?.extensions?.code);
    }
    expect(codes).toEqual([undefined, undefined, undefined, 'RATE_LIMITED']);
    // Another member is not affected.
    const other = await cms.graphql(
      SUBMIT,
      { input: validInput() },
      bearer(await forum.sign({ sub: 'member-calm' })),
    );
    expect(other.errors).toBeUndefined();
  });
});

// Once, on PostgreSQL (the database does not matter here): two CMS starts against the same Redis.
describe.skipIf(!databaseAvailable || !redisAvailable || databaseKind !== 'postgres')(
  'the submission limit with REDIS_URL',
  () => {
    let forum: ForumKeys;
    let cms: TestCms | undefined;
    const member = `member-${randomBytes(5).toString('hex')}`;
    const redis = new Redis(REDIS_URL);

    beforeAll(async () => {
      forum = await startForumKeys();
    });

    afterAll(async () => {
      await cms?.stop();
      await forum?.close();
      await redis.del(`stadtnetz:cms:submit-project:${member}`);
      redis.disconnect();
    });

    /** A CMS with its own database, sharing the limit's Redis, and a valid submission for it. */
    async function start(redisUrl = REDIS_URL) {
      await cms?.stop();
      cms = await startCms({
        FORUM_JWKS_URL: forum.jwksUrl,
        SUBMISSION_RATE_LIMIT: '2',
        REDIS_URL: redisUrl,
      });
      const data = await createFixtures(cms.strapi);
      const running = cms;
      return (sub: string, title: string) =>
        forum.sign({ sub }).then(async (token) =>
          running.graphql(
            SUBMIT,
            {
              input: {
                title,
                summary:
                  'Nachbarinnen begleiten neu Zugezogene zu Ämtern, Schulen und Ärzten in ihrem Viertel.',
                actionFields: [data.actionFields.sprache],
                city: data.cities.leipzig,
              },
            },
            bearer(token),
          ),
        );
    }

    it('keeps counting across a restart of the CMS (or another instance)', async () => {
      let submit = await start();
      expect((await submit(member, 'Lotsinnen im Viertel, erste Idee')).errors).toBeUndefined();
      expect((await submit(member, 'Lotsinnen im Viertel, zweite Idee')).errors).toBeUndefined();

      submit = await start(); // stops the first
      const third = await submit(member, 'Lotsinnen im Viertel, dritte Idee');
      expect(third.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(Number(await redis.get(`stadtnetz:cms:submit-project:${member}`))).toBe(3);
      // Another member still has the whole budget.
      const other = await submit(`${member}-other`, 'Eine andere Idee');
      expect(other.errors).toBeUndefined();
      await redis.del(`stadtnetz:cms:submit-project:${member}-other`);
      // Two starts of the CMS inside the test: minutes on a busy machine.
    }, 360_000);

    it('counts in memory while Redis cannot be reached, neither refusing nor letting everything through', async () => {
      // Nothing listens on port 9 here: every Redis command fails at once.
      const submit = await start('redis://127.0.0.1:9');
      const codes: (string | undefined)[] = [];
      for (const title of ['Erste Idee im Viertel', 'Zweite Idee im Viertel', 'Dritte Idee im Viertel'])
        codes.push((await submit(`${member}-offline`, title)).errors?.[0]?.extensions?.code);
      expect(codes).toEqual([undefined, undefined, 'RATE_LIMITED']);
    }, 240_000);
  },
);
