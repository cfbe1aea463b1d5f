import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CountingLogger, startTestForum, type TestForum } from './forum.js';

const sql = new CountingLogger();
let forum: TestForum;
beforeAll(async () => {
  forum = await startTestForum({ sqlLogger: sql });
});
afterAll(() => forum?.close());

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Thread { id title }
    ... on Member { id displayName }
    ... on Post { id body }
    ... on Project { documentId discussions { title } }
    ... on Workshop { documentId discussions { title } }
    ... on City { documentId memberCount members { displayName } }
    ... on ActionField { documentId threads { title } }
  }
}`;

describe('the forum as a federation subgraph', () => {
  it('publishes its SDL with keys on Thread, Post and Member and the CMS types it extends', async () => {
    const { _service } = await forum.ok('{ _service { sdl } }');
    const sdl: string = _service.sdl;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2');
    for (const type of ['Thread', 'Post', 'Member'])
      expect(sdl).toMatch(new RegExp(`type ${type}\\s+@key\\(fields: "id"\\)`));
    for (const type of ['Project', 'Workshop', 'City', 'ActionField']) {
      expect(sdl).toMatch(new RegExp(`type ${type}\\s+@key\\(fields: "documentId"\\)`));
    }
    // The committed schema/forum.graphql is what the service serves (npm run schema regenerates it).
    const committed = await readFile(new URL('../../../schema/forum.graphql', import.meta.url), 'utf8');
    expect(sdl.trim()).toBe(committed.trim());
  });

  it('resolves its own entities and the fields it adds to CMS entities', async () => {
    const anna = await forum.register('Anna Aus Bremen', { cityId: 'city-bremen' });
    await forum.register('Bert Aus Bremen', { cityId: 'city-bremen' });
    const thread = await forum.createThread(anna.token, {
      title: 'Sprachcafé im Quartier',
      projectId: 'project-1',
      workshopId: 'workshop-1',
      actionFieldIds: ['field-sprache'],
    });
    const post = await forum.addPost(anna.token, thread.id, 'Antwort');
    const { _entities } = await forum.ok(ENTITIES, {
      representations: [
        { __typename: 'Thread', id: thread.id },
        { __typename: 'Member', id: anna.id },
        { __typename: 'Post', id: post.id },
        { __typename: 'Project', documentId: 'project-1' },
        { __typename: 'Project', documentId: 'project-without-threads' },
        { __typename: 'Workshop', documentId: 'workshop-1' },
        { __typename: 'City', documentId: 'city-bremen' },
        { __typename: 'ActionField', documentId: 'field-sprache' },
        { __typename: 'Thread', id: '00000000-0000-0000-0000-000000000000' },
      ],
    });
    expect(_entities).toEqual([
      { __typename: 'Thread', id: thread.id, title: 'Sprachcafé im Quartier' },
      { __typename: 'Member', id: anna.id, displayName: 'Anna Aus Bremen' },
      { __typename: 'Post', id: post.id, body: 'Antwort' },
      { __typename: 'Project', documentId: 'project-1', discussions: [{ title: 'Sprachcafé im Quartier' }] },
      { __typename: 'Project', documentId: 'project-without-threads', discussions: [] },
      {
        __typename: 'Workshop',
        documentId: 'workshop-1',
        discussions: [{ title: 'Sprachcafé im Quartier' }],
      },
      {
        __typename: 'City',
        documentId: 'city-bremen',
        memberCount: 2,
        members: [{ displayName: 'Anna Aus Bremen' }, { displayName: 'Bert Aus Bremen' }],
      },
      {
        __typename: 'ActionField',
        documentId: 'field-sprache',
        threads: [{ title: 'Sprachcafé im Quartier' }],
      },
      null,
    ]);
    const { thread: withReferences } = await forum.ok(
      'query ($id: ID!) { thread(id: $id) { project { documentId } workshop { documentId } actionFields { documentId } } }',
      { id: thread.id },
    );
    expect(withReferences).toEqual({
      project: { documentId: 'project-1' },
      workshop: { documentId: 'workshop-1' },
      actionFields: [{ documentId: 'field-sprache' }],
    });
  });

  it('batches entity lookups: the statements do not grow with the number of projects', async () => {
    const member = await forum.register();
    const statementsFor = async (count: number) => {
      const representations = Array.from({ length: count }, (_, i) => ({
        __typename: 'Project',
        documentId: `p-${count}-${i}`,
      }));
      for (const { documentId } of representations.slice(0, 3)) {
        await forum.createThread(member.token, { projectId: documentId });
      }
      const before = sql.statements;
      await forum.ok(ENTITIES, { representations });
      return sql.statements - before;
    };
    const forFive = await statementsFor(5);
    const forFifty = await statementsFor(50);
    expect(forFifty).toBe(forFive);
  });
});

describe('no N+1', () => {
  it('reads a page of 20 threads with authors and last posts in a constant number of statements', async () => {
    const categoryId = await forum.categoryId('teilhabe-engagement');
    const query = `query ($c: ID!, $first: Int!) {
      threads(categoryId: $c, first: $first) {
        nodes { title author { displayName } category { name } lastPost { body author { displayName } reactions { count } } }
      }
    }`;
    // Every thread has its own author and its own last writer, so no page is helped by a cache.
    for (let i = 0; i < 20; i++) {
      const [author, replier] = await Promise.all([
        forum.register(`Autorin ${i}`),
        forum.register(`Antwortender ${i}`),
      ]);
      const thread = await forum.createThread(author.token, { categoryId, title: `Thema ${i}` });
      await forum.addPost(replier.token, thread.id, `Antwort ${i}`);
    }
    const count = async (first: number) => {
      const before = sql.statements;
      const data = await forum.ok(query, { c: categoryId, first });
      expect(data.threads.nodes).toHaveLength(first);
      return sql.statements - before;
    };
    const forTwo = await count(2);
    const forTwenty = await count(20);
    expect(forTwenty).toBe(forTwo);
    expect(forTwenty).toBeLessThanOrEqual(6);
  });
});
