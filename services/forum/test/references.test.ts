import http from 'node:http';
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestForum, type TestForum } from './forum.js';

// What the forum does with the CMS documents a write names. The CMS itself is asked in
// gateway/test/references.test.ts; here a stand-in answers (test/cms-stub.ts), or nothing does.

const REGISTER = 'mutation ($input: RegisterMemberInput!) { registerMember(input: $input) { email } }';
const UPDATE = 'mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }';
const CREATE_THREAD = 'mutation ($input: CreateThreadInput!) { createThread(input: $input) { id } }';

const registration = (extra: Record<string, unknown> = {}) => ({
  input: {
    email: `${randomUUID()}@example.org`,
    password: 'ein sicheres Passwort',
    displayName: 'Referenz Test',
    sector: 'VERWALTUNG',
    ...extra,
  },
});

const count = async (forum: TestForum, table: 'member' | 'thread') =>
  Number((await forum.server.services.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

describe('references to CMS documents', () => {
  let forum: TestForum;
  beforeAll(async () => {
    forum = await startTestForum();
    forum.cms!.unpublish('City', 'entwurf-stadt');
    forum.cms!.unpublish('ActionField', 'does-not-exist');
    forum.cms!.unpublish('Project', 'entwurf-projekt');
    forum.cms!.unpublish('Workshop', 'abgesagt');
  });
  afterAll(() => forum?.close());

  it('refuses a registration naming an unpublished city or field of action, naming the field', async () => {
    const before = await count(forum, 'member');
    const city = await forum.gql(REGISTER, registration({ cityId: 'entwurf-stadt' }));
    expect(city.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cityId' });
    expect(city.errors?.[0]?.extensions?.['reason']).toContain('entwurf-stadt');
    const interest = await forum.gql(REGISTER, registration({ interests: ['bildung', 'does-not-exist'] }));
    expect(interest.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'interests' });
    expect(await count(forum, 'member')).toBe(before);
  });

  it('refuses a profile update naming an unpublished field of action and keeps the profile as it was', async () => {
    const member = await forum.register('Profil Test', { interests: ['bildung'], cityId: 'bremen' });
    const result = await forum.gql(UPDATE, { input: { interests: ['does-not-exist'] } }, member.token);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'interests' });
    const city = await forum.gql(UPDATE, { input: { cityId: 'entwurf-stadt', bio: 'neu' } }, member.token);
    expect(city.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cityId' });
    const { me } = await forum.ok('{ me { interestIds cityId bio } }', {}, member.token);
    expect(me).toEqual({ interestIds: ['bildung'], cityId: 'bremen', bio: '' });
  });

  it('refuses a thread about an unpublished project, workshop or field of action, and writes nothing', async () => {
    const member = await forum.register();
    const categoryId = await forum.categoryId();
    const before = await count(forum, 'thread');
    for (const [field, value] of [
      ['projectId', 'entwurf-projekt'],
      ['workshopId', 'abgesagt'],
      ['actionFieldIds', ['bildung', 'does-not-exist']],
    ] as const) {
      const result = await forum.gql(
        CREATE_THREAD,
        { input: { title: 'Über etwas', body: 'Text', categoryId, [field]: value } },
        member.token,
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await count(forum, 'thread')).toBe(before);
  });

  it('asks the CMS about exactly the documents named, once each, and accepts what it publishes', async () => {
    const member = await forum.register();
    const asked = forum.cms!.asked.length;
    await forum.createThread(member.token, {
      projectId: 'projekt-1',
      workshopId: 'workshop-1',
      actionFieldIds: ['bildung', 'wohnen', 'bildung'],
    });
    expect(forum.cms!.asked.slice(asked)).toEqual([
      { __typename: 'Project', documentId: 'projekt-1' },
      { __typename: 'Workshop', documentId: 'workshop-1' },
      { __typename: 'ActionField', documentId: 'bildung' },
      { __typename: 'ActionField', documentId: 'wohnen' },
    ]);
  });

  it('does not ask the CMS when nothing is named', async () => {
    const asked = forum.cms!.asked.length;
    const member = await forum.register();
    await forum.createThread(member.token);
    await forum.ok(UPDATE, { input: { bio: 'Nur Text' } }, member.token);
    expect(forum.cms!.asked.length).toBe(asked);
  });

  it.each(['fail', 'garbage'] as const)(
    'answers UPSTREAM_UNAVAILABLE when the CMS answers %s, and writes nothing',
    async (mode) => {
      const member = await forum.register();
      forum.cms!.behave(mode);
      try {
        const before = await count(forum, 'thread');
        const result = await forum.gql(
          CREATE_THREAD,
          {
            input: {
              title: 'Über etwas',
              body: 'Text',
              categoryId: await forum.categoryId(),
              projectId: 'p1',
            },
          },
          member.token,
        );
        expect(result.status).toBe(200);
        expect(result.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', service: 'cms' });
        expect(await count(forum, 'thread')).toBe(before);
      } finally {
        forum.cms!.behave('answer');
      }
    },
  );
});

describe('when the CMS cannot be reached', () => {
  let forum: TestForum;
  let closedPort: number;
  beforeAll(async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as net.AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    forum = await startTestForum({ config: { cmsUrl: `http://127.0.0.1:${closedPort}` } });
  });
  afterAll(() => forum?.close());

  it('refuses writes that name CMS documents with UPSTREAM_UNAVAILABLE and writes nothing', async () => {
    const members = await count(forum, 'member');
    const registered = await forum.gql(REGISTER, registration({ cityId: 'bremen' }));
    expect(registered.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', service: 'cms' });
    expect(registered.errors?.[0]?.message).toMatch(/nothing was saved/);
    expect(await count(forum, 'member')).toBe(members);

    const member = await forum.register('Ohne Stadt');
    const updated = await forum.gql(UPDATE, { input: { interests: ['bildung'], bio: 'neu' } }, member.token);
    expect(updated.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
    expect((await forum.ok('{ me { interestIds bio } }', {}, member.token)).me).toEqual({
      interestIds: [],
      bio: '',
    });

    const threads = await count(forum, 'thread');
    const created = await forum.gql(
      CREATE_THREAD,
      { input: { title: 'Über etwas', body: 'Text', categoryId: await forum.categoryId(), projectId: 'p1' } },
      member.token,
    );
    expect(created.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
    expect(await count(forum, 'thread')).toBe(threads);
  });

  it('still takes what names no CMS document', async () => {
    const member = await forum.register('Ganz ohne CMS');
    expect((await forum.createThread(member.token)).id).toEqual(expect.any(String));
  });

  it('gives the registration attempt back, so the member can try again when the CMS is back', async () => {
    const limited = await startTestForum({
      config: {
        cmsUrl: `http://127.0.0.1:${closedPort}`,
        registrationLimits: { perAddress: 1, windowSeconds: 3600 },
      },
    });
    try {
      for (let i = 0; i < 3; i++) {
        const result = await limited.gql(REGISTER, registration({ cityId: 'bremen' }));
        expect(result.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
      }
      expect((await limited.gql(REGISTER, registration())).errors).toBeUndefined();
    } finally {
      await limited.close();
    }
  });
});

describe('when the CMS does not answer in time', () => {
  let silent: http.Server;
  const sockets = new Set<net.Socket>();
  let forum: TestForum;
  beforeAll(async () => {
    silent = http.createServer(() => undefined); // accepts, never answers
    silent.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    forum = await startTestForum({ config: { cmsUrl: `http://127.0.0.1:${port}`, cmsTimeoutMs: 300 } });
  });
  afterAll(async () => {
    await forum?.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('gives up after its timeout with UPSTREAM_UNAVAILABLE', async () => {
    const result = await forum.gql(REGISTER, registration({ interests: ['bildung'] }));
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', service: 'cms' });
  });
});
