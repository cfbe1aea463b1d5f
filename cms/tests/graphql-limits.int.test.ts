import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseAvailable, databaseKind, startCms, type TestCms } from './support/cms';
import { createFixtures } from './support/fixtures';

const BOMB = `{ projects(pagination: { pageSize: 100 }) { similar(limit: 20) { similar(limit: 20) { title } } } }`;

describe.skipIf(!databaseAvailable)(`limits of the CMS's own GraphQL endpoint on ${databaseKind}`, () => {
  let cms: TestCms;

  beforeAll(async () => {
    cms = await startCms();
    const data = await createFixtures(cms.strapi);
    // 29 published projects: more than a default page (20).
    const projects = cms.strapi.documents('api::project.project' as never) as any;
    for (let i = 1; i <= 25; i += 1) {
      await projects.create({
        locale: 'de',
        status: 'published',
        data: {
          title: `Projekt Nummer ${i}`,
          slug: `projekt-${i}`,
          summary: `Ein weiteres Projekt der Sprachförderung, Nummer ${i}.`,
          projectStatus: 'laufend',
          source: 'redaktionell',
          actionFields: [data.actionFields.sprache],
        },
      });
    }
  });

  afterAll(async () => {
    await cms?.stop();
  });

  const post = async (query: string, variables?: Record<string, unknown>) => {
    const response = await fetch(`${cms.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const codeOf = (body: any) => body.errors?.[0]?.extensions?.code;

  it('refuses the similar-projects bomb, alone and aliased, and answers a trivial query meanwhile', async () => {
    const aliased = `{ ${Array.from({ length: 10 }, (_, i) => `a${i}: projects(pagination: { pageSize: 100 }) { similar(limit: 20) { similar(limit: 20) { title } } }`).join(' ')} }`;
    const [bomb, tenBombs, trivial] = await Promise.all([post(BOMB), post(aliased), post('{ __typename }')]);
    expect(bomb.status).toBe(400);
    expect(codeOf(bomb.body)).toBe('QUERY_TOO_COMPLEX');
    expect(bomb.body.errors[0].extensions).toMatchObject({ max: 200_000 });
    expect(bomb.body.data).toBeUndefined();
    expect(codeOf(tenBombs.body)).toBe('QUERY_TOO_COMPLEX');
    expect(trivial.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('multiplies the cost by the page size asked for, through variables too', async () => {
    const query = `query($size: Int) { projects(pagination: { pageSize: $size }) { city { projects(pagination: { pageSize: 100 }) { city { projects(pagination: { pageSize: 100 }) { title } } } } } }`;
    const small = await post(query, { size: 1 });
    expect(small.body.errors).toBeUndefined();
    const large = await post(query, { size: 100 });
    expect(codeOf(large.body)).toBe('QUERY_TOO_COMPLEX');
  });

  it('answers one level of similar projects for a full page, with SQL statements flat in the page size', async () => {
    const query = (size: number) =>
      post(
        `{ projects(pagination: { pageSize: ${size} }, sort: "title:asc") { title similar(limit: 20) { title } } }`,
      );
    const full = await query(100);
    expect(full.body.errors).toBeUndefined();
    expect(full.body.data.projects.length).toBeGreaterThan(1);
    await query(2); // warms the permission and locale caches
    const two = await cms.countQueries(() => query(2));
    const four = await cms.countQueries(() => query(4));
    expect(four).toBe(two);
    // The same as asking one project at a time.
    for (const project of full.body.data.projects.slice(0, 4)) {
      const single = await post(
        `query($t: String) { projects(filters: { title: { eq: $t } }) { similar(limit: 20) { title } } }`,
        { t: project.title },
      );
      expect(single.body.data.projects[0].similar).toEqual(project.similar);
    }
  });

  it('refuses too many aliases and too deep queries with their codes', async () => {
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const tooMany = await post(aliases);
    expect(codeOf(tooMany.body)).toBe('TOO_MANY_ALIASES');
    expect(tooMany.status).toBe(400);
    const nest = (levels: number): string =>
      levels === 0 ? 'title' : `city { projects { ${nest(levels - 1)} } }`;
    const deep = await post(`{ projects { ${nest(6)} } }`);
    expect(codeOf(deep.body)).toBe('QUERY_TOO_DEEP');
  });

  it('stops a request at its deadline: REQUEST_TIMEOUT, and no further statements', async () => {
    const query = `{ projects(pagination: { pageSize: 100 }) { title city { name projects { title actionFields { name } } } similar { title city { name } } } }`;
    const full = await cms.countQueries(() => post(query));
    const limits = (cms.strapi.config.get('stadtnetz') as any).graphqlLimits;
    const before = limits.timeoutMs;
    limits.timeoutMs = 0;
    try {
      let answer: { status: number; body: any } | undefined;
      const stopped = await cms.countQueries(async () => {
        answer = await post(query);
      });
      expect(answer?.body).toEqual({
        errors: [
          expect.objectContaining({ extensions: expect.objectContaining({ code: 'REQUEST_TIMEOUT' }) }),
        ],
      });
      expect(stopped).toBeLessThan(full);
    } finally {
      limits.timeoutMs = before;
    }
    expect((await post('{ projects { title } }')).body.errors).toBeUndefined();
  });

  const SPELLINGS: [string, number][] = [
    // pagination → the page size served (29 projects exist; default 20, maximum 100)
    ['{ limit: -1 }', 20],
    ['{ pageSize: -1 }', 20],
    ['{ limit: 0 }', 20],
    ['{ pageSize: 0 }', 20],
    ['{ limit: -1000 }', 20],
    ['{ limit: 101 }', 29],
    ['{ pageSize: 100000 }', 29],
    ['{ limit: 2147483647 }', 29],
    ['{ start: -5, limit: 3 }', 3],
    ['{ page: 0, pageSize: 5 }', 5],
    ['{ page: -1 }', 20],
  ];

  it('serves no more than a page for any page size Strapi would reinterpret, on every kind of list', async () => {
    for (const [pagination, served] of SPELLINGS) {
      const lists = await post(`{
        projects(pagination: ${pagination}) { title }
        projects_connection(pagination: ${pagination}) { nodes { title } pageInfo { pageSize } }
        actionFields(filters: { slug: { eq: "sprache-und-bildung" } }) { projects(pagination: ${pagination}) { title } }
        searchProjects(query: "Projekt", pagination: ${pagination}) { total nodes { title } }
      }`);
      expect(lists.body.errors, pagination).toBeUndefined();
      const { projects, projects_connection, actionFields, searchProjects } = lists.body.data;
      expect(projects, pagination).toHaveLength(served);
      expect(projects_connection.nodes, pagination).toHaveLength(served);
      expect(projects_connection.pageInfo.pageSize, pagination).toBeLessThanOrEqual(100);
      expect(actionFields[0].projects.length, pagination).toBeLessThanOrEqual(Math.max(served, 1));
      expect(searchProjects.nodes.length, pagination).toBeLessThanOrEqual(served);
    }
    const viaVariables = await post(`query($p: PaginationArg) { projects(pagination: $p) { title } }`, {
      p: { limit: -1 },
    });
    expect(viaVariables.body.data.projects).toHaveLength(20);
    for (const [limit, served] of [
      [-1, 0],
      [21, 20],
      [1000, 20],
    ] as const) {
      const similar = await post(
        `{ projects(filters: { slug: { eq: "ausbildungslotsen" } }) { similar(limit: ${limit}) { title } } }`,
      );
      expect(similar.body.errors).toBeUndefined();
      expect(similar.body.data.projects[0].similar.length).toBeLessThanOrEqual(served);
    }
  });

  it('does the same over REST, and refuses what is not a number with 400 and a code', async () => {
    for (const [query, served] of [
      ['pagination[limit]=-1', 20],
      ['pagination[pageSize]=-1', 20],
      ['pagination[limit]=0', 20],
      ['pagination[pageSize]=101', 29],
      ['pagination[limit]=2147483647', 29],
      ['pagination[start]=-1&pagination[limit]=2', 2],
      ['pagination[page]=0&pagination[pageSize]=3', 3],
    ] as const) {
      const response = await fetch(`${cms.url}/api/projects?${query}`);
      expect(response.status, query).toBe(200);
      const body = (await response.json()) as any;
      expect(body.data, query).toHaveLength(served);
    }
    for (const query of [
      'pagination[pageSize]=abc',
      'pagination[limit]=1e3',
      'pagination[limit][$gt]=1',
      'pagination=all',
      'pagination[nope]=1',
    ]) {
      const response = await fetch(`${cms.url}/api/projects?${query}`);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as any;
      expect(body.error.code, query).toBe('BAD_USER_INPUT');
    }
  });
});
