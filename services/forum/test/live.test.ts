import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, collect, CountingLogger, startTestForum, type TestForum } from './forum.js';

const sql = new CountingLogger();
let forum: TestForum;
beforeAll(async () => {
  forum = await startTestForum({ sqlLogger: sql });
});
afterAll(() => forum?.close());

const POST_ADDED = `subscription ($threadId: ID!) {
  postAdded(threadId: $threadId) { id body bodyHtml cursor author { displayName } thread { id postCount } }
}`;

/** Subscribing is asynchronous on the server (and through Redis); give it a moment before publishing. */
const settle = () => new Promise((resolve) => setTimeout(resolve, backend === 'postgres' ? 300 : 100));

describe('live posts', () => {
  it('delivers a new post to everyone reading the thread, after it is committed', async () => {
    const anna = await forum.register('Anna');
    const ben = await forum.register('Ben');
    const thread = await forum.createThread(anna.token);
    const readers = [forum.subscriber(), forum.subscriber(ben.token)];
    const streams = readers.map((reader) => collect(reader, POST_ADDED, { threadId: thread.id }, 1));
    await Promise.all(streams.map((stream) => stream.started));
    await settle();
    const written = await forum.addPost(ben.token, thread.id, 'Live **dabei**');
    for (const stream of streams) {
      const [event] = await stream.done;
      expect(event?.data?.postAdded).toMatchObject({
        id: written.id,
        body: 'Live **dabei**',
        bodyHtml: '<p>Live <strong>dabei</strong></p>',
        author: { displayName: 'Ben' },
        thread: { id: thread.id, postCount: 2 },
      });
      // Committed before published: whoever receives the event can read the post.
      const read = await forum.ok('query ($id: ID!) { post(id: $id) { id } }', {
        id: event?.data?.postAdded.id,
      });
      expect(read.post.id).toBe(written.id);
    }
    await Promise.all(readers.map((reader) => reader.dispose()));
  });

  it('delivers posts whose events arrive out of order (two replicas publish through Redis)', async () => {
    const anna = await forum.register('Anna');
    const thread = await forum.createThread(anna.token);
    // Two posts committed in this order; their events then reach the readers the other way round, as when
    // two replicas publish right after their own commits.
    const first = await forum.addPost(anna.token, thread.id, 'zuerst geschrieben');
    const second = await forum.addPost(anna.token, thread.id, 'danach geschrieben');
    const reader = forum.subscriber();
    const stream = collect(reader, POST_ADDED, { threadId: thread.id }, 2);
    await stream.started;
    await settle();
    const { dataSource, pubSub } = forum.server.services;
    for (const id of [second.id, first.id]) {
      const [post] = (await dataSource.query('SELECT * FROM post WHERE id = $1', [id])) as Record<
        string,
        unknown
      >[];
      const [author] = (await dataSource.query(
        'SELECT id, display_name AS "displayName", handle FROM member WHERE id = $1',
        [post!['author_id']],
      )) as Record<string, unknown>[];
      const { search_vector: _vector, ...columns } = post!;
      pubSub.publish('POST_ADDED', thread.id, { post: JSON.parse(JSON.stringify(columns)), author: author! });
    }
    const events = await stream.done;
    expect(events.map((event) => event?.data?.postAdded.id)).toEqual([second.id, first.id]);
    await reader.dispose();
  });

  it('runs each event once for all readers of a thread: the statements per post do not grow with them', async () => {
    const anna = await forum.register('Anna');
    const statementsPerPost = async (readerCount: number) => {
      const thread = await forum.createThread(anna.token);
      const readers = Array.from({ length: readerCount }, () => forum.subscriber());
      const streams = readers.map((reader) => collect(reader, POST_ADDED, { threadId: thread.id }, 1));
      await Promise.all(streams.map((stream) => stream.started));
      await settle();
      const before = sql.statements;
      const written = await forum.addPost(anna.token, thread.id, `An ${readerCount} Lesende`);
      const events = await Promise.all(streams.map((stream) => stream.done));
      const statements = sql.statements - before;
      expect(events.map(([event]) => event?.data?.postAdded.id)).toEqual(Array(readerCount).fill(written.id));
      await Promise.all(readers.map((reader) => reader.dispose()));
      return statements;
    };
    const forOne = await statementsPerPost(1);
    const forThirty = await statementsPerPost(30);
    expect(forThirty).toBe(forOne);
  });

  it('lets a client that lost its connection catch up from its last cursor: every post, none twice', async () => {
    const anna = await forum.register();
    const thread = await forum.createThread(anna.token);
    const reader = forum.subscriber();
    const stream = collect(reader, POST_ADDED, { threadId: thread.id }, 2);
    await stream.started;
    await settle();
    await forum.addPost(anna.token, thread.id, 'eins');
    await forum.addPost(anna.token, thread.id, 'zwei');
    const received = await stream.done;
    await reader.dispose(); // the connection drops…
    const lastCursor = received.at(-1)?.data?.postAdded.cursor;
    for (const body of ['drei', 'vier', 'fünf']) await forum.addPost(anna.token, thread.id, body); // …while these are written
    const missed = await forum.ok(
      'query ($threadId: ID!, $after: String) { posts(threadId: $threadId, after: $after) { nodes { body } } }',
      { threadId: thread.id, after: lastCursor },
    );
    expect(missed.posts.nodes.map((node: { body: string }) => node.body)).toEqual(['drei', 'vier', 'fünf']);
  });

  it('replays what was missed when subscribing with the last cursor seen, then goes on live, none twice', async () => {
    const anna = await forum.register();
    const thread = await forum.createThread(anna.token);
    const first = await forum.addPost(anna.token, thread.id, 'gesehen');
    for (const body of ['verpasst 1', 'verpasst 2']) await forum.addPost(anna.token, thread.id, body);
    const reader = forum.subscriber();
    const stream = collect(
      reader,
      'subscription ($t: ID!, $after: String) { postAdded(threadId: $t, after: $after) { body } }',
      { t: thread.id, after: first.cursor },
      3,
    );
    await stream.started;
    await settle();
    await forum.addPost(anna.token, thread.id, 'live');
    const events = await stream.done;
    expect(events.map((event) => event.data?.postAdded.body)).toEqual(['verpasst 1', 'verpasst 2', 'live']);
    await reader.dispose();
  });

  it('refuses a WebSocket connection with a forged token', async () => {
    const client = forum.subscriber('not.a.token');
    const outcome = await new Promise<string>((resolve) => {
      client.subscribe(
        { query: '{ __typename }' },
        { next: () => resolve('next'), error: () => resolve('error'), complete: () => resolve('complete') },
      );
    });
    expect(outcome).toBe('error');
    await client.dispose();
  });
});

describe('notifications', () => {
  it('tells followers, the member answered and the member mentioned — live and in the list', async () => {
    const asker = await forum.register('Frau Fragend');
    const follower = await forum.register('Herr Folgend');
    const mentioned = await forum.register('Mira Mention');
    const writer = await forum.register();
    const thread = await forum.createThread(asker.token);
    await forum.ok(
      'mutation ($id: ID!) { followThread(threadId: $id) { followedByMe } }',
      { id: thread.id },
      follower.token,
    );

    const live = forum.subscriber(asker.token);
    const stream = collect(
      live,
      'subscription { notificationAdded { kind thread { id } actor { id } } }',
      {},
      1,
    );
    await stream.started;
    await settle();
    const opening = await forum.ok('query ($id: ID!) { thread(id: $id) { posts { nodes { id } } } }', {
      id: thread.id,
    });
    await forum.addPost(
      writer.token,
      thread.id,
      `Siehe @${mentioned.handle}, die kennt sich aus`,
      opening.thread.posts.nodes[0].id,
    );

    const [event] = await stream.done;
    expect(event?.data?.notificationAdded).toEqual({
      kind: 'REPLY',
      thread: { id: thread.id },
      actor: { id: writer.id },
    });
    await live.dispose();

    const kinds = async (token: string) =>
      (await forum.ok('{ notifications { nodes { kind } } }', {}, token)).notifications.nodes.map(
        (n: { kind: string }) => n.kind,
      );
    expect(await kinds(follower.token)).toEqual(['THREAD_POST']);
    expect(await kinds(mentioned.token)).toEqual(['MENTION']);
    expect(await kinds(writer.token)).toEqual([]);

    expect((await forum.ok('{ unreadNotificationCount }', {}, follower.token)).unreadNotificationCount).toBe(
      1,
    );
    expect(
      (await forum.ok('mutation { markNotificationsRead }', {}, follower.token)).markNotificationsRead,
    ).toBe(1);
    expect((await forum.ok('{ unreadNotificationCount }', {}, follower.token)).unreadNotificationCount).toBe(
      0,
    );
  });

  it('notifies followers of a category of new threads', async () => {
    const watcher = await forum.register();
    const author = await forum.register();
    const categoryId = await forum.categoryId('sprache-bildung');
    await forum.ok(
      'mutation ($c: ID!) { followCategory(categoryId: $c) { followedByMe } }',
      { c: categoryId },
      watcher.token,
    );
    const thread = await forum.createThread(author.token, { categoryId });
    const notes = await forum.ok('{ notifications { nodes { kind thread { id } } } }', {}, watcher.token);
    expect(notes.notifications.nodes).toEqual([{ kind: 'CATEGORY_THREAD', thread: { id: thread.id } }]);
  });

  it('keeps notifications private: subscribing without a token is refused', async () => {
    const client = forum.subscriber();
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'subscription { notificationAdded { kind } }' },
        {
          next: (value) => resolve(value),
          error: (error) => resolve(error),
          complete: () => resolve('complete'),
        },
      );
    });
    expect(JSON.stringify(outcome)).toContain('UNAUTHENTICATED');
    await client.dispose();
  });
});

describe('thread activity', () => {
  it('announces new threads and posts of a category', async () => {
    const member = await forum.register();
    const categoryId = await forum.categoryId('wohnen-quartier');
    const client = forum.subscriber();
    const stream = collect(
      client,
      'subscription ($c: ID) { threadActivity(categoryId: $c) { kind thread { id title } } }',
      { c: categoryId },
      2,
    );
    await stream.started;
    await settle();
    const thread = await forum.createThread(member.token, { categoryId, title: 'Belegung im Quartier' });
    await forum.addPost(member.token, thread.id, 'Nachtrag');
    const events = await stream.done;
    expect(events.map((event) => event.data?.threadActivity.kind)).toEqual(['CREATED', 'POSTED']);
    expect(events[0]?.data?.threadActivity.thread).toEqual({ id: thread.id, title: 'Belegung im Quartier' });
    await client.dispose();
  });
});

describe.runIf(backend === 'postgres')('two forum instances sharing PostgreSQL and Redis', () => {
  it('deliver a post written on one instance to a subscriber of the other', async () => {
    const databaseUrl = (forum.server.services.dataSource.options as { url: string }).url;
    const second = await startTestForum({ databaseUrl });
    try {
      const member = await forum.register();
      const thread = await forum.createThread(member.token);
      const reader = second.subscriber();
      const stream = collect(reader, POST_ADDED, { threadId: thread.id }, 1);
      await stream.started;
      await settle();
      const written = await forum.addPost(member.token, thread.id, 'über Redis');
      const [event] = await stream.done;
      expect(event?.data?.postAdded).toMatchObject({ id: written.id, body: 'über Redis' });
      await reader.dispose();
      // Both sign and verify with the same key, kept in the database.
      const me = await second.ok('{ me { id } }', {}, member.token);
      expect(me.me.id).toBe(member.id);
    } finally {
      await second.close();
    }
  });
});
