import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseAvailable, databaseKind, startCms, type GraphQLBody, type TestCms } from './support/cms';
import { createFixtures, type Fixtures } from './support/fixtures';

/**
 * The fast project list (features/project-list) must answer exactly what Strapi's own resolver answers: every
 * query below runs twice, with the fast path on and off, and the two responses must be equal — data, errors,
 * order. Each supported query must also really take the fast path (its id subquery shows in the SQL), and an
 * unsupported one must not.
 */

/** The read model's page: `… from "project_listing" as "l" …`. */
const FAST_PATH_SQL = /from [`"]project_listing[`"] as [`"]l[`"]/;

const EVERYTHING = /* GraphQL */ `
  documentId title slug summary description district startDate endDate ongoing projectStatus funding
  budgetRange outcomes transferability website source demo locale createdAt updatedAt publishedAt
  city { documentId name slug federalState population latitude longitude createdAt publishedAt }
  actionFields { documentId name slug description locale publishedAt }
  contacts { id name role organisation phone email address }
  targetGroups { id group }
  leadOrganisation { name }
  partners { name }
`;

describe.skipIf(!databaseAvailable)(`project list from the read model on ${databaseKind}`, () => {
  let cms: TestCms;
  let data: Fixtures;
  let extra: Record<string, string>;

  const documents = (uid: string) => cms.strapi.documents(uid as never) as any;

  beforeAll(async () => {
    cms = await startCms();
    data = await createFixtures(cms.strapi);
    const projects = documents('api::project.project');
    const publish = async (values: Record<string, unknown>, locale = 'de') =>
      (
        await projects.create({
          locale,
          status: 'published',
          data: { projectStatus: 'laufend', source: 'redaktionell', ...values },
        })
      ).documentId as string;

    const organisation = (
      await documents('api::organisation.organisation').create({
        status: 'published',
        data: { name: 'Stadtteilverein Mitte', slug: 'stadtteilverein-mitte', kind: 'Initiative' },
      })
    ).documentId as string;
    // A city that was never published: the published project cannot link to it.
    const hiddenCity = (
      await documents('api::city.city').create({
        data: { name: 'Entwurfstadt', slug: 'entwurfstadt', federalState: 'hessen' },
      })
    ).documentId as string;

    // Same title twice (the order falls back to the id), several fields of action and contacts in a set order.
    const twinA = await publish({
      title: 'Gleicher Titel',
      slug: 'gleicher-titel-a',
      summary: 'Der erste von zwei Projekten mit demselben Titel, für die Reihenfolge bei Gleichstand.',
      actionFields: [data.actionFields.wohnen, data.actionFields.sprache, data.actionFields.arbeit],
      city: data.cities.bremen,
      startDate: '2024-03-01',
      endDate: '2025-12-31',
      budgetRange: 'bis_50000',
      targetGroups: [{ group: 'frauen' }, { group: 'familien' }],
      contacts: [{ name: 'Zora Zett', role: 'Leitung' }, { name: 'Adam Anfang' }, { name: 'Mia Mitte' }],
      leadOrganisation: organisation,
      partners: [organisation],
    });
    const twinB = await publish({
      title: 'Gleicher Titel',
      slug: 'gleicher-titel-b',
      summary: 'Der zweite von zwei Projekten mit demselben Titel, für die Reihenfolge bei Gleichstand.',
      actionFields: [data.actionFields.arbeit],
      city: data.cities.leipzig,
      projectStatus: 'abgeschlossen',
      startDate: '2021-01-15',
      ongoing: true,
      demo: true,
    });
    // A city that was published, linked by a published project, and unpublished again.
    const withdrawnCity = (
      await documents('api::city.city').create({
        status: 'published',
        data: { name: 'Rückzugstadt', slug: 'rueckzugstadt', federalState: 'hessen' },
      })
    ).documentId as string;
    await publish({
      title: 'Projekt in einer zurückgezogenen Stadt',
      slug: 'zurueckgezogene-stadt',
      summary: 'Die Stadt dieses Projekts war veröffentlicht und ist es nicht mehr.',
      actionFields: [data.actionFields.wohnen],
      city: withdrawnCity,
    });
    await documents('api::city.city').unpublish({ documentId: withdrawnCity });
    const hidden = await publish({
      title: 'Projekt in einer unveröffentlichten Stadt',
      slug: 'unveroeffentlichte-stadt',
      summary: 'Die Stadt dieses Projekts ist ein Entwurf und darf öffentlich nicht erscheinen.',
      actionFields: [data.actionFields.sprache],
      city: hiddenCity,
    });

    // A published project with newer, unpublished changes: the list shows the published version.
    await projects.update({
      documentId: data.projects.lotsen,
      locale: 'de',
      data: {
        title: 'Geänderter Entwurfstitel',
        projectStatus: 'laufend',
        contacts: [{ name: 'Nur im Entwurf' }],
      },
    });

    // English versions: a field of action and a project.
    await documents('api::action-field.action-field').update({
      documentId: data.actionFields.sprache,
      locale: 'en',
      status: 'published',
      data: { name: 'Language and education', slug: 'sprache-und-bildung' },
    });
    await projects.update({
      documentId: data.projects.sprachkurse,
      locale: 'en',
      status: 'published',
      data: {
        title: 'Language classes for parents',
        slug: 'sprachkurse-fuer-eltern',
        summary:
          'Parents learn German while their children are looked after in the day-care centre next door.',
        actionFields: [data.actionFields.sprache],
        city: data.cities.leipzig,
        projectStatus: 'laufend',
        source: 'redaktionell',
      },
    });
    extra = { twinA, twinB, hidden, organisation };
  });

  afterAll(async () => {
    await cms?.stop();
  });

  const setFastPath = (on: boolean) => cms.strapi.config.set('stadtnetz.projectListFastPath', on);

  /** Runs the query with the fast path on and off; returns both responses and the SQL of the fast run. */
  async function both(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) {
    const sql: string[] = [];
    const listener = (entry: { sql: string }) => sql.push(entry.sql);
    setFastPath(true);
    cms.strapi.db.connection.on('query', listener);
    let fast: GraphQLBody<any>;
    try {
      fast = await cms.graphql(query, variables, headers);
    } finally {
      cms.strapi.db.connection.removeListener('query', listener);
    }
    setFastPath(false);
    const stock = await cms.graphql(query, variables, headers);
    setFastPath(true);
    return { fast, stock, tookFastPath: sql.some((statement) => FAST_PATH_SQL.test(statement)) };
  }

  const SUPPORTED: [string, string, (() => Record<string, unknown>)?][] = [
    ['everything, no filters, no sort', `{ projects { ${EVERYTHING} } }`],
    [
      'a field of action, by title',
      `{ projects(filters: { actionFields: { slug: { eq: "sprache-und-bildung" } } }, sort: "title:asc") { ${EVERYTHING} } }`,
    ],
    [
      'field of action and city (the benchmark query) with variables',
      `query($field: String!, $city: String!) {
        projects(filters: { actionFields: { slug: { eq: $field } }, city: { slug: { eq: $city } } }, pagination: { pageSize: 20 }, sort: "title:asc") {
          documentId title summary projectStatus city { name federalState } actionFields { name slug } contacts { name role email }
        }
      }`,
      () => ({ field: 'arbeit-und-ausbildung', city: 'bremen' }),
    ],
    [
      'federal state through the city',
      `{ projects(filters: { city: { federalState: { eq: "sachsen" } } }, sort: ["title:desc"]) { title city { name } } }`,
    ],
    [
      'cities that are not published: never, or no longer (their projects match neither)',
      `{ never: projects(filters: { city: { slug: { eq: "entwurfstadt" } } }) { title }
         withdrawn: projects(filters: { city: { slug: { in: ["rueckzugstadt", "bremen"] } } }, sort: "title") { title city { name } }
         hessen: projects(filters: { city: { federalState: { eq: "hessen" } } }) { title } }`,
    ],
    [
      'city slug and federal state in one object',
      `{ projects(filters: { city: { slug: { eq: "bremen" }, federalState: { eq: "bremen" } } }) { title } }`,
    ],
    [
      'status, one and several',
      `{ a: projects(filters: { projectStatus: { eq: "abgeschlossen" } }) { title projectStatus }
         b: projects(filters: { projectStatus: { in: ["laufend", "abgeschlossen"] } }, sort: "publishedAt:desc") { title } }`,
    ],
    [
      'target group',
      `{ projects(filters: { targetGroups: { group: { eq: "familien" } } }, sort: "title") { title targetGroups { group } } }`,
    ],
    [
      'two fields of action, both required (and) and either (in)',
      `{ both: projects(filters: { and: [{ actionFields: { slug: { eq: "sprache-und-bildung" } } }, { actionFields: { slug: { eq: "wohnen-und-quartier" } } }] }) { title }
         either: projects(filters: { actionFields: { slug: { in: ["sprache-und-bildung", "wohnen-und-quartier"] } } }, sort: "title:asc") { title actionFields { slug } } }`,
    ],
    [
      'a field of action by documentId, a project by slug and by documentId',
      `query($field: ID!, $project: ID!) {
        byField: projects(filters: { actionFields: { documentId: { eq: $field } } }) { title }
        bySlug: projects(filters: { slug: { eq: "elterncafe" } }) { title }
        byId: projects(filters: { documentId: { eq: $project } }) { title }
      }`,
      () => ({ field: data.actionFields.sprache, project: data.projects.quartier }),
    ],
    [
      'sorts with gaps and ties',
      `{ a: projects(sort: ["startDate:desc", "title"]) { title startDate }
         b: projects(sort: "title:asc,startDate:asc") { title slug }
         c: projects(sort: "endDate:asc") { title endDate } }`,
    ],
    [
      'pages',
      `{ p1: projects(sort: "title", pagination: { page: 1, pageSize: 2 }) { title }
         p2: projects(sort: "title", pagination: { page: 2, pageSize: 2 }) { title }
         far: projects(sort: "title", pagination: { page: 50, pageSize: 2 }) { title }
         offset: projects(sort: "title", pagination: { start: 1, limit: 3 }) { title }
         capped: projects(pagination: { pageSize: 1000 }) { title }
         all: projects(pagination: { limit: -1 }) { title } }`,
    ],
    ['English', `{ projects(locale: "en") { title locale actionFields { name locale } city { name } } }`],
    [
      'German, asked for explicitly',
      `{ projects(locale: "de", filters: { actionFields: { slug: { eq: "sprache-und-bildung" } } }) { title locale actionFields { name } } }`,
    ],
    [
      'fragments, aliases and relations with arguments',
      `fragment Card on Project { title place: city { name } fields: actionFields { name } }
       { projects(sort: "title") {
           ...Card
           ... on Project { contacts { name } again: city { population federalState createdAt } }
           actionFields(sort: "name:desc") { name }
           localizations { locale title }
           similar(limit: 2) { title }
           __typename
       } }`,
    ],
    [
      'the connection, with its page info',
      `{ projects_connection(filters: { city: { slug: { eq: "bremen" } } }, sort: "title", pagination: { page: 2, pageSize: 2 }) {
           nodes { title city { name } actionFields { name } }
           pageInfo { total page pageSize pageCount }
       } }`,
    ],
    [
      "the website's project list",
      `fragment ProjectListItem on Project { documentId title summary projectStatus city { documentId name } actionFields { name } }
       query($filters: ProjectFiltersInput, $sort: [String], $page: Int!, $pageSize: Int!) {
         projects_connection(filters: $filters, sort: $sort, pagination: { page: $page, pageSize: $pageSize }) {
           nodes { ...ProjectListItem }
           pageInfo { total pageCount }
         }
         forMap: projects(filters: $filters, pagination: { pageSize: 100 }) { city { documentId } }
       }`,
      () => ({
        filters: {
          actionFields: { slug: { eq: 'sprache-und-bildung' } },
          city: { federalState: { eq: 'sachsen' } },
        },
        sort: ['publishedAt:desc'],
        page: 1,
        pageSize: 12,
      }),
    ],
  ];

  for (const [name, query, variablesOf] of SUPPORTED) {
    it(`answers like Strapi: ${name}`, async () => {
      const { fast, stock, tookFastPath } = await both(query, variablesOf?.());
      expect(fast.errors).toBeUndefined();
      expect(tookFastPath).toBe(true);
      expect(fast).toEqual(stock);
    });
  }

  it('lists what the fixtures say: published versions, published relations, no drafts', async () => {
    const { fast } = await both(`{ projects(pagination: { pageSize: 100 }, sort: "slug") {
      documentId title slug city { name } contacts { name } actionFields { slug }
    } }`);
    const bySlug = new Map(fast.data.projects.map((project: any) => [project.slug, project]));
    expect([...bySlug.keys()]).not.toContain('entwurf');
    expect(fast.data.projects.map((project: any) => project.documentId)).not.toContain(
      data.projects.draftOnly,
    );
    // The unpublished changes of the Lotsen project stay invisible.
    expect(bySlug.get('ausbildungslotsen')).toMatchObject({
      title: 'Ausbildungslotsen für junge Geflüchtete',
      contacts: [{ name: 'Cem Beispiel' }],
    });
    // A city that was never published is not shown.
    expect(bySlug.get('unveroeffentlichte-stadt')).toMatchObject({ city: null });
    // Nor one that was unpublished: the published project lost its link (the fast list's filters rely on it).
    expect(bySlug.get('zurueckgezogene-stadt')).toMatchObject({ city: null });
    // Fields of action and contacts in the order the editor set.
    expect(bySlug.get('gleicher-titel-a')).toMatchObject({
      actionFields: [
        { slug: 'wohnen-und-quartier' },
        { slug: 'sprache-und-bildung' },
        { slug: 'arbeit-und-ausbildung' },
      ],
      contacts: [{ name: 'Zora Zett' }, { name: 'Adam Anfang' }, { name: 'Mia Mitte' }],
    });
    const english = await both(`{ projects(locale: "en") { title actionFields { name } } }`);
    expect(english.fast.data.projects).toEqual([
      { title: 'Language classes for parents', actionFields: [{ name: 'Language and education' }] },
    ]);
    const ties = await both(
      `{ projects(filters: { title: { eq: "Gleicher Titel" } }, sort: "title") { slug } }`,
    );
    expect(ties.fast.data.projects.map((project: any) => project.slug)).toEqual([
      'gleicher-titel-a',
      'gleicher-titel-b',
    ]);
    expect(extra.twinB).toBeTruthy();
  });

  const UNSUPPORTED: [string, string][] = [
    ['a text filter', `{ projects(filters: { title: { containsi: "sprach" } }) { title } }`],
    [
      'or',
      `{ projects(filters: { or: [{ city: { slug: { eq: "leipzig" } } }, { projectStatus: { eq: "abgeschlossen" } }] }) { title } }`,
    ],
    ['not', `{ projects(filters: { not: { city: { slug: { eq: "leipzig" } } } }, sort: "title") { title } }`],
    ['null on a relation', `{ projects(filters: { city: { slug: { null: true } } }) { title } }`],
    ['a sort by a relation', `{ projects(sort: "city.name:asc") { title city { name } } }`],
    ['all locales', `{ projects(locale: "*", sort: "title") { title locale } }`],
    ['drafts (refused to the public)', `{ projects(status: DRAFT) { title } }`],
    ['mixed pagination (an error)', `{ projects(pagination: { page: 1, start: 2 }) { title } }`],
    ['a publication filter', `{ projects(hasPublishedVersion: true) { title } }`],
  ];

  for (const [name, query] of UNSUPPORTED) {
    it(`leaves ${name} to Strapi`, async () => {
      const { fast, stock, tookFastPath } = await both(query);
      expect(tookFastPath).toBe(false);
      expect(fast).toEqual(stock);
    });
  }

  it('leaves filters through relations the caller may not read to Strapi (same refusal)', async () => {
    const token = await cms.strapi.service('admin::api-token').create({
      name: `projects only ${Date.now()}`,
      type: 'custom',
      kind: 'content-api',
      lifespan: null,
      permissions: ['api::project.project.find'],
    });
    const headers = { authorization: `Bearer ${token.accessKey}` };
    const byCity = await both(
      `{ projects(filters: { city: { slug: { eq: "bremen" } } }) { title } }`,
      undefined,
      headers,
    );
    expect(byCity.tookFastPath).toBe(false);
    expect(byCity.stock.errors?.[0]?.message).toBeTruthy();
    expect(byCity.fast).toEqual(byCity.stock);
    // The page itself is served; its cities are refused field by field, as Strapi refuses them.
    const withCity = await both(
      `{ projects(sort: "title") { title city { name } contacts { name } } }`,
      undefined,
      headers,
    );
    expect(withCity.tookFastPath).toBe(true);
    expect(withCity.stock.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(withCity.fast).toEqual(withCity.stock);
    // Status and target groups need no other permission: the fast path serves them.
    const byGroup = await both(
      `{ projects(filters: { targetGroups: { group: { eq: "familien" } }, projectStatus: { eq: "laufend" } }, sort: "title") { title } }`,
      undefined,
      headers,
    );
    expect(byGroup.tookFastPath).toBe(true);
    expect(byGroup.fast.errors).toBeUndefined();
    expect(byGroup.fast).toEqual(byGroup.stock);
  });

  it('does not wait on a Document Service transaction that waits for it (one SQLite connection)', async () => {
    // A cold default-locale cache: the fast list and a transaction of Strapi's both look it up at once.
    await cms.strapi.plugin('i18n').service('locales').setDefaultLocale({ code: 'de' });
    const result = await cms.graphql(`{
      actionFields_connection { pageInfo { total } }
      projects_connection(sort: "title") { pageInfo { total } nodes { title } }
      projects(sort: "title") { title city { name } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.projects_connection.nodes.length).toBeGreaterThan(0);
  }, 10_000);

  it('needs the same few statements for any page size, fewer than Strapi', async () => {
    const query = (size: number) =>
      `{ projects(pagination: { pageSize: ${size} }, sort: "title:asc") { title city { name } actionFields { name } contacts { name } } }`;
    setFastPath(true);
    const one = await cms.countQueries(() => cms.graphql(query(1)));
    const many = await cms.countQueries(() => cms.graphql(query(8)));
    setFastPath(false);
    const stock = await cms.countQueries(() => cms.graphql(query(8)));
    setFastPath(true);
    expect(many).toBe(one);
    expect(many).toBeLessThan(stock);
    expect(many).toBeLessThanOrEqual(4);
  });
});
