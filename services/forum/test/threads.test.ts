import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestForum, type TestForum } from './forum.js';

let forum: TestForum;
beforeAll(async () => {
  forum = await startTestForum();
});
afterAll(() => forum?.close());

const THREAD = `query ($id: ID!, $after: String) {
  thread(id: $id) {
    id title postCount locked pinned followedByMe
    author { displayName }
    category { slug }
    project { documentId }
    posts(first: 2, after: $after) { nodes { body author { displayName } } pageInfo { hasNextPage endCursor } }
  }
}`;

describe('threads and posts', () => {
  it('opens a thread with its first post, and lists posts in the order written, page by page', async () => {
    const anna = await forum.register('Anna');
    const ben = await forum.register('Ben');
    const thread = await forum.createThread(anna.token, { projectId: 'proj123', body: 'Erster Beitrag' });
    await forum.addPost(ben.token, thread.id, 'Zweiter Beitrag');
    await forum.addPost(anna.token, thread.id, 'Dritter Beitrag');

    const first = await forum.ok(THREAD, { id: thread.id }, anna.token);
    expect(first.thread).toMatchObject({
      title: 'Wie organisiert ihr Sprachcafés?',
      postCount: 3,
      author: { displayName: 'Anna' },
      category: { slug: 'allgemeines' },
      project: { documentId: 'proj123' },
      followedByMe: true,
    });
    expect(first.thread.posts.nodes.map((p: { body: string }) => p.body)).toEqual([
      'Erster Beitrag',
      'Zweiter Beitrag',
    ]);
    expect(first.thread.posts.pageInfo.hasNextPage).toBe(true);
    const second = await forum.ok(THREAD, { id: thread.id, after: first.thread.posts.pageInfo.endCursor });
    expect(second.thread.posts.nodes.map((p: { body: string }) => p.body)).toEqual(['Dritter Beitrag']);
    expect(second.thread.posts.pageInfo.hasNextPage).toBe(false);
  });

  it('lists threads by last activity, newest first, and pages through them without gaps', async () => {
    const member = await forum.register();
    const categoryId = await forum.categoryId('arbeit-ausbildung');
    const created = [];
    for (let i = 0; i < 5; i++)
      created.push(await forum.createThread(member.token, { title: `Thema ${i}`, categoryId }));
    await forum.addPost(member.token, created[1]!.id, 'neu belebt');
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await forum.ok(
        'query ($c: ID!, $after: String) { threads(categoryId: $c, first: 2, after: $after) { nodes { title } pageInfo { hasNextPage endCursor } } }',
        { c: categoryId, after },
      );
      seen.push(...page.threads.nodes.map((node: { title: string }) => node.title));
      after = page.threads.pageInfo.hasNextPage ? page.threads.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(['Thema 1', 'Thema 4', 'Thema 3', 'Thema 2', 'Thema 0']);
  });

  it('refuses writing without signing in', async () => {
    const result = await forum.gql(
      'mutation ($c: ID!) { createThread(input: { title: "Hallo Welt", body: "x", categoryId: $c }) { id } }',
      { c: await forum.categoryId() },
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('enforces the limits: title 200, body 20,000 characters, page size 100 — and writes nothing', async () => {
    const member = await forum.register();
    const categoryId = await forum.categoryId('teilhabe-engagement');
    const create = (title: string, body: string) =>
      forum.gql(
        'mutation ($input: CreateThreadInput!) { createThread(input: $input) { id } }',
        { input: { title, body, categoryId } },
        member.token,
      );
    const longTitle = await create('x'.repeat(201), 'ok');
    expect(longTitle.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
    const longBody = await create('Ein Titel', 'x'.repeat(20_001));
    expect(longBody.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
    const page = await forum.gql('{ threads(first: 101) { nodes { id } } }');
    expect(page.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const listed = await forum.ok('query ($c: ID!) { threads(categoryId: $c) { nodes { id } } }', {
      c: categoryId,
    });
    expect(listed.threads.nodes).toHaveLength(0);
  });

  it('answers unknown and malformed ids with null or NOT_FOUND, never a server error', async () => {
    const member = await forum.register();
    expect(
      (await forum.ok('{ thread(id: "00000000-0000-0000-0000-000000000000") { id } }')).thread,
    ).toBeNull();
    expect((await forum.ok(`{ thread(id: "'; DROP TABLE thread; --") { id } }`)).thread).toBeNull();
    const post = await forum.gql(
      'mutation { addPost(input: { threadId: "00000000-0000-0000-0000-000000000000", body: "hallo" }) { id } }',
      {},
      member.token,
    );
    expect(post.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const badCursor = await forum.gql('{ threads(after: "bm9wZQ") { nodes { id } } }');
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('keeps a deleted post in the thread as removed, without its text', async () => {
    const member = await forum.register();
    const thread = await forum.createThread(member.token);
    const post = await forum.addPost(member.token, thread.id, 'Das nehme ich zurück');
    await forum.ok('mutation ($id: ID!) { deletePost(postId: $id) { id } }', { id: post.id }, member.token);
    const data = await forum.ok(
      'query ($id: ID!) { thread(id: $id) { posts { nodes { body bodyHtml removed } } } }',
      {
        id: thread.id,
      },
    );
    expect(data.thread.posts.nodes[1]).toEqual({ body: '', bodyHtml: '', removed: true });
  });

  it('lets members edit only their own posts', async () => {
    const anna = await forum.register();
    const ben = await forum.register();
    const thread = await forum.createThread(anna.token);
    const post = await forum.addPost(anna.token, thread.id, 'Tippfehlr');
    const edit = (token: string) =>
      forum.gql(
        'mutation ($id: ID!) { editPost(input: { postId: $id, body: "Tippfehler" }) { body editedAt } }',
        { id: post.id },
        token,
      );
    expect((await edit(ben.token)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const edited = await edit(anna.token);
    expect(edited.data.editPost.body).toBe('Tippfehler');
    expect(edited.data.editPost.editedAt).not.toBeNull();
  });
});

describe('bodies are Markdown rendered to safe HTML', () => {
  it('keeps the text as written but never lets script or event handlers through', async () => {
    const member = await forum.register();
    const thread = await forum.createThread(member.token);
    const hostile = [
      '**fett** und <script>alert(1)</script>',
      '<img src=x onerror="alert(1)">',
      '[klick](javascript:alert(1))',
      '<a href="https://example.org" onclick="alert(1)">link</a>',
    ].join('\n\n');
    const post = await forum.ok(
      'mutation ($input: AddPostInput!) { addPost(input: $input) { body bodyHtml } }',
      { input: { threadId: thread.id, body: hostile } },
      member.token,
    );
    expect(post.addPost.body).toBe(hostile);
    const html: string = post.addPost.bodyHtml;
    expect(html).toContain('<strong>fett</strong>');
    // Tags only: the hostile text may stay visible as escaped text, but never as markup.
    const tags = html.match(/<[^>]*>/g) ?? [];
    expect(tags.filter((tag) => /^<\/?(script|img|iframe)|\son\w+=|javascript:/i.test(tag))).toEqual([]);
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('reactions and solutions', () => {
  it('counts reactions per kind and knows which are mine', async () => {
    const anna = await forum.register();
    const ben = await forum.register();
    const thread = await forum.createThread(anna.token);
    const post = await forum.addPost(anna.token, thread.id, 'Hilfreich?');
    const react =
      'mutation ($id: ID!, $kind: ReactionKind!) { react(postId: $id, kind: $kind) { reactions { kind count reactedByMe } } }';
    await forum.ok(react, { id: post.id, kind: 'THANKS' }, anna.token);
    await forum.ok(react, { id: post.id, kind: 'THANKS' }, ben.token);
    const again = await forum.ok(react, { id: post.id, kind: 'THANKS' }, ben.token);
    expect(again.react.reactions).toEqual([{ kind: 'THANKS', count: 2, reactedByMe: true }]);
  });

  it("lets the thread's author or a moderator mark the solution, nobody else", async () => {
    const asker = await forum.register();
    const helper = await forum.register();
    const stranger = await forum.register();
    const moderator = await forum.register();
    await forum.setRole(moderator.id, 'MODERATOR');
    const thread = await forum.createThread(asker.token);
    const answer = await forum.addPost(helper.token, thread.id, 'So geht das');
    const mark = (token: string) =>
      forum.gql(
        'mutation ($id: ID!) { markSolution(postId: $id) { solution { id } } }',
        { id: answer.id },
        token,
      );
    expect((await mark(stranger.token)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await mark(helper.token)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await mark(asker.token)).data.markSolution.solution.id).toBe(answer.id);
    expect((await mark(moderator.token)).data.markSolution.solution.id).toBe(answer.id);
    const notes = await forum.ok('{ notifications { nodes { kind } } }', {}, helper.token);
    expect(notes.notifications.nodes.map((n: { kind: string }) => n.kind)).toContain('SOLUTION');
  });
});

describe('moderation', () => {
  it('lets moderators pin, lock, move and hide; members get FORBIDDEN', async () => {
    const member = await forum.register();
    const moderator = await forum.register();
    await forum.setRole(moderator.id, 'MODERATOR');
    const thread = await forum.createThread(member.token);
    const lock = (token: string) =>
      forum.gql(
        'mutation ($id: ID!) { lockThread(threadId: $id, locked: true) { locked } }',
        { id: thread.id },
        token,
      );
    expect((await lock(member.token)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await lock(moderator.token)).data.lockThread.locked).toBe(true);

    const refused = await forum.gql(
      'mutation ($id: ID!) { addPost(input: { threadId: $id, body: "Noch was" }) { id } }',
      { id: thread.id },
      member.token,
    );
    expect(refused.errors?.[0]).toMatchObject({
      message: 'This thread is locked and takes no new posts',
      extensions: { code: 'FORBIDDEN', reason: 'THREAD_LOCKED' },
    });

    const pinned = await forum.ok(
      'mutation ($id: ID!) { pinThread(threadId: $id, pinned: true) { pinned } }',
      { id: thread.id },
      moderator.token,
    );
    expect(pinned.pinThread.pinned).toBe(true);
    const target = await forum.categoryId('workshops');
    const moved = await forum.ok(
      'mutation ($id: ID!, $c: ID!) { moveThread(threadId: $id, categoryId: $c) { category { slug } } }',
      { id: thread.id, c: target },
      moderator.token,
    );
    expect(moved.moveThread.category.slug).toBe('workshops');

    await forum.ok(
      'mutation ($id: ID!) { hideThread(threadId: $id, hidden: true) { hidden } }',
      { id: thread.id },
      moderator.token,
    );
    expect(
      (await forum.ok('query ($id: ID!) { thread(id: $id) { id } }', { id: thread.id }, member.token)).thread,
    ).toBeNull();
    expect(
      (await forum.ok('query ($id: ID!) { thread(id: $id) { id } }', { id: thread.id }, moderator.token))
        .thread.id,
    ).toBe(thread.id);
  });

  it('lets any member flag a post, and moderators see and resolve the flags', async () => {
    const author = await forum.register();
    const reader = await forum.register();
    const moderator = await forum.register();
    await forum.setRole(moderator.id, 'MODERATOR');
    const thread = await forum.createThread(author.token);
    const post = await forum.addPost(author.token, thread.id, 'Fragwürdig');
    await forum.ok(
      'mutation ($id: ID!) { flagPost(input: { postId: $id, reason: "Beleidigend" }) }',
      { id: post.id },
      reader.token,
    );
    expect((await forum.gql('{ flags { id } }', {}, reader.token)).errors?.[0]?.extensions?.['code']).toBe(
      'FORBIDDEN',
    );
    const flags = await forum.ok('{ flags { id reason post { id } reporter { id } } }', {}, moderator.token);
    const flag = flags.flags.find((f: any) => f.post.id === post.id);
    expect(flag).toMatchObject({ reason: 'Beleidigend', reporter: { id: reader.id } });

    const hidden = await forum.ok(
      'mutation ($id: ID!) { hidePost(postId: $id, hidden: true) { hidden body } }',
      { id: post.id },
      moderator.token,
    );
    expect(hidden.hidePost).toEqual({ hidden: true, body: 'Fragwürdig' });
    const asReader = await forum.ok(
      'query ($id: ID!) { post(id: $id) { hidden body } }',
      { id: post.id },
      reader.token,
    );
    expect(asReader.post).toEqual({ hidden: true, body: '' });
    await forum.ok(
      'mutation ($id: ID!) { resolveFlag(flagId: $id) { resolvedAt } }',
      { id: flag.id },
      moderator.token,
    );
    const open = await forum.ok('{ flags { id } }', {}, moderator.token);
    expect(open.flags.map((f: { id: string }) => f.id)).not.toContain(flag.id);
  });

  it('lets only admins change roles', async () => {
    const admin = await forum.register();
    const member = await forum.register();
    await forum.setRole(admin.id, 'ADMIN');
    const promote = (token: string) =>
      forum.gql(
        'mutation ($id: ID!) { setMemberRole(memberId: $id, role: MODERATOR) { role } }',
        { id: member.id },
        token,
      );
    expect((await promote(member.token)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await promote(admin.token)).data.setMemberRole.role).toBe('MODERATOR');
  });
});
