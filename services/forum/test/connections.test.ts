// One paging convention for the forum's lists: Relay connections with totalCount — threads, posts, members,
// search results and the discussions of CMS documents — with the old bare lists still answering (deprecated).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestForum, type TestForum } from './forum.js';

let forum: TestForum;
beforeAll(async () => {
  forum = await startTestForum();
});
afterAll(() => forum?.close());

/** Every page of a connection, following endCursor, with the totalCount each page reported. */
async function allPages(query: string, variables: Record<string, unknown>, pick: (data: any) => any) {
  const titles: string[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  do {
    const connection = pick(await forum.ok(query, { ...variables, after }));
    titles.push(...connection.nodes.map((node: any) => node.title ?? node.displayName ?? node.thread?.title));
    totals.push(connection.totalCount);
    after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  } while (after);
  return { titles, totals };
}

describe('connections with totalCount', () => {
  it('counts the threads of a category and a project over all pages, whatever the cursor', async () => {
    const member = await forum.register();
    const categoryId = await forum.categoryId('wohnen-quartier');
    const project = `proj-${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 5; i++)
      await forum.createThread(member.token, { title: `Zählthema ${i}`, categoryId, projectId: project });
    const threads = await allPages(
      'query ($p: ID!, $after: String) { threads(projectId: $p, first: 2, after: $after) { totalCount nodes { title } pageInfo { hasNextPage endCursor } } }',
      { p: project },
      (data) => data.threads,
    );
    expect(threads.titles).toHaveLength(5);
    expect(threads.totals).toEqual([5, 5, 5]);

    // The project's discussions as a connection (the forum extends the CMS's Project).
    const entities = await forum.ok(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Project {
         discussionsConnection(first: 3) { totalCount nodes { title } pageInfo { hasNextPage endCursor } }
         discussions(first: 3) { title } } } }`,
      { r: [{ __typename: 'Project', documentId: project }] },
    );
    const [entity] = entities._entities;
    expect(entity.discussionsConnection.totalCount).toBe(5);
    expect(entity.discussionsConnection.nodes).toHaveLength(3);
    expect(entity.discussionsConnection.pageInfo.hasNextPage).toBe(true);
    // The old bare list still answers.
    expect(entity.discussions).toHaveLength(3);
  });

  it('lists only the threads with activity after updatedSince, counted alike', async () => {
    const member = await forum.register();
    const project = `proj-${randomUUID().slice(0, 8)}`;
    const old = await forum.createThread(member.token, { title: 'Älteres Thema', projectId: project });
    await forum.createThread(member.token, { title: 'Ruhiges Thema', projectId: project });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await forum.addPost(member.token, old.id, 'Neue Antwort');
    await forum.createThread(member.token, { title: 'Neues Thema', projectId: project });
    const page = await forum.ok(
      'query ($p: ID!, $since: DateTimeISO) { threads(projectId: $p, updatedSince: $since) { totalCount nodes { title } } }',
      { p: project, since },
    );
    expect(page.threads.nodes.map((t: any) => t.title)).toEqual(['Neues Thema', 'Älteres Thema']);
    expect(page.threads.totalCount).toBe(2);
  });

  it('counts a thread’s posts and the members of a directory filter', async () => {
    const anna = await forum.register('Anna Zählerin');
    const thread = await forum.createThread(anna.token, { body: 'Eins' });
    await forum.addPost(anna.token, thread.id, 'Zwei');
    await forum.addPost(anna.token, thread.id, 'Drei');
    const posts = await forum.ok(
      'query ($id: ID!) { thread(id: $id) { posts(first: 1) { totalCount nodes { body } } } }',
      { id: thread.id },
    );
    expect(posts.thread.posts).toMatchObject({ totalCount: 3, nodes: [{ body: 'Eins' }] });

    const city = `city-${randomUUID().slice(0, 8)}`;
    for (const name of ['Berta', 'Carl', 'Dora']) await forum.register(`${name} ${city}`, { cityId: city });
    const members = await allPages(
      'query ($c: ID!, $after: String) { members(filter: { cityId: $c }, first: 2, after: $after) { totalCount nodes { displayName } pageInfo { hasNextPage endCursor } } }',
      { c: city },
      (data) => data.members,
    );
    expect(members.titles).toHaveLength(3);
    expect(members.totals).toEqual([3, 3]);
    const cityEntity = await forum.ok(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on City { membersConnection(first: 2) { totalCount nodes { displayName } } } } }`,
      { r: [{ __typename: 'City', documentId: city }] },
    );
    expect(cityEntity._entities[0].membersConnection.totalCount).toBe(3);
  });

  it('pages through search results with totalCount, and keeps the old search', async () => {
    const member = await forum.register();
    const word = `Zählwort${randomUUID()
      .replace(/[^a-f]/g, '')
      .slice(0, 6)}`;
    for (let i = 0; i < 4; i++) await forum.createThread(member.token, { title: `Frage ${i} zum ${word}` });
    const hits = await allPages(
      'query ($q: String!, $after: String) { searchConnection(query: $q, first: 3, after: $after) { totalCount nodes { thread { title } } pageInfo { hasNextPage endCursor } } }',
      { q: word },
      (data) => data.searchConnection,
    );
    expect(hits.titles.sort()).toEqual([0, 1, 2, 3].map((i) => `Frage ${i} zum ${word}`));
    expect(hits.totals).toEqual([4, 4]);
    const old = await forum.ok('query ($q: String!) { search(query: $q) { thread { id } } }', { q: word });
    expect(old.search).toHaveLength(4);
    const bad = await forum.gql('{ searchConnection(query: "Haus", after: "bm9wZQ") { totalCount } }');
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('marks the old bare lists deprecated, pointing to their connections', async () => {
    const schema = await forum.ok(`{
      query: __type(name: "Query") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } }
      project: __type(name: "Project") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } }
    }`);
    const field = (type: any, name: string) => type.fields.find((f: any) => f.name === name);
    expect(field(schema.query, 'search')).toMatchObject({ isDeprecated: true });
    expect(field(schema.query, 'search').deprecationReason).toContain('searchConnection');
    expect(field(schema.project, 'discussions').deprecationReason).toContain('discussionsConnection');
    expect(field(schema.project, 'discussionsConnection').isDeprecated).toBe(false);
  });
});
