import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDigestCommand } from '../src/mail/digest-command.js';
import { backend, collect, createTestDatabase, startTestForum, waitFor, type TestForum } from './forum.js';
import { SmtpSink } from './smtp-sink.js';

let sink: SmtpSink;
let forum: TestForum;
beforeAll(async () => {
  sink = await SmtpSink.start();
  forum = await startTestForum({ mail: { smtpUrl: sink.url } });
});
afterAll(async () => {
  await forum?.close();
  await sink?.close();
});

const SETTINGS =
  'mutation ($input: UpdateNotificationSettingsInput!) { updateNotificationSettings(input: $input) { kind frequency } }';
const FOLLOW = 'mutation ($input: FollowInput!) { follow(input: $input) { targetType targetId } }';
const setAll = (token: string, frequency: string) =>
  forum.ok(
    SETTINGS,
    {
      input: {
        settings: ['REPLY', 'MENTION', 'DIRECT_MESSAGE', 'FOLLOWED_THREAD', 'FOLLOWED_CONTENT'].map(
          (kind) => ({
            kind,
            frequency,
          }),
        ),
      },
    },
    token,
  );

/** Posts a content event to the forum as the CMS does (from loopback, no secret configured in tests). */
const cmsEvent = async (event: Record<string, unknown>) =>
  (
    await fetch(`${forum.url}/webhooks/cms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: randomUUID(), locale: null, at: new Date().toISOString(), ...event }),
    })
  ).json() as Promise<{ outcome: string }>;

/** `npm run digest -w services/forum -- --now` beside the running forum: what it prints, and the count sent. */
const digestNow = async () => {
  const outcome = await runDigestCommand(['--now'], {
    FORUM_HOST: '127.0.0.1',
    FORUM_PORT: new URL(forum.url).port,
    LOG_LEVEL: 'silent',
  });
  expect(outcome.code, outcome.message).toBe(0);
  expect(outcome.message).toMatch(
    /^digest: \d+ digests for \d+ members due, sent by the forum at http:\/\/127\.0\.0\.1:/,
  );
  return { digests: Number(/(\d+) digests/.exec(outcome.message)![1]) };
};

/** A member who follows two threads and has not visited since news arrived in both (busy one first). */
async function readerWithNews(on: TestForum) {
  const reader = await on.register('Digest Leserin');
  const writer = await on.register('Digest Schreiber');
  const busy = await on.createThread(writer.token, { title: 'Viel los hier' });
  const quiet = await on.createThread(writer.token, { title: 'Eher ruhig' });
  await on.ok(FOLLOW, { input: { threadId: busy.id } }, reader.token);
  await on.ok(FOLLOW, { input: { threadId: quiet.id } }, reader.token);
  // The reader's visit (the follows) lies before what follows.
  await on.server.services.dataSource.query(
    "UPDATE member SET last_seen_at = now() - interval '1 hour', created_at = now() - interval '1 day' WHERE id = $1",
    [reader.id],
  );
  await on.server.services.dataSource.query(
    "UPDATE notification SET created_at = now() - interval '2 hours' WHERE member_id = $1",
    [reader.id],
  );
  await on.addPost(writer.token, quiet.id, 'Eine Antwort');
  for (const body of ['Eins', 'Zwei', 'Drei']) await on.addPost(writer.token, busy.id, body);
  return { reader, writer, busy };
}

const weeklyDigestsTo = (email: string) =>
  sink.to(email).filter((mail) => mail.subject.startsWith('Ihre wöchentliche Zusammenfassung'));

describe(`notification settings (${backend})`, () => {
  it('are weekly by default, can be changed per kind, and are the member’s own', async () => {
    const member = await forum.register();
    const { notificationSettings } = await forum.ok(
      '{ notificationSettings { kind frequency } }',
      {},
      member.token,
    );
    expect(notificationSettings).toHaveLength(5);
    expect(new Set(notificationSettings.map((s: { frequency: string }) => s.frequency))).toEqual(
      new Set(['WEEKLY']),
    );
    const changed = await forum.ok(
      SETTINGS,
      {
        input: {
          settings: [
            { kind: 'MENTION', frequency: 'IMMEDIATELY' },
            { kind: 'DIRECT_MESSAGE', frequency: 'NEVER' },
          ],
        },
      },
      member.token,
    );
    expect(changed.updateNotificationSettings).toContainEqual({ kind: 'MENTION', frequency: 'IMMEDIATELY' });
    expect(changed.updateNotificationSettings).toContainEqual({ kind: 'DIRECT_MESSAGE', frequency: 'NEVER' });
    expect(changed.updateNotificationSettings).toContainEqual({ kind: 'REPLY', frequency: 'WEEKLY' });
    expect((await forum.gql('{ notificationSettings { kind } }')).errors?.[0]?.extensions?.['code']).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe(`mention and direct-message mails (${backend})`, () => {
  it('mails a mention and a direct message to members who chose "immediately"', async () => {
    const writer = await forum.register('Schreiberin');
    const reader = await forum.register('Leser Mention');
    await setAll(reader.token, 'IMMEDIATELY');
    const thread = await forum.createThread(writer.token, { title: 'Wer kennt Lernpatenschaften?' });
    await forum.addPost(writer.token, thread.id, `@${reader.handle} weißt du da etwas?`);
    await sink.waitFor(() =>
      sink.to(reader.email).some((mail) => mail.subject === 'Neu: Wer kennt Lernpatenschaften?'),
    );
    const mention = sink
      .to(reader.email)
      .find((mail) => mail.subject === 'Neu: Wer kennt Lernpatenschaften?')!;
    expect(mention.text).toContain('Schreiberin erwähnte Sie');
    await forum.ok(
      'mutation ($input: StartConversationInput!) { startConversation(input: $input) { id } }',
      { input: { memberId: reader.id, body: 'Hallo, eine Frage unter uns' } },
      writer.token,
    );
    await sink.waitFor(() =>
      sink.to(reader.email).some((mail) => mail.text.includes('Schreiberin schrieb Ihnen')),
    );
    const message = sink.to(reader.email).find((mail) => mail.text.includes('Schreiberin schrieb Ihnen'))!;
    expect(message.text).toContain('„Hallo, eine Frage unter uns“');
    expect(message.text + message.html).not.toContain(writer.email);
  });
});

describe(`follows (${backend})`, () => {
  it('follows a city, a field of action, a project, a thread and a category; lists them for the member only', async () => {
    const member = await forum.register();
    const other = await forum.register();
    const thread = await forum.createThread(other.token);
    const categoryId = await forum.categoryId();
    for (const input of [
      { cityId: 'stadt-bremen' },
      { actionFieldId: 'wohnen' },
      { projectId: 'projekt-1' },
      { threadId: thread.id },
      { categoryId },
    ])
      await forum.ok(FOLLOW, { input }, member.token);
    const query = `query ($id: ID!) { member(id: $id) { follows { targetType targetId } } }`;
    const own = await forum.ok(query, { id: member.id }, member.token);
    expect(own.member.follows.map((f: { targetType: string }) => f.targetType).sort()).toEqual([
      'ACTION_FIELD',
      'CATEGORY',
      'CITY',
      'PROJECT',
      'THREAD',
    ]);
    expect((await forum.ok(query, { id: member.id }, other.token)).member.follows).toBeNull();
    const two = await forum.gql(FOLLOW, { input: { cityId: 'a', projectId: 'b' } }, member.token);
    expect(two.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
    forum.cms!.unpublish('City', 'entwurf');
    const draft = await forum.gql(FOLLOW, { input: { cityId: 'entwurf' } }, member.token);
    expect(draft.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cityId' });
    expect(
      (
        await forum.ok(
          'mutation ($input: FollowInput!) { unfollow(input: $input) }',
          { input: { cityId: 'stadt-bremen' } },
          member.token,
        )
      ).unfollow,
    ).toBe(true);
  });

  it('announces a project published in a followed city live and by mail, once, and never one unpublished first', async () => {
    const follower = await forum.register('Folgt Bremen');
    await setAll(follower.token, 'IMMEDIATELY');
    await forum.ok(FOLLOW, { input: { cityId: 'bremen-city' } }, follower.token);
    const live = collect(
      forum.subscriber(follower.token),
      'subscription { notificationAdded { kind cmsDocumentId } }',
      {},
      1,
    );
    await live.started;

    forum.cms!.publish('Project', 'sprachcafe-bremen', {
      title: 'Sprachcafé im Quartier',
      city: { documentId: 'bremen-city' },
      actionFields: [{ documentId: 'sprache' }],
    });
    const event = {
      event: 'entry.publish',
      model: 'project',
      documentId: 'sprachcafe-bremen',
      id: randomUUID(),
    };
    expect((await cmsEvent(event)).outcome).toBe('accepted');
    // The CMS delivers again (a retry): nothing more happens.
    expect((await cmsEvent(event)).outcome).toBe('duplicate');
    const [notification] = await live.done;
    expect(notification!.data.notificationAdded).toEqual({
      kind: 'NEW_PROJECT',
      cmsDocumentId: 'sprachcafe-bremen',
    });
    await sink.waitFor(() =>
      sink.to(follower.email).some((mail) => mail.subject === 'Neu: Sprachcafé im Quartier'),
    );
    const mail = sink.to(follower.email).find((m) => m.subject === 'Neu: Sprachcafé im Quartier')!;
    expect(mail.text).toContain('http://website.test/projekte/sprachcafe-bremen');
    // Published again later: announced before, not again.
    await cmsEvent({ event: 'entry.publish', model: 'project', documentId: 'sprachcafe-bremen' });
    await waitFor(async () => {
      const rows = await forum.server.services.dataSource.query(
        "SELECT outcome FROM cms_event WHERE document_id = 'sprachcafe-bremen' AND processed_at IS NOT NULL",
      );
      return rows.length === 2 && rows.every((row: { outcome: string }) => row.outcome !== 'processing');
    });
    const count = await forum.server.services.dataSource.query(
      "SELECT count(*) AS n FROM notification WHERE cms_document_id = 'sprachcafe-bremen'",
    );
    expect(Number(count[0].n)).toBe(1);

    // Unpublished before the announcement is made: nobody hears of it.
    forum.cms!.publish('Project', 'kurz-online', {
      title: 'Kurz online',
      city: { documentId: 'bremen-city' },
    });
    forum.cms!.unpublish('Project', 'kurz-online');
    await cmsEvent({ event: 'entry.publish', model: 'project', documentId: 'kurz-online' });
    await waitFor(async () => {
      const [row] = await forum.server.services.dataSource.query(
        "SELECT outcome FROM cms_event WHERE document_id = 'kurz-online'",
      );
      return row?.outcome === 'not published any more';
    });
    const none = await forum.server.services.dataSource.query(
      "SELECT 1 FROM notification WHERE cms_document_id = 'kurz-online'",
    );
    expect(none).toHaveLength(0);
  });

  it('announces live while the mail relay hangs, and mails the news once it answers', async () => {
    const hanging = await SmtpSink.start();
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    hanging.gate = () => answered;
    const on = await startTestForum({ mail: { smtpUrl: hanging.url } });
    try {
      const follower = await on.register('Folgt Geduldig');
      await on.ok(
        SETTINGS,
        { input: { settings: [{ kind: 'FOLLOWED_CONTENT', frequency: 'IMMEDIATELY' }] } },
        follower.token,
      );
      await on.ok(FOLLOW, { input: { cityId: 'bremen-city' } }, follower.token);
      // The relay holds the confirmation mail: the mail worker waits on it.
      await waitFor(() => hanging.received > 0);
      const live = collect(
        on.subscriber(follower.token),
        'subscription { notificationAdded { kind cmsDocumentId } }',
        {},
        1,
      );
      await live.started;
      on.cms!.publish('Project', 'trotz-stau', { title: 'Trotz Stau', city: { documentId: 'bremen-city' } });
      await fetch(`${on.url}/webhooks/cms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          id: randomUUID(),
          event: 'entry.publish',
          model: 'project',
          documentId: 'trotz-stau',
        }),
      });
      const heard = await Promise.race([
        live.done,
        new Promise<'not within 5 s'>((resolve) => setTimeout(() => resolve('not within 5 s'), 5000)),
      ]);
      expect(heard).not.toBe('not within 5 s');
      answer();
      await hanging.waitFor(() =>
        hanging.to(follower.email).some((mail) => mail.subject === 'Neu: Trotz Stau'),
      );
    } finally {
      answer();
      await on.close();
      await hanging.close();
    }
  });

  it('refuses content events from a sender without the secret when one is configured', async () => {
    const guarded = await startTestForum({ config: { cmsWebhookSecret: 'geheimes-webhook-secret' } });
    try {
      const post = (secret?: string) =>
        fetch(`${guarded.url}/webhooks/cms`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(secret ? { 'x-webhook-secret': secret } : {}) },
          body: JSON.stringify({
            id: randomUUID(),
            event: 'entry.publish',
            model: 'project',
            documentId: 'x1',
          }),
        });
      expect((await post()).status).toBe(401);
      expect((await post('falsch')).status).toBe(401);
      expect((await post('geheimes-webhook-secret')).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});

describe(`digests (${backend})`, () => {
  it('sends what happened since the last visit, most active first; nothing when empty or seen', async () => {
    const { reader, writer, busy } = await readerWithNews(forum);

    const run = await digestNow();
    expect(run.digests).toBeGreaterThanOrEqual(1);
    await sink.waitFor(() => weeklyDigestsTo(reader.email).length > 0);
    const digest = weeklyDigestsTo(reader.email)[0]!;
    expect(digest.subject).toBe('Ihre wöchentliche Zusammenfassung: 2 Themen');
    expect(digest.text.indexOf('Viel los hier')).toBeLessThan(digest.text.indexOf('Eher ruhig'));
    expect(digest.text).toContain('3 neue Einträge');
    expect(digest.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    // Nothing new: no second digest (and a week has not passed anyway).
    await digestNow();
    expect(weeklyDigestsTo(reader.email)).toHaveLength(1);

    // A member who visited after the news gets none.
    const visitor = await forum.register('War schon da');
    await forum.ok(FOLLOW, { input: { threadId: busy.id } }, visitor.token);
    await forum.addPost(writer.token, busy.id, 'Vier');
    await forum.server.services.dataSource.query(
      "UPDATE member SET last_seen_at = now() + interval '1 minute' WHERE id = $1",
      [visitor.id],
    );
    await digestNow();
    expect(sink.to(visitor.email).filter((mail) => mail.subject.includes('Zusammenfassung'))).toHaveLength(0);
  });
});

describe(`the digest command (${backend})`, () => {
  it('explains itself when called without --now, and sends nothing', async () => {
    const outcome = await runDigestCommand([], { LOG_LEVEL: 'silent' });
    expect(outcome).toEqual({ code: 2, message: expect.stringContaining('-- --now') });
  });

  it('says which setting is wrong instead of starting', async () => {
    const outcome = await runDigestCommand(['--now'], { FORUM_PORT: 'viele', LOG_LEVEL: 'silent' });
    expect(outcome.code).toBe(78);
    expect(outcome.message).toContain('FORUM_PORT');
  });

  it.runIf(backend === 'postgres')(
    'with no forum running, opens the database itself and sends the due digests and the waiting mail',
    async () => {
      const database = await createTestDatabase();
      try {
        const stopped = await startTestForum({ databaseUrl: database.databaseUrl });
        const { reader } = await readerWithNews(stopped);
        const port = new URL(stopped.url).port;
        await stopped.close();
        const outcome = await runDigestCommand(['--now'], {
          FORUM_HOST: '127.0.0.1',
          FORUM_PORT: port,
          FORUM_DATABASE_URL: database.databaseUrl,
          SMTP_URL: sink.url,
          LOG_LEVEL: 'silent',
        });
        // Sent: the digest, and what else waited in the outbox (the two members' address confirmations).
        expect(outcome.message).toBe('digest: 1 digests for 1 members due; sent 3, to retry 0');
        expect(weeklyDigestsTo(reader.email).map((mail) => mail.subject)).toEqual([
          'Ihre wöchentliche Zusammenfassung: 2 Themen',
        ]);
      } finally {
        await database.drop();
      }
    },
  );
});
