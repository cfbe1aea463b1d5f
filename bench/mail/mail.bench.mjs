// Mail: how long the digests of many members take to write (and how much memory the forum needs for it), and
// how many mails per second the outbox worker hands to a local SMTP sink. The forum runs as the launcher's
// production shape (PostgreSQL + Redis, one instance); members, follows and their unread news are written
// straight into its database (registering 10,000 members through the API would measure scrypt).
//   BENCH_MAIL_MEMBERS (10000), BENCH_MAIL_FOLLOWS (50 per member), BENCH_MAIL_NEWS (20 notifications per
//   member, spread over what they follow), BENCH_MAIL_SEND (2000 mails for the send rate).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { launchPlatform, round } from '../lib/harness.mjs';

const MEMBERS = Number(process.env.BENCH_MAIL_MEMBERS ?? 10_000);
const FOLLOWS = Number(process.env.BENCH_MAIL_FOLLOWS ?? 50);
const NEWS = Number(process.env.BENCH_MAIL_NEWS ?? 20);
const SEND = Number(process.env.BENCH_MAIL_SEND ?? 2000);
const THREADS = Math.max(FOLLOWS * 4, 200);
const log = (message) => console.error(`[bench mail] ${message}`);

/** A local SMTP sink: accepts everything, counts it, remembers when the first and the last mail came. */
async function startSink() {
  const sink = { count: 0, first: 0, last: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        const now = performance.now();
        sink.count++;
        sink.first ||= now;
        sink.last = now;
        callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.url = `smtp://127.0.0.1:${server.server.address().port}`;
  sink.close = () => new Promise((resolve) => server.close(resolve));
  return sink;
}

/** Peak resident memory of a process so far (VmHWM), in MB. */
const peakMb = (pid) =>
  Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

async function waitUntil(predicate, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function seed(db) {
  log(`seeding ${MEMBERS} members × ${FOLLOWS} follows, ${NEWS} unread news each…`);
  const started = performance.now();
  const [author] = (
    await db.query(
      `INSERT INTO member (email, password_hash, display_name, handle, sector, email_verified_at)
       VALUES ('bench-author@example.org', 'x', 'Bench Autorin', 'bench-autorin', 'SONSTIGE', now()) RETURNING id`,
    )
  ).rows;
  const [category] = (await db.query('SELECT id FROM category ORDER BY position LIMIT 1')).rows;
  await db.query(
    `INSERT INTO thread (category_id, author_id, title, last_activity_at)
     SELECT $1, $2, 'Thema ' || i, now() FROM generate_series(1, $3) i`,
    [category.id, author.id, THREADS],
  );
  await db.query(
    `INSERT INTO member (email, password_hash, display_name, handle, sector, email_verified_at, created_at, last_seen_at)
     SELECT 'leser-' || i || '@example.org', 'x', 'Leser ' || i, 'leser-' || i, 'SONSTIGE', now(),
            now() - interval '30 days', now() - interval '10 days'
       FROM generate_series(1, $1) i`,
    [MEMBERS],
  );
  // Each member follows FOLLOWS threads (a window that moves with the member).
  await db.query(
    `WITH t AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM thread),
          m AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM member WHERE email LIKE 'leser-%')
     INSERT INTO follow (member_id, target_type, target_id)
     SELECT m.id, 'THREAD', t.id::text FROM m JOIN t ON (t.n - m.n % $2 + $2) % $2 < $1`,
    [FOLLOWS, THREADS],
  );
  // Unread news in the followed threads, from the last days.
  await db.query(
    `INSERT INTO notification (member_id, kind, actor_id, thread_id, created_at)
     SELECT f.member_id, 'THREAD_POST', $2, f.target_id::uuid, now() - (random() * interval '5 days')
       FROM (SELECT member_id, target_id, row_number() OVER (PARTITION BY member_id ORDER BY target_id) AS k
               FROM follow WHERE target_type = 'THREAD') f
       CROSS JOIN LATERAL generate_series(1, GREATEST(1, $1 / 10)) g
      WHERE f.k <= 10`,
    [NEWS, author.id],
  );
  const [{ n }] = (await db.query('SELECT count(*) AS n FROM notification')).rows;
  log(`seeded in ${round((performance.now() - started) / 1000)} s (${n} notifications)`);
  return Number(n);
}

export async function run() {
  const sink = await startSink();
  const platform = await launchPlatform('mail', {
    shape: 'production',
    only: ['forum'],
    replicas: { forum: 1 },
    smtpUrl: sink.url,
    env: { forum: { MAIL_POLL_MS: '50', MAIL_BATCH_SIZE: '100', MAIL_DIGEST_CHECK_SECONDS: '0' } },
  });
  const db = new pg.Client({ connectionString: platform.topology.databases.forum });
  await db.connect();
  try {
    const forum = platform.forums[0];
    const notifications = await seed(db);
    const rssBefore = peakMb(forum.pid);

    log('writing and sending the digests…');
    const started = performance.now();
    const response = await fetch(`${forum.url}/internal/digests`, { method: 'POST' });
    const digestRun = await response.json();
    const totalSeconds = (performance.now() - started) / 1000;
    await waitUntil(() => sink.count >= digestRun.digests, 600_000);
    const digestSendSeconds = (sink.last - sink.first) / 1000;
    const peak = peakMb(forum.pid);

    log(`send rate: ${SEND} mails…`);
    const before = sink.count;
    sink.first = 0;
    await db.query(
      `INSERT INTO mail_outbox (recipient, template, payload, message_id)
       SELECT 'sink-' || i || '@example.org', 'ACCOUNT_EXISTS',
              '{"signInUrl":"http://x/anmelden","resetUrl":"http://x/passwort-vergessen"}', '<bench-' || i || '@bench>'
         FROM generate_series(1, $1) i`,
      [SEND],
    );
    await waitUntil(() => sink.count >= before + SEND, 600_000);
    const sendSeconds = (sink.last - sink.first) / 1000;

    return {
      setup: `forum on PostgreSQL + Redis (the launcher's production shape, one instance), ${MEMBERS} members following ${FOLLOWS} threads each, ${notifications} unread notifications, a local SMTP sink (smtp-server) in the benchmark's process, 2 shared cores`,
      digests: {
        members: MEMBERS,
        followsPerMember: FOLLOWS,
        written: digestRun.digests,
        secondsToWriteAndSend: round(totalSeconds),
        digestsPerSecond: round(digestRun.digests / totalSeconds),
        sendSeconds: round(digestSendSeconds),
        forumPeakRssMb: peak,
        forumPeakRssBeforeMb: rssBefore,
      },
      sendRate: { mails: SEND, seconds: round(sendSeconds), mailsPerSecond: round(SEND / sendSeconds) },
    };
  } finally {
    await db.end();
    await platform.stop();
    await sink.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
  process.exit(0);
}
