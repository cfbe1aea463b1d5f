import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymiseOldRegistrations } from '../src/workshop-signup/retention.js';
import { backend, collect, startTestForum, type TestForum } from './forum.js';

let forum: TestForum;
const EDITOR_SECRET = 'the-cms-editor-secret-for-tests';
beforeAll(async () => {
  forum = await startTestForum({ config: { editorSecret: EDITOR_SECRET } });
});
afterAll(() => forum?.close());

const DAY = 24 * 3600 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

/** A published workshop in the stand-in CMS, open for registration unless told otherwise. */
const workshops = new Map<string, Record<string, unknown>>();
function workshop(registration: Record<string, unknown> = {}, fields: Record<string, unknown> = {}) {
  const documentId = `ws${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  workshops.set(documentId, {
    title: 'Werkstatt: Ankommen im Quartier',
    slug: `werkstatt-${documentId}`,
    startsAt: inDays(30),
    endsAt: inDays(30.25),
    venue: {
      name: 'Neues Rathaus',
      address: 'Martin-Luther-Ring 4–6, 04109 Leipzig',
      city: { name: 'Leipzig' },
    },
    ...fields,
    registration: {
      open: true,
      opensAt: null,
      capacity: 2,
      deadline: inDays(20),
      waitlist: true,
      approvalRequired: false,
      questions: [],
      ...registration,
    },
  });
  forum.cms!.setWorkshop(documentId, workshops.get(documentId)!);
  return documentId;
}

const SIGNUP = `query ($id: ID!) {
  _entities(representations: [{ __typename: "Workshop", documentId: $id }]) {
    ... on Workshop { signup { status capacity seatsLeft confirmedCount waitlistCount myStatus myWaitlistPosition questions { key required } } }
  }
}`;

async function signupOf(workshopId: string, token?: string) {
  const data = await forum.ok(SIGNUP, { id: workshopId }, token);
  return data._entities[0].signup;
}

const REGISTER = `mutation ($input: RegisterForWorkshopInput!) {
  registerForWorkshop(input: $input) { id status waitlistPosition answers { key value } workshop { documentId } }
}`;
const CANCEL = `mutation ($id: ID!) { cancelWorkshopRegistration(workshopId: $id) { status } }`;

type TestMember = Awaited<ReturnType<TestForum['register']>>;
const members = async (...names: [string, string, string, string]) =>
  (await Promise.all(names.map((name) => forum.register(name)))) as [
    TestMember,
    TestMember,
    TestMember,
    TestMember,
  ];

const register = (token: string, workshopId: string, answers: { key: string; value: string }[] = []) =>
  forum.gql(REGISTER, { input: { workshopId, answers } }, token);

describe('workshop registration', () => {
  it('gives seats in order, then the waiting list; a cancellation moves the first on the list up', async () => {
    const id = workshop({ capacity: 2 });
    const [anna, ben, cem, dora] = await members('Anna', 'Ben', 'Cem', 'Dora');

    expect(await signupOf(id)).toMatchObject({ status: 'OPEN', capacity: 2, seatsLeft: 2, myStatus: null });
    expect((await register(anna.token, id)).data.registerForWorkshop).toMatchObject({
      status: 'CONFIRMED',
      waitlistPosition: null,
      workshop: { documentId: id },
    });
    expect((await register(ben.token, id)).data.registerForWorkshop.status).toBe('CONFIRMED');
    expect((await register(cem.token, id)).data.registerForWorkshop).toMatchObject({
      status: 'WAITLISTED',
      waitlistPosition: 1,
    });
    expect((await register(dora.token, id)).data.registerForWorkshop.waitlistPosition).toBe(2);
    expect(await signupOf(id, dora.token)).toMatchObject({
      status: 'FULL_WAITLIST',
      seatsLeft: 0,
      confirmedCount: 2,
      waitlistCount: 2,
      myStatus: 'WAITLISTED',
      myWaitlistPosition: 2,
    });

    expect((await forum.gql(CANCEL, { id }, anna.token)).data.cancelWorkshopRegistration.status).toBe(
      'CANCELLED',
    );
    expect(await signupOf(id, cem.token)).toMatchObject({ myStatus: 'CONFIRMED', confirmedCount: 2 });
    expect(await signupOf(id, dora.token)).toMatchObject({ myStatus: 'WAITLISTED', myWaitlistPosition: 1 });
    expect(await signupOf(id, anna.token)).toMatchObject({ myStatus: 'CANCELLED' });

    // Back after cancelling: at the end of the queue.
    expect((await register(anna.token, id)).data.registerForWorkshop).toMatchObject({
      status: 'WAITLISTED',
      waitlistPosition: 2,
    });
  });

  it('refuses what cannot be, with a clear error, and writes nothing', async () => {
    const member = await forum.register('Erik');
    const cases: [string, string, string][] = [
      [workshop({}, { startsAt: inDays(-1), endsAt: inDays(-0.8) }), 'BAD_USER_INPUT', 'PAST'],
      [workshop({ deadline: inDays(-1) }), 'BAD_USER_INPUT', 'DEADLINE_PASSED'],
      [workshop({ opensAt: inDays(2) }), 'BAD_USER_INPUT', 'NOT_YET_OPEN'],
      [workshop({ open: false }), 'BAD_USER_INPUT', 'NOT_OFFERED'],
    ];
    for (const [id, code, reason] of cases) {
      const result = await register(member.token, id);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code, reason });
      expect(await signupOf(id, member.token)).toMatchObject({ confirmedCount: 0, myStatus: null });
    }
    expect((await signupOf(cases[2]![0])).status).toBe('NOT_YET_OPEN');
    expect((await signupOf(cases[0]![0])).status).toBe('CLOSED');

    forum.cms!.unpublish('Workshop', 'doesNotExist');
    expect((await register(member.token, 'doesNotExist')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await register(member.token, 'not a document id!')).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );

    const once = workshop();
    expect((await register(member.token, once)).data.registerForWorkshop.status).toBe('CONFIRMED');
    const twice = await register(member.token, once);
    expect(twice.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'ALREADY_REGISTERED',
    });
    expect(await signupOf(once)).toMatchObject({ confirmedCount: 1 });

    const anonymous = await forum.gql(REGISTER, { input: { workshopId: once } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('asks the editors’ questions: required ones must be answered, unknown keys are refused', async () => {
    const id = workshop({
      questions: [
        { key: 'organisation', label: 'Organisation', labelEn: 'Organisation', required: true },
        { key: 'barrierefreiheit', label: 'Barrierefreiheit', labelEn: null, required: false },
      ],
    });
    const member = await forum.register('Fatma');
    const missing = await register(member.token, id, [{ key: 'barrierefreiheit', value: 'stufenlos' }]);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'answers' });
    expect(missing.errors?.[0]?.message).toContain('Organisation');
    const unknown = await register(member.token, id, [
      { key: 'organisation', value: 'Stadt Leipzig' },
      { key: 'lieblingsfarbe', value: 'blau' },
    ]);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await signupOf(id)).toMatchObject({ confirmedCount: 0 });

    const ok = await register(member.token, id, [
      { key: 'organisation', value: ' Stadt Leipzig ' },
      { key: 'barrierefreiheit', value: 'Stufenloser Zugang' },
    ]);
    expect(ok.data.registerForWorkshop.answers).toEqual([
      { key: 'organisation', value: 'Stadt Leipzig' },
      { key: 'barrierefreiheit', value: 'Stufenloser Zugang' },
    ]);
  });

  it('keeps those confirmed when editors lower the capacity, and opens no seat until below it', async () => {
    const id = workshop({ capacity: 3 });
    const people = await members('Gül', 'Hans', 'Ida', 'Jan');
    for (const member of people.slice(0, 3)) await register(member.token, id);
    expect((await register(people[3].token, id)).data.registerForWorkshop.status).toBe('WAITLISTED');

    const settings = { capacity: 1 };
    workshopUpdate(id, settings);
    expect(await signupOf(id)).toMatchObject({ confirmedCount: 3, seatsLeft: 0, status: 'FULL_WAITLIST' });
    await forum.gql(CANCEL, { id }, people[0].token);
    expect(await signupOf(id, people[3].token)).toMatchObject({
      confirmedCount: 2,
      myStatus: 'WAITLISTED',
    });
    await forum.gql(CANCEL, { id }, people[1].token);
    await forum.gql(CANCEL, { id }, people[2].token);
    // Below the capacity now: the first on the list moves up.
    expect(await signupOf(id, people[3].token)).toMatchObject({ confirmedCount: 1, myStatus: 'CONFIRMED' });
  });

  it('holds registrations for an editor’s approval when the workshop asks for it', async () => {
    const id = workshop({ approvalRequired: true });
    const member = await forum.register('Kim');
    expect((await register(member.token, id)).data.registerForWorkshop.status).toBe('PENDING_APPROVAL');
    expect(await signupOf(id, member.token)).toMatchObject({
      myStatus: 'PENDING_APPROVAL',
      confirmedCount: 0,
    });
  });

  it('tells subscribers of a workshop its seats, live', async () => {
    const id = workshop({ capacity: 5 });
    const member = await forum.register('Lea');
    const client = forum.subscriber();
    const live = collect(
      client,
      `subscription ($id: ID!) { workshopRegistrationChanged(workshopId: $id) { workshopId confirmedCount seatsLeft status } }`,
      { id },
      1,
    );
    await live.started;
    await new Promise((resolve) => setTimeout(resolve, 100));
    await register(member.token, id);
    const [event] = await live.done;
    expect(event?.data?.workshopRegistrationChanged).toEqual({
      workshopId: id,
      confirmedCount: 1,
      seatsLeft: 4,
      status: 'OPEN',
    });
    await client.dispose();
  });
});

describe('the editors’ view (for the CMS admin)', () => {
  const editor = (path: string, init: RequestInit = {}, secret = EDITOR_SECRET) =>
    fetch(`${forum.url}/editor${path}`, {
      ...init,
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', ...init.headers },
    });
  const act = (id: string, registrationId: string, action: string) =>
    editor(`/workshops/${id}/registrations/${registrationId}`, {
      method: 'POST',
      body: JSON.stringify({ action }),
    });

  it('lists registrations with answers, approves, moves between seats and list, and exports CSV', async () => {
    const id = workshop({
      capacity: 1,
      approvalRequired: true,
      questions: [{ key: 'verpflegung', label: 'Verpflegung', labelEn: 'Food', required: false }],
    });
    const [mia, nils, ole] = await members('Mia', 'Nils', '=Ole', 'unused');
    await register(mia.token, id, [{ key: 'verpflegung', value: 'vegetarisch' }]);
    await register(nils.token, id);
    await register(ole.token, id);

    const listed = (await (await editor(`/workshops/${id}/registrations`)).json()) as any;
    expect(listed.signup).toMatchObject({ confirmedCount: 0, approvalRequired: true });
    expect(listed.registrations.map((r: { name: string; status: string }) => [r.name, r.status])).toEqual([
      ['Mia', 'PENDING_APPROVAL'],
      ['Nils', 'PENDING_APPROVAL'],
      ['=Ole', 'PENDING_APPROVAL'],
    ]);
    expect(listed.registrations[0]).toMatchObject({
      email: mia.email,
      answers: { verpflegung: 'vegetarisch' },
    });
    const [first, second, third] = listed.registrations as { id: string }[];

    expect((await act(id, first!.id, 'approve')).status).toBe(200);
    expect((await act(id, second!.id, 'approve')).status).toBe(200);
    expect(await signupOf(id, mia.token)).toMatchObject({ myStatus: 'CONFIRMED' });
    // The one seat is taken: approval puts the next on the waiting list.
    expect(await signupOf(id, nils.token)).toMatchObject({ myStatus: 'WAITLISTED', myWaitlistPosition: 1 });
    // Editors may give a seat beyond the capacity.
    expect((await act(id, third!.id, 'seat')).status).toBe(200);
    expect(await signupOf(id)).toMatchObject({ confirmedCount: 2, seatsLeft: 0 });
    // Cancelling a confirmed one below the capacity again moves nobody up while still at or over it.
    await act(id, third!.id, 'cancel');
    expect(await signupOf(id, nils.token)).toMatchObject({ myStatus: 'WAITLISTED' });
    await act(id, first!.id, 'cancel');
    expect(await signupOf(id, nils.token)).toMatchObject({ myStatus: 'CONFIRMED' });

    const csv = await editor(`/workshops/${id}/registrations.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(
      text.startsWith(
        'Status,Platz auf der Warteliste,Name,E-Mail,Organisation (Profil),Verpflegung,Angemeldet am\r\n',
      ),
    ).toBe(true);
    expect(text).toContain(`storniert,,Mia,${mia.email},,vegetarisch,`);
    // A name a spreadsheet would run as a formula stays text.
    expect(text).toContain(`storniert,,'=Ole,`);
  });

  it('answers only the CMS, and refuses unknown actions, workshops and registrations', async () => {
    const id = workshop();
    expect((await editor(`/workshops/${id}/registrations`, {}, 'wrong-secret-of-the-same-len')).status).toBe(
      401,
    );
    expect((await fetch(`${forum.url}/editor/workshops/${id}/registrations`)).status).toBe(401);
    forum.cms!.unpublish('Workshop', 'gone');
    expect((await editor('/workshops/gone/registrations')).status).toBe(404);
    expect((await act(id, randomUUID(), 'explode')).status).toBe(400);
    expect((await act(id, randomUUID(), 'seat')).status).toBe(404);
  });
});

describe('retention of participants’ data', () => {
  it('anonymises registrations the set number of days after the workshop, keeping the counts', async () => {
    const id = workshop({
      questions: [{ key: 'verpflegung', label: 'Verpflegung', labelEn: null, required: false }],
    });
    const moved = workshop();
    const [pia, rolf] = await members('Pia', 'Rolf', 'Xaver', 'Yusuf');
    await register(pia.token, id, [{ key: 'verpflegung', value: 'vegan' }]);
    await register(rolf.token, moved);
    const { dataSource, workshopSettings } = forum.server.services;
    // 200 days on: both workshops (in 30 days) ended long enough ago — but editors moved the second.
    workshopUpdate(moved, {});
    forum.cms!.setWorkshop(moved, { ...workshops.get(moved)!, startsAt: inDays(400), endsAt: inDays(400.2) });
    const later = new Date(Date.now() + 200 * DAY);
    // (Every other workshop of this file ended by then too.)
    expect(await anonymiseOldRegistrations(dataSource, workshopSettings, 90, later)).toBeGreaterThanOrEqual(
      1,
    );
    const rows = await dataSource.query(
      'SELECT member_id, answers, status FROM workshop_registration WHERE workshop_id = ANY($1) ORDER BY workshop_id = $2',
      [[id, moved], id],
    );
    expect(rows).toEqual([
      { member_id: rolf.id, answers: {}, status: 'CONFIRMED' },
      { member_id: null, answers: {}, status: 'CONFIRMED' },
    ]);
    expect(await signupOf(id)).toMatchObject({ confirmedCount: 1 });
    expect(await anonymiseOldRegistrations(dataSource, workshopSettings, 90, later)).toBe(0);
  });
});

/** An editor changes the workshop's registration settings in the CMS. */
function workshopUpdate(id: string, registration: Record<string, unknown>) {
  const current = workshops.get(id)!;
  forum.cms!.setWorkshop(id, {
    ...current,
    registration: { ...(current['registration'] as object), ...registration },
  });
}

describe.runIf(backend === 'postgres')('workshop registration under load, two replicas', () => {
  it('500 concurrent registrations for 100 seats: exactly 100 confirmed, 400 waiting, in order', async () => {
    const databaseUrl = (forum.server.services.dataSource.options as { url: string }).url;
    const second = await startTestForum({ databaseUrl, config: { cmsUrl: forum.cms!.url } });
    try {
      const id = workshop({ capacity: 100 });
      const { dataSource, tokens } = forum.server.services;
      const rows: { id: string }[] = await dataSource.query(
        `INSERT INTO member (email, password_hash, display_name, handle, sector, email_verified_at)
         SELECT 'load' || n || '-' || $1 || '@example.org', 'x', 'Last ' || n, 'last' || n || $1, 'VERWALTUNG', now()
           FROM generate_series(1, 500) AS n RETURNING id`,
        [randomUUID().slice(0, 8)],
      );
      const memberTokens = await Promise.all(rows.map((row) => tokens.sign({ sub: row.id, role: 'MEMBER' })));
      const replicas = [forum, second];
      const results = await Promise.all(
        memberTokens.map((token, index) =>
          replicas[index % 2]!.gql(REGISTER, { input: { workshopId: id, answers: [] } }, token),
        ),
      );
      expect(results.filter((result) => result.errors)).toEqual([]);
      const statuses = results.map((result) => result.data.registerForWorkshop.status as string);
      expect(statuses.filter((status) => status === 'CONFIRMED')).toHaveLength(100);
      expect(statuses.filter((status) => status === 'WAITLISTED')).toHaveLength(400);

      // Arrival order: seats go to the first 100 in the queue, the waiting list continues it without gaps.
      const queue: { status: string; seq: string }[] = await dataSource.query(
        `SELECT status, seq FROM workshop_registration WHERE workshop_id = $1 ORDER BY seq`,
        [id],
      );
      expect(queue.map((row) => Number(row.seq))).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
      expect(queue.slice(0, 100).every((row) => row.status === 'CONFIRMED')).toBe(true);
      expect(queue.slice(100).every((row) => row.status === 'WAITLISTED')).toBe(true);
      const positions = results
        .map((result) => result.data.registerForWorkshop.waitlistPosition as number | null)
        .filter((position): position is number => position !== null)
        .sort((a, b) => a - b);
      expect(positions).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));

      // Cancellations racing new registrations: never more than 100 seats, every freed seat filled.
      const late = await dataSource.query(
        `INSERT INTO member (email, password_hash, display_name, handle, sector, email_verified_at)
         SELECT 'late' || n || '-' || $1 || '@example.org', 'x', 'Spät ' || n, 'late' || n || $1, 'VERWALTUNG', now()
           FROM generate_series(1, 50) AS n RETURNING id`,
        [randomUUID().slice(0, 8)],
      );
      const lateTokens = await Promise.all(
        late.map((row: { id: string }) => tokens.sign({ sub: row.id, role: 'MEMBER' })),
      );
      const cancelling = memberTokens.slice(0, 50);
      await Promise.all([
        ...cancelling.map((token, index) => replicas[index % 2]!.gql(CANCEL, { id }, token)),
        ...lateTokens.map((token, index) =>
          replicas[(index + 1) % 2]!.gql(REGISTER, { input: { workshopId: id, answers: [] } }, token),
        ),
      ]);
      expect(await signupOf(id)).toMatchObject({ confirmedCount: 100, waitlistCount: 400 });
    } finally {
      await second.close();
    }
  });
});
