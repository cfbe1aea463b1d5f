// What the website's forum pages need beyond posting: numbered pages of long threads, a form sent twice
// writing once, live changes of posts and threads, a project page hearing of its new discussion, the unread
// messages count, and mentions linking to profiles.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, collect, startTestForum, type TestForum } from './forum.js';

let forum: TestForum;
beforeAll(async () => {
  forum = await startTestForum();
});
afterAll(() => forum?.close());

/** Subscribing is asynchronous on the server (and through Redis); give it a moment before publishing. */
const settle = () => new Promise((resolve) => setTimeout(resolve, backend === 'postgres' ? 300 : 100));

const ADD_POST = `mutation ($input: AddPostInput!) { addPost(input: $input) { id body } }`;

describe('numbered pages of a long thread', () => {
  it('skips posts with offset, in the order written, and refuses an offset out of bounds', async () => {
    const anna = await forum.register('Anna');
    const thread = await forum.createThread(anna.token, { body: 'Beitrag 1' });
    for (let n = 2; n <= 7; n += 1) await forum.addPost(anna.token, thread.id, `Beitrag ${n}`);
    const page = (offset: number) =>
      forum.ok(
        `query ($id: ID!, $offset: Int) { thread(id: $id) { postCount posts(first: 3, offset: $offset) { nodes { body } pageInfo { hasNextPage } } } }`,
        { id: thread.id, offset },
      );
    const third = await page(6);
    expect(third.thread.postCount).toBe(7);
    expect(third.thread.posts.nodes.map((p: { body: string }) => p.body)).toEqual(['Beitrag 7']);
    expect(third.thread.posts.pageInfo.hasNextPage).toBe(false);
    const second = await forum.ok(
      `query ($id: ID!) { posts(threadId: $id, first: 3, offset: 3) { nodes { body } pageInfo { hasNextPage } } }`,
      { id: thread.id },
    );
    expect(second.posts.nodes.map((p: { body: string }) => p.body)).toEqual([
      'Beitrag 4',
      'Beitrag 5',
      'Beitrag 6',
    ]);
    expect(second.posts.pageInfo.hasNextPage).toBe(true);
    const fifth = second.posts.nodes[1];
    const found = await forum.ok(
      `query ($id: ID!) { thread(id: $id) { posts(first: 1, offset: 4) { nodes { id position } } } }`,
      { id: thread.id },
    );
    expect(found.thread.posts.nodes[0].position).toBe(5);
    void fifth;
    const refused = await forum.gql(
      `query ($id: ID!) { posts(threadId: $id, offset: -1) { nodes { id } } }`,
      {
        id: thread.id,
      },
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'offset' });
  });
});

describe('a form sent twice', () => {
  it('writes one post for one clientId, also when both arrive at once', async () => {
    const anna = await forum.register('Anna');
    const thread = await forum.createThread(anna.token);
    const clientId = randomUUID();
    const input = { threadId: thread.id, body: 'Nur einmal, bitte', clientId };
    const [first, second] = await Promise.all([
      forum.ok(ADD_POST, { input }, anna.token),
      forum.ok(ADD_POST, { input }, anna.token),
    ]);
    expect(second.addPost.id).toBe(first.addPost.id);
    const third = await forum.ok(ADD_POST, { input }, anna.token);
    expect(third.addPost.id).toBe(first.addPost.id);
    const read = await forum.ok(`query ($id: ID!) { thread(id: $id) { postCount } }`, { id: thread.id });
    expect(read.thread.postCount).toBe(2);
    // Another form, another post; another member with the same id, their own post.
    await forum.ok(ADD_POST, { input: { ...input, clientId: randomUUID() } }, anna.token);
    const ben = await forum.register('Ben');
    const bens = await forum.ok(ADD_POST, { input }, ben.token);
    expect(bens.addPost.id).not.toBe(first.addPost.id);
    const bad = await forum.gql(ADD_POST, { input: { ...input, clientId: 'x' } }, anna.token);
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('opens one thread for one clientId', async () => {
    const anna = await forum.register('Anna');
    const clientId = randomUUID();
    const first = await forum.createThread(anna.token, { title: 'Doppelt gesendet', clientId });
    const again = await forum.createThread(anna.token, { title: 'Doppelt gesendet', clientId });
    expect(again.id).toBe(first.id);
  });
});

describe('live changes', () => {
  it('tells the readers of a thread of reactions, solutions, edits and the post count', async () => {
    const anna = await forum.register('Anna');
    const ben = await forum.register('Ben');
    const thread = await forum.createThread(anna.token);
    const answer = await forum.addPost(ben.token, thread.id, 'Die Antwort');
    const reader = forum.subscriber(ben.token);
    const posts = collect(
      reader,
      `subscription ($id: ID!) { postUpdated(threadId: $id) { id isSolution reactions { kind count reactedByMe } } }`,
      { id: thread.id },
      2,
    );
    const threads = collect(
      reader,
      `subscription ($id: ID!) { threadUpdated(threadId: $id) { id postCount solution { id } } }`,
      { id: thread.id },
      2,
    );
    await Promise.all([posts.started, threads.started]);
    await settle();
    await forum.ok(
      `mutation ($id: ID!) { react(postId: $id, kind: THANKS) { id } }`,
      { id: answer.id },
      anna.token,
    );
    await settle();
    await forum.ok(`mutation ($id: ID!) { markSolution(postId: $id) { id } }`, { id: answer.id }, anna.token);
    await settle();
    await forum.addPost(anna.token, thread.id, 'Danke!');
    const [reacted, solved] = (await posts.done).map((event) => event.data?.postUpdated);
    expect(reacted).toMatchObject({
      id: answer.id,
      reactions: [{ kind: 'THANKS', count: 1, reactedByMe: false }],
    });
    expect(solved).toMatchObject({ id: answer.id, isSolution: true });
    const [marked, posted] = (await threads.done).map((event) => event.data?.threadUpdated);
    expect(marked).toMatchObject({ solution: { id: answer.id }, postCount: 2 });
    expect(posted).toMatchObject({ postCount: 3 });
    await reader.dispose();
  });

  it("tells a project's page of a new discussion about it, and only about it", async () => {
    const anna = await forum.register('Anna');
    const projectId = `projekt${randomUUID().slice(0, 8)}`;
    const reader = forum.subscriber();
    const stream = collect(
      reader,
      `subscription ($projectId: ID!) { threadActivity(projectId: $projectId) { kind thread { id title } } }`,
      { projectId },
      1,
    );
    await stream.started;
    await settle();
    await forum.createThread(anna.token, { title: 'Über etwas anderes' });
    const about = await forum.createThread(anna.token, { title: 'Über das Projekt', projectId });
    const [event] = await stream.done;
    expect(event?.data?.threadActivity).toEqual({
      kind: 'CREATED',
      thread: { id: about.id, title: 'Über das Projekt' },
    });
    await reader.dispose();
  });
});

describe('messages', () => {
  it('counts the unread messages from others across conversations', async () => {
    const anna = await forum.register('Anna');
    const ben = await forum.register('Ben');
    const count = async (token: string) =>
      (await forum.ok('{ unreadMessageCount }', {}, token)).unreadMessageCount;
    expect(await count(ben.token)).toBe(0);
    const started = await forum.ok(
      `mutation ($input: StartConversationInput!) { startConversation(input: $input) { conversationId } }`,
      { input: { memberId: ben.id, body: 'Hallo Ben' } },
      anna.token,
    );
    await forum.ok(
      `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }`,
      { input: { conversationId: started.startConversation.conversationId, body: 'Noch etwas' } },
      anna.token,
    );
    expect(await count(ben.token)).toBe(2);
    expect(await count(anna.token)).toBe(0);
    await forum.ok(
      `mutation ($id: ID!) { markConversationRead(id: $id) { id } }`,
      { id: started.startConversation.conversationId },
      ben.token,
    );
    expect(await count(ben.token)).toBe(0);
  });
});

describe('a message sent twice', () => {
  it('writes one message for one clientId, starting a conversation and answering in it', async () => {
    const anna = await forum.register('Anna');
    const ben = await forum.register('Ben');
    const START = `mutation ($input: StartConversationInput!) { startConversation(input: $input) { id conversationId } }`;
    const SEND = `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }`;
    const start = { memberId: ben.id, body: 'Hallo', clientId: randomUUID() };
    const [first, second] = await Promise.all([
      forum.ok(START, { input: start }, anna.token),
      forum.ok(START, { input: start }, anna.token),
    ]);
    expect(second.startConversation.id).toBe(first.startConversation.id);
    const conversationId = first.startConversation.conversationId;
    const reply = { conversationId, body: 'Noch einmal', clientId: randomUUID() };
    const [a, b] = await Promise.all([
      forum.ok(SEND, { input: reply }, anna.token),
      forum.ok(SEND, { input: reply }, anna.token),
    ]);
    expect(b.sendMessage.id).toBe(a.sendMessage.id);
    const read = await forum.ok(
      `query ($id: ID!) { conversation(id: $id) { messages { nodes { body } } } }`,
      { id: conversationId },
      ben.token,
    );
    expect(read.conversation.messages.nodes.map((m: { body: string }) => m.body)).toEqual([
      'Hallo',
      'Noch einmal',
    ]);
  });
});

describe('mentions', () => {
  it("links an existing member's @handle to their profile, and notifies them", async () => {
    const anna = await forum.register('Anna');
    const ben = await forum.register('Ben Mention');
    const thread = await forum.createThread(anna.token);
    const written = await forum.ok(
      `mutation ($input: AddPostInput!) { addPost(input: $input) { bodyHtml } }`,
      { input: { threadId: thread.id, body: `Frag @${ben.handle} oder @niemand-hier` } },
      anna.token,
    );
    expect(written.addPost.bodyHtml).toBe(
      `<p>Frag <a href="/mitglieder/${ben.id}" class="mention">@${ben.handle}</a> oder @niemand-hier</p>`,
    );
    const notified = await forum.ok('{ notifications { nodes { kind } } }', {}, ben.token);
    expect(notified.notifications.nodes.map((n: { kind: string }) => n.kind)).toContain('MENTION');
  });
});
