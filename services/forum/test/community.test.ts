import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestForum, type TestForum } from './forum.js';

let forum: TestForum;
beforeAll(async () => {
  forum = await startTestForum();
});
afterAll(() => forum?.close());

describe('search in German', () => {
  it('finds "Haus" when asked for "Häuser", and "Sprachkurse" for "Sprachkurs", ranked', async () => {
    const member = await forum.register();
    const house = await forum.createThread(member.token, {
      title: 'Mehrgenerationen im Quartier',
      body: 'Das Haus am Markt bietet Beratung für Neuzugewanderte.',
    });
    const course = await forum.createThread(member.token, {
      title: 'Sprachkurse für Eltern',
      body: 'Wer hat Erfahrung?',
    });
    await forum.createThread(member.token, { title: 'Etwas ganz anderes', body: 'Fußball im Park' });

    const search = async (query: string) =>
      (
        await forum.ok('query ($q: String!) { search(query: $q) { thread { id } post { id } excerpt } }', {
          q: query,
        })
      ).search;
    const houses = await search('Häuser');
    expect(houses.map((hit: { thread: { id: string } }) => hit.thread.id)).toEqual([house.id]);
    expect(houses[0].post).not.toBeNull();
    expect(houses[0].excerpt).toContain('«Haus»');
    const courses = await search('Sprachkurs');
    expect(courses.map((hit: { thread: { id: string } }) => hit.thread.id)).toEqual([course.id]);
  });

  it('treats SQL and search-syntax metacharacters as plain text', async () => {
    for (const query of ["'; DROP TABLE post; --", 'a & | ! ( ) :* \\', '"unclosed', 'OR 1=1']) {
      const result = await forum.gql('query ($q: String!) { search(query: $q) { thread { id } } }', {
        q: query,
      });
      expect(result.errors).toBeUndefined();
    }
    const stillThere = await forum.ok('{ threads(first: 1) { nodes { id } } }');
    expect(stillThere.threads.nodes).toHaveLength(1);
  });

  it('does not find hidden posts for members', async () => {
    const author = await forum.register();
    const moderator = await forum.register();
    await forum.setRole(moderator.id, 'MODERATOR');
    const thread = await forum.createThread(author.token, { title: 'Allgemeine Frage' });
    const post = await forum.addPost(author.token, thread.id, 'Zuwanderungsgeheimnis');
    await forum.ok(
      'mutation ($id: ID!) { hidePost(postId: $id, hidden: true) { id } }',
      { id: post.id },
      moderator.token,
    );
    const hits = await forum.ok('{ search(query: "Zuwanderungsgeheimnis") { thread { id } } }');
    expect(hits.search).toEqual([]);
  });
});

describe('member directory and profiles', () => {
  it('filters by sector, city, interest and search, and pages in name order', async () => {
    const clara = await forum.register('Clara Directory', {
      sector: 'WISSENSCHAFT',
      cityId: 'dir-city',
      interests: ['dir-field'],
    });
    await forum.register('Dora Directory', {
      sector: 'SOZIALWESEN',
      cityId: 'dir-city',
      organisation: 'Caritas Dirstadt',
    });
    await forum.register('Emil Directory', { sector: 'WISSENSCHAFT', cityId: 'other-city' });
    const names = async (filter: Record<string, unknown>, first = 20) =>
      (
        await forum.ok(
          'query ($f: MemberFilter, $first: Int) { members(filter: $f, first: $first) { nodes { displayName } } }',
          {
            f: filter,
            first,
          },
        )
      ).members.nodes.map((node: { displayName: string }) => node.displayName);
    expect(await names({ sector: 'WISSENSCHAFT', search: 'Directory' })).toEqual([
      'Clara Directory',
      'Emil Directory',
    ]);
    expect(await names({ cityId: 'dir-city' })).toEqual(['Clara Directory', 'Dora Directory']);
    expect(await names({ interest: 'dir-field' })).toEqual(['Clara Directory']);
    expect(await names({ search: 'caritas' })).toEqual(['Dora Directory']);
    expect(await names({ search: '%' })).toEqual([]);

    const page = await forum.ok(
      '{ members(filter: { search: "Directory" }, first: 2) { pageInfo { endCursor hasNextPage } } }',
    );
    expect(page.members.pageInfo.hasNextPage).toBe(true);
    const next = await forum.ok(
      'query ($after: String) { members(filter: { search: "Directory" }, after: $after) { nodes { displayName } } }',
      {
        after: page.members.pageInfo.endCursor,
      },
    );
    expect(next.members.nodes).toEqual([{ displayName: 'Emil Directory' }]);

    const updated = await forum.ok(
      'mutation { updateProfile(input: { bio: "Forscht zu Quartieren", organisation: "Uni Dirstadt", interests: ["a", "b"] }) { bio organisation interests { documentId } city { documentId } } }',
      {},
      clara.token,
    );
    expect(updated.updateProfile).toEqual({
      bio: 'Forscht zu Quartieren',
      organisation: 'Uni Dirstadt',
      interests: [{ documentId: 'a' }, { documentId: 'b' }],
      city: { documentId: 'dir-city' },
    });
    const anonymous = await forum.gql('mutation { updateProfile(input: { bio: "x" }) { bio } }');
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});

describe('direct messages', () => {
  const START =
    'mutation ($to: ID!, $body: String!) { startConversation(input: { memberId: $to, body: $body }) { id conversationId bodyHtml } }';

  it('lets two members write to each other in one conversation, live', async () => {
    const anna = await forum.register('Anna DM');
    const ben = await forum.register('Ben DM');
    const live = forum.subscriber(ben.token);
    const stream = collect(live, 'subscription { messageAdded { body author { displayName } } }', {}, 1);
    await stream.started;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const first = await forum.ok(START, { to: ben.id, body: 'Hallo **Ben**' }, anna.token);
    const [event] = await stream.done;
    expect(event?.data?.messageAdded).toEqual({ body: 'Hallo **Ben**', author: { displayName: 'Anna DM' } });
    await live.dispose();

    const again = await forum.ok(START, { to: anna.id, body: 'Hallo Anna' }, ben.token);
    expect(again.startConversation.conversationId).toBe(first.startConversation.conversationId);
    const { conversations } = await forum.ok(
      '{ conversations { nodes { id unreadCount participants { displayName } messages { nodes { body } } } } }',
      {},
      anna.token,
    );
    expect(conversations.nodes).toHaveLength(1);
    expect(conversations.nodes[0].messages.nodes.map((m: { body: string }) => m.body)).toEqual([
      'Hallo **Ben**',
      'Hallo Anna',
    ]);
    expect(conversations.nodes[0].unreadCount).toBe(1);
  });

  it("refuses another member's conversation with FORBIDDEN", async () => {
    const anna = await forum.register();
    const ben = await forum.register();
    const eve = await forum.register();
    const sent = await forum.ok(START, { to: ben.id, body: 'Vertraulich' }, anna.token);
    const conversationId = sent.startConversation.conversationId;
    const read = await forum.gql(
      'query ($id: ID!) { conversation(id: $id) { messages { nodes { body } } } }',
      { id: conversationId },
      eve.token,
    );
    expect(read.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(JSON.stringify(read)).not.toContain('Vertraulich');
    const write = await forum.gql(
      'mutation ($id: ID!) { sendMessage(input: { conversationId: $id, body: "Ich lese mit" }) { id } }',
      { id: conversationId },
      eve.token,
    );
    expect(write.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const anonymous = await forum.gql('query ($id: ID!) { conversation(id: $id) { id } }', {
      id: conversationId,
    });
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect((await forum.ok('{ conversations { nodes { id } } }', {}, eve.token)).conversations.nodes).toEqual(
      [],
    );
  });
});
