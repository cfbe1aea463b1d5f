import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMail } from '../src/mail/outbox.js';
import { backend, createTestDatabase, startTestForum, waitFor, type TestForum } from './forum.js';
import { SmtpSink } from './smtp-sink.js';

const immediately = (forum: TestForum, memberId: string) =>
  forum.server.services.dataSource.query(
    `INSERT INTO notification_setting (member_id, kind, frequency)
     SELECT $1, kind, 'IMMEDIATELY' FROM unnest(ARRAY['REPLY','MENTION','DIRECT_MESSAGE','FOLLOWED_THREAD','FOLLOWED_CONTENT']) kind
     ON CONFLICT (member_id, kind) DO UPDATE SET frequency = 'IMMEDIATELY'`,
    [memberId],
  );

const outbox = async (forum: TestForum, recipient: string) =>
  (await forum.server.services.dataSource.query(
    "SELECT status, attempts, last_error FROM mail_outbox WHERE recipient = $1 AND template = 'NOTIFICATION' ORDER BY seq",
    [recipient],
  )) as { status: string; attempts: number; last_error: string | null }[];

/** The mails to an address other than the verification mail every registered member got. */
const news = (sink: SmtpSink, email: string) =>
  sink.to(email).filter((mail) => mail.subject !== 'Bitte bestätigen Sie Ihre E-Mail-Adresse');

/** Writes `count` mails to the outbox in one transaction, as a burst of events would. */
async function enqueueMany(forum: TestForum, count: number, prefix: string) {
  const { dataSource, mail } = forum.server.services;
  await dataSource.transaction(async (tx) => {
    for (let index = 0; index < count; index++) {
      await enqueueMail(tx, mail.outbox, {
        to: `${prefix}-${index}@example.org`,
        memberId: null,
        template: 'ACCOUNT_EXISTS',
        payload: {
          name: 'Test',
          signInUrl: 'http://website.test/anmelden',
          resetUrl: 'http://website.test/x',
        },
      });
    }
  });
  mail.worker.wake();
}

describe(`mail outbox (${backend})`, () => {
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

  it('mails a reply to the thread author, threaded under the thread, with one-click unsubscribe', async () => {
    const author = await forum.register('Anna Autorin');
    const replier = await forum.register('Ben Beispiel');
    await immediately(forum, author.id);
    const thread = await forum.createThread(author.token, { title: 'Sprachcafés im Quartier' });
    await forum.addPost(replier.token, thread.id, 'Bei uns läuft das **dienstags**.');
    await sink.waitFor(() => news(sink, author.email).length === 1);
    const [mail] = news(sink, author.email);
    expect(mail!.subject).toBe('Neu: Sprachcafés im Quartier');
    expect(mail!.text).toContain('Ben Beispiel schrieb: „Bei uns läuft das dienstags.“');
    expect(mail!.text).toContain(`http://website.test/forum/thema/${thread.id}`);
    expect(mail!.html).toContain('<html lang="de">');
    expect(mail!.html).toMatch(/<h1[^>]*>Neues im Stadtnetz Integration<\/h1>/);
    expect(mail!.parsed.inReplyTo).toMatch(new RegExp(`^<thread-${thread.id}@`));
    expect(mail!.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail!.header('list-unsubscribe')).toMatch(
      /^<http:\/\/website\.test\/e-mail\/abbestellen\/[^>]+>$/,
    );
    // No other member's address in it.
    expect(mail!.parsed.headers.get('to')).toBeDefined();
    expect(mail!.text + mail!.html).not.toContain(replier.email);
    expect((await outbox(forum, author.email)).map((row) => row.status)).toEqual(['SENT']);
  });

  it('turns the mails off with the one-click link, without signing in; a forged token changes nothing', async () => {
    const author = await forum.register();
    const replier = await forum.register();
    await immediately(forum, author.id);
    const thread = await forum.createThread(author.token);
    await forum.addPost(replier.token, thread.id, 'Eine Antwort');
    await sink.waitFor(() => news(sink, author.email).length === 1);
    const link = /<([^>]+)>/.exec(news(sink, author.email)[0]!.header('list-unsubscribe')!)![1]!;
    const token = decodeURIComponent(link.split('/').at(-1)!);
    const UNSUBSCRIBE = 'mutation ($token: String!) { unsubscribe(token: $token) { kinds } }';
    const forged = await forum.gql(UNSUBSCRIBE, { token: `${token.split('.')[0]}.AAAA` });
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    const done = await forum.ok(UNSUBSCRIBE, { token });
    expect(done.unsubscribe.kinds).toEqual(['FOLLOWED_THREAD']);
    await forum.addPost(replier.token, thread.id, 'Noch eine Antwort');
    const rows = await outbox(forum, author.email);
    expect(rows).toHaveLength(1);
    // Twice is fine.
    expect((await forum.ok(UNSUBSCRIBE, { token })).unsubscribe.kinds).toEqual(['FOLLOWED_THREAD']);
  });

  it('keeps mails while the relay is down and sends them when it is back; the post itself succeeds', async () => {
    const author = await forum.register();
    const replier = await forum.register();
    await immediately(forum, author.id);
    const thread = await forum.createThread(author.token);
    await sink.close();
    const post = await forum.addPost(replier.token, thread.id, 'Während der Server schläft');
    expect(post.id).toBeTruthy();
    await waitFor(async () => ((await outbox(forum, author.email))[0]?.attempts ?? 0) >= 2, 10_000);
    const [waiting] = await outbox(forum, author.email);
    expect(waiting).toMatchObject({ status: 'PENDING' });
    expect(waiting!.last_error).toBeTruthy();
    await sink.listen();
    await sink.waitFor(() => news(sink, author.email).length === 1);
    await waitFor(async () => (await outbox(forum, author.email))[0]?.status === 'SENT');
  });

  it('marks an address that the relay refuses for good (5xx) undeliverable and sends it nothing more', async () => {
    const author = await forum.register();
    const replier = await forum.register();
    await immediately(forum, author.id);
    sink.refuse.add(author.email.toLowerCase());
    const thread = await forum.createThread(author.token);
    await forum.addPost(replier.token, thread.id, 'Erste Antwort');
    await waitFor(async () => (await outbox(forum, author.email))[0]?.status === 'FAILED');
    const [row] = await outbox(forum, author.email);
    expect(row!.attempts).toBe(1);
    const bounced = await forum.server.services.dataSource.query(
      'SELECT address FROM undeliverable_address WHERE address = lower($1)',
      [author.email],
    );
    expect(bounced).toHaveLength(1);
    await forum.addPost(replier.token, thread.id, 'Zweite Antwort');
    expect(await outbox(forum, author.email)).toHaveLength(1);
    expect(news(sink, author.email)).toHaveLength(0);
  });
});

describe(`collecting "immediately" (${backend})`, () => {
  it('makes one mail of what a busy thread brings while the mail waits', async () => {
    const sink = await SmtpSink.start();
    const forum = await startTestForum({ mail: { smtpUrl: sink.url, collectSeconds: 3600 } });
    try {
      const author = await forum.register('Anna Sammelt');
      const others = [await forum.register('Ben Eins'), await forum.register('Cara Zwei')];
      await immediately(forum, author.id);
      const thread = await forum.createThread(author.token, { title: 'Viel Betrieb' });
      await forum.addPost(others[0]!.token, thread.id, 'Erste Antwort');
      await forum.addPost(others[1]!.token, thread.id, 'Zweite Antwort');
      await forum.addPost(others[0]!.token, thread.id, 'Dritte Antwort');
      const pending = await outbox(forum, author.email);
      expect(pending.map((row) => row.status)).toEqual(['PENDING']);
      // The collecting time is over.
      await forum.server.services.dataSource.query(
        "UPDATE mail_outbox SET next_attempt_at = now() WHERE template = 'NOTIFICATION'",
      );
      forum.server.services.mail.worker.wake();
      await sink.waitFor(() => news(sink, author.email).length === 1);
      const [mail] = news(sink, author.email);
      expect(mail!.subject).toBe('Neu: Viel Betrieb');
      expect(mail!.text).toContain('3 neue Einträge');
      for (const line of [
        'Ben Eins schrieb: „Erste Antwort“',
        'Cara Zwei schrieb: „Zweite Antwort“',
        'Ben Eins schrieb: „Dritte Antwort“',
      ])
        expect(mail!.text).toContain(line);
      // A reply after it went out starts the next mail.
      await forum.addPost(others[1]!.token, thread.id, 'Vierte Antwort');
      expect((await outbox(forum, author.email)).map((row) => row.status)).toEqual(['SENT', 'PENDING']);
    } finally {
      await forum.close();
      await sink.close();
    }
  });
});

describe(`mail outbox across restarts and replicas (${backend})`, () => {
  it('loses nothing and sends nothing twice when the forum restarts in the middle of sending', async () => {
    const sink = await SmtpSink.start();
    const database = await createTestDatabase();
    const dataDir = backend === 'embedded' ? mkdtempSync(path.join(tmpdir(), 'forum-mail-')) : undefined;
    const start = () =>
      startTestForum({
        databaseUrl: database.databaseUrl,
        dataDir,
        mail: { smtpUrl: sink.url, batchSize: 5 },
      });
    try {
      // The relay takes its time: the forum is stopped while mails are in flight.
      let release!: () => void;
      let held = new Promise<void>((resolve) => (release = resolve));
      sink.gate = () => held;
      let forum = await start();
      await enqueueMany(forum, 30, 'restart');
      await waitFor(async () => {
        const [row] = await forum.server.services.dataSource.query(
          "SELECT count(*) AS n FROM mail_outbox WHERE locked_until IS NOT NULL AND status = 'PENDING'",
        );
        return Number(row.n) > 0;
      });
      const closing = forum.close();
      release();
      await closing;
      const sentBefore = sink.mails.length;
      expect(sentBefore).toBeLessThan(30);
      held = Promise.resolve();
      forum = await start();
      await sink.waitFor((mails) => mails.length >= 30);
      await waitFor(async () => {
        const [row] = await forum.server.services.dataSource.query(
          "SELECT count(*) AS n FROM mail_outbox WHERE status = 'SENT'",
        );
        return Number(row.n) === 30;
      });
      await forum.close();
      const ids = sink.mails.map((mail) => mail.messageId);
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
      expect(new Set(sink.mails.map((mail) => mail.to)).size).toBe(30);
    } finally {
      await sink.close();
      await database.drop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it.skipIf(backend !== 'postgres')(
    'sends each mail once with two forum replicas on one PostgreSQL',
    async () => {
      const sink = await SmtpSink.start();
      const database = await createTestDatabase();
      try {
        const first = await startTestForum({
          databaseUrl: database.databaseUrl,
          mail: { smtpUrl: sink.url, batchSize: 3 },
        });
        const second = await startTestForum({
          databaseUrl: database.databaseUrl,
          mail: { smtpUrl: sink.url, batchSize: 3 },
        });
        await enqueueMany(first, 60, 'replica');
        second.server.services.mail.worker.wake();
        await sink.waitFor((mails) => mails.length >= 60);
        await waitFor(async () => {
          const [row] = await first.server.services.dataSource.query(
            "SELECT count(*) AS n FROM mail_outbox WHERE status = 'SENT'",
          );
          return Number(row.n) === 60;
        });
        const stats = [first, second].map((forum) => forum.server.services.mail.worker.stats.sent);
        await first.close();
        await second.close();
        expect(sink.mails).toHaveLength(60);
        expect(new Set(sink.mails.map((mail) => mail.messageId)).size).toBe(60);
        // Both took part (each claims a few at a time).
        expect(stats[0]! + stats[1]!).toBe(60);
      } finally {
        await sink.close();
        await database.drop();
      }
    },
  );
});
