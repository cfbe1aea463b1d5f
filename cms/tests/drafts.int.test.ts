import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseAvailable, databaseKind, startCms, type TestCms } from './support/cms';
import { createFixtures, type Fixtures } from './support/fixtures';
import { startForumKeys, type ForumKeys } from './support/forum-keys';

/** Every unpublished text below carries this word; no public response may contain it. */
const SECRET = 'ENTWURFGEHEIM';

interface ContentType {
  uid: string;
  rest: string;
  one: string;
  many: string;
  field: string;
}

const TYPES: ContentType[] = [
  { uid: 'api::project.project', rest: 'projects', one: 'project', many: 'projects', field: 'title' },
  { uid: 'api::workshop.workshop', rest: 'workshops', one: 'workshop', many: 'workshops', field: 'title' },
  { uid: 'api::city.city', rest: 'cities', one: 'city', many: 'cities', field: 'name' },
  {
    uid: 'api::action-field.action-field',
    rest: 'action-fields',
    one: 'actionField',
    many: 'actionFields',
    field: 'name',
  },
  {
    uid: 'api::organisation.organisation',
    rest: 'organisations',
    one: 'organisation',
    many: 'organisations',
    field: 'name',
  },
];

/** Query strings that try to reach drafts through Strapi's REST API, each spelled differently. */
const REST_SPELLINGS = [
  'status=draft',
  'status=DRAFT',
  'status=xyz',
  'status=draft%20',
  'status=%20published',
  'status[0]=draft',
  'status[]=draft',
  'status[status]=draft',
  'status=published&status=draft',
  'publicationState=preview',
  'publicationFilter=never-published-document',
  'publicationFilter=has-published-version',
  'hasPublishedVersion=false',
  'filters[publishedAt][$null]=true',
  'filters[$or][0][publishedAt][$null]=true&filters[$or][1][publishedAt][$notNull]=true',
  'filters[$not][publishedAt][$notNull]=true',
  'locale=*',
  'locale=all',
  'locale=en&status=xyz',
  'locale=*&status[0]=draft&populate=*',
  'populate=*',
  'populate=*&status=xyz',
];

/** Spellings that ask for unpublished versions outright: refused, not just answered with published content. */
const REFUSED = (spelling: string) =>
  /status=(?!published(&|$))|status\[|status=published&status|publication|hasPublished/.test(spelling);

describe.skipIf(!databaseAvailable)(`drafts stay private on ${databaseKind}`, () => {
  let cms: TestCms;
  let forum: ForumKeys;
  let data: Fixtures;
  const drafts: Record<string, string> = {};
  let memberToken: string;

  beforeAll(async () => {
    forum = await startForumKeys();
    cms = await startCms({ FORUM_JWKS_URL: forum.jwksUrl });
    data = await createFixtures(cms.strapi);
    memberToken = await forum.sign();
    const documents = (uid: string) => cms.strapi.documents(uid as never) as any;
    // Published workshops and organisations (the shared fixtures have projects, cities and fields of action).
    await documents('api::workshop.workshop').create({
      locale: 'de',
      status: 'published',
      data: {
        title: 'Werkstatt Sprache',
        slug: 'werkstatt-sprache',
        relatedProjects: [data.projects.sprachkurse],
      },
    });
    await documents('api::organisation.organisation').create({
      status: 'published',
      data: {
        name: 'Bürgerverein Leipzig',
        slug: 'buergerverein',
        kind: 'Initiative',
        city: data.cities.leipzig,
      },
    });
    // A draft of each content type, never published.
    drafts.project = (
      await documents('api::project.project').create({
        locale: 'de',
        data: {
          title: `${SECRET} Einreichung`,
          slug: 'entwurf-einreichung',
          summary: `Eine Einreichung, die noch geprüft wird (${SECRET}).`,
          projectStatus: 'laufend',
          source: 'eingereicht',
          actionFields: [data.actionFields.sprache],
          city: data.cities.leipzig,
          contacts: [{ name: `${SECRET} Kontaktperson`, email: 'geheim@example.org' }],
        },
      })
    ).documentId;
    drafts.workshop = (
      await documents('api::workshop.workshop').create({
        locale: 'de',
        data: {
          title: `${SECRET} Werkstatt`,
          slug: 'entwurf-werkstatt',
          actionFields: [data.actionFields.sprache],
        },
      })
    ).documentId;
    drafts.city = (
      await documents('api::city.city').create({
        data: { name: `${SECRET} Stadt`, slug: 'entwurf-stadt', federalState: 'sachsen' },
      })
    ).documentId;
    drafts.actionField = (
      await documents('api::action-field.action-field').create({
        locale: 'de',
        data: { name: `${SECRET} Handlungsfeld`, slug: 'entwurf-feld' },
      })
    ).documentId;
    drafts.organisation = (
      await documents('api::organisation.organisation').create({
        data: {
          name: `${SECRET} Träger`,
          slug: 'entwurf-traeger',
          kind: 'Initiative',
          city: data.cities.leipzig,
        },
      })
    ).documentId;
    // Published documents with newer, unpublished changes, and an unpublished English localization.
    await documents('api::project.project').update({
      documentId: data.projects.lotsen,
      locale: 'de',
      data: { title: `${SECRET} geänderter Titel`, contacts: [{ name: `${SECRET} neue Kontaktperson` }] },
    });
    await documents('api::city.city').update({
      documentId: data.cities.bremen,
      data: { name: `${SECRET} Bremen` },
    });
    await documents('api::project.project').update({
      documentId: data.projects.sprachkurse,
      locale: 'en',
      data: {
        title: `${SECRET} English draft`,
        slug: 'english-draft',
        summary: `Not yet published (${SECRET}).`,
        projectStatus: 'laufend',
        source: 'redaktionell',
      },
    });
  });

  afterAll(async () => {
    await cms?.stop();
    await forum?.close();
  });

  const callers = () => [
    { name: 'anonymous', headers: {} as Record<string, string> },
    { name: 'member', headers: { authorization: `Bearer ${memberToken}` } },
  ];

  it('shows the published versions to the public (the matrix below is not empty-handed)', async () => {
    for (const type of TYPES) {
      const response = await fetch(`${cms.url}/api/${type.rest}?pagination[pageSize]=100`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data: unknown[] };
      expect(body.data.length).toBeGreaterThan(0);
    }
    const lotsen = await cms.graphql(
      `query($id: ID!) { project(documentId: $id) { title contacts { name } } }`,
      {
        id: data.projects.lotsen,
      },
    );
    expect(lotsen.data.project).toEqual({
      title: 'Ausbildungslotsen für junge Geflüchtete',
      contacts: [{ name: 'Cem Beispiel' }],
    });
  });

  it('answers no REST spelling of "drafts" with drafts, for every content type, list and single', async () => {
    const leaks: string[] = [];
    const wrongStatus: string[] = [];
    for (const caller of callers()) {
      for (const type of TYPES) {
        const draftId = drafts[type.one] as string;
        for (const spelling of REST_SPELLINGS) {
          for (const path of [
            `/api/${type.rest}?pagination[pageSize]=100&${spelling}`,
            `/api/${type.rest}/${draftId}?${spelling}`,
          ]) {
            const response = await fetch(`${cms.url}${path}`, { headers: caller.headers });
            const text = await response.text();
            if (text.includes(SECRET)) leaks.push(`${caller.name} ${path}`);
            const expected = REFUSED(spelling) ? [403] : path.includes(draftId) ? [404] : [200];
            if (!expected.includes(response.status))
              wrongStatus.push(`${caller.name} ${path}: ${response.status}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(wrongStatus).toEqual([]);
  });

  it('does not populate unpublished relations or localizations over REST', async () => {
    for (const path of [
      `/api/cities?populate=*&pagination[pageSize]=100`,
      `/api/cities?populate[projects][populate]=*&pagination[pageSize]=100`,
      `/api/action-fields?populate[projects][populate][contacts]=true&populate[workshops]=true`,
      `/api/projects?populate[localizations]=*&populate[city]=true&populate[contacts]=true&pagination[pageSize]=100`,
      `/api/projects?populate[relatedProjects][populate]=*&locale=*`,
      `/api/organisations?populate=*`,
    ]) {
      const response = await fetch(`${cms.url}${path}`);
      // Strapi refuses some populates (localizations) with 400; either way, nothing unpublished.
      expect([200, 400], path).toContain(response.status);
      expect(await response.text(), path).not.toContain(SECRET);
    }
  });

  const graphqlSpellings = (type: ContentType) => {
    const id = drafts[type.one] as string;
    const f = type.field;
    return [
      `{ ${type.many}(status: DRAFT) { ${f} } }`,
      `{ ${type.many}_connection(status: DRAFT) { nodes { ${f} } } }`,
      `{ ${type.one}(documentId: "${id}", status: DRAFT) { ${f} } }`,
      `{ ${type.one}(documentId: "${id}") { ${f} } }`,
      `{ ${type.many}(publicationFilter: NEVER_PUBLISHED_DOCUMENT) { ${f} } }`,
      `{ ${type.many}(publicationFilter: MODIFIED) { ${f} } }`,
      `{ ${type.many}(hasPublishedVersion: false) { ${f} } }`,
      `{ ${type.one}(documentId: "${id}", hasPublishedVersion: false) { ${f} } }`,
      `{ ${type.many}(filters: { publishedAt: { null: true } }) { ${f} } }`,
      `{ ${type.many}(filters: { or: [{ publishedAt: { null: true } }, { publishedAt: { notNull: true } }] }, pagination: { pageSize: 100 }) { ${f} } }`,
      `{ ${type.many}(filters: { not: { publishedAt: { notNull: true } } }) { ${f} } }`,
      `{ a: ${type.many}(pagination: { pageSize: 100 }) { ${f} } b: ${type.many}(status: DRAFT) { ${f} } }`,
    ];
  };

  it('answers no GraphQL spelling of "drafts" with drafts, for every content type', async () => {
    const leaks: string[] = [];
    for (const caller of callers()) {
      for (const type of TYPES) {
        for (const query of graphqlSpellings(type)) {
          const response = await fetch(`${cms.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...caller.headers },
            body: JSON.stringify({ query }),
          });
          const text = await response.text();
          if (text.includes(SECRET)) leaks.push(`${caller.name} ${query}`);
        }
        // The same through a variable, and locales.
        for (const [query, variables] of [
          [`query($s: PublicationStatus) { ${type.many}(status: $s) { ${type.field} } }`, { s: 'DRAFT' }],
          [
            `query($l: I18NLocaleCode) { ${type.many}(locale: $l, pagination: { pageSize: 100 }) { ${type.field} } }`,
            { l: '*' },
          ],
          [
            `query($l: I18NLocaleCode) { ${type.many}(locale: $l, status: DRAFT) { ${type.field} } }`,
            { l: 'en' },
          ],
        ] as const) {
          const result = await cms.graphql(query, variables, caller.headers);
          if (JSON.stringify(result).includes(SECRET)) leaks.push(`${caller.name} ${query}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('refuses status: DRAFT with FORBIDDEN, and publication filters too', async () => {
    for (const type of TYPES) {
      for (const query of [
        `{ ${type.many}(status: DRAFT) { ${type.field} } }`,
        `{ ${type.many}(publicationFilter: NEVER_PUBLISHED_DOCUMENT) { ${type.field} } }`,
        `{ ${type.many}(hasPublishedVersion: false) { ${type.field} } }`,
      ]) {
        const result = await cms.graphql(query);
        expect(result.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
      }
    }
  });

  it('does not reach drafts through relations, search, similar projects or federation', async () => {
    const queries: [string, Record<string, unknown>?][] = [
      [
        `{ cities(pagination: { pageSize: 100 }) { name projects { title contacts { name } } organisations { name } } }`,
      ],
      [
        `{ actionFields(pagination: { pageSize: 100 }) { name projects(pagination: { pageSize: 100 }) { title } workshops { title } } }`,
      ],
      [
        `{ projects(pagination: { pageSize: 100 }) { title city { name } localizations { title } relatedProjects { title } contacts { name } } }`,
      ],
      [`{ projects(locale: "en") { title localizations { title } } }`],
      [`{ searchProjects(query: "${SECRET}") { total nodes { title } } }`],
      [
        `{ searchProjects(query: "Sprachkurs") { nodes { title localizations { title } city { name } contacts { name } } } }`,
      ],
      [`{ projects { similar(limit: 20) { title localizations { title } contacts { name } } } }`],
      [
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { title localizations { title } contacts { name } city { name } } ... on City { name } ... on Workshop { title } ... on ActionField { name } ... on Organisation { name } } }`,
        {
          r: [
            ...Object.entries(drafts).map(([key, documentId]) => ({
              __typename: key.charAt(0).toUpperCase() + key.slice(1),
              documentId,
            })),
            { __typename: 'Project', documentId: data.projects.lotsen },
            { __typename: 'Project', documentId: data.projects.sprachkurse },
            { __typename: 'City', documentId: data.cities.bremen },
          ],
        },
      ],
    ];
    for (const caller of callers()) {
      for (const [query, variables] of queries) {
        const result = await cms.graphql(query, variables, caller.headers);
        expect(result.data, query).toBeTruthy();
        expect(JSON.stringify(result), `${caller.name} ${query}`).not.toContain(SECRET);
      }
    }
  });

  it('lets a content-API token read drafts (the preview), and editors in the admin', async () => {
    const token = await cms.strapi.service('admin::api-token').create({
      name: 'preview',
      type: 'read-only',
      lifespan: null,
    });
    const asToken = await fetch(`${cms.url}/api/projects?status=draft&pagination[pageSize]=100`, {
      headers: { authorization: `Bearer ${token.accessKey}` },
    });
    expect(asToken.status).toBe(200);
    expect(await asToken.text()).toContain(SECRET);

    const superAdmin = await cms.strapi.service('admin::role').getSuperAdmin();
    await cms.strapi.service('admin::user').create({
      email: 'redaktion-drafts@example.org',
      firstname: 'Rita',
      lastname: 'Redaktion',
      password: 'Sehr-geheim-123',
      isActive: true,
      registrationToken: null,
      roles: [superAdmin.id],
    });
    const login = await fetch(`${cms.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'redaktion-drafts@example.org', password: 'Sehr-geheim-123' }),
    });
    expect(login.status).toBe(200);
    const { data: session } = (await login.json()) as { data: { token: string } };
    const admin = { authorization: `Bearer ${session.token}` };
    const one = await fetch(
      `${cms.url}/content-manager/collection-types/api::project.project/${drafts.project}?locale=de&status=draft`,
      { headers: admin },
    );
    expect(one.status).toBe(200);
    expect(((await one.json()) as any).data.title).toBe(`${SECRET} Einreichung`);
    const list = await fetch(
      `${cms.url}/content-manager/collection-types/api::project.project?page=1&pageSize=100&locale=de`,
      { headers: admin },
    );
    expect(list.status).toBe(200);
    expect(await list.text()).toContain(`${SECRET} geänderter Titel`);
  });
});
