import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseAvailable, databaseKind, startCms, type TestCms } from './support/cms';
import { createFixtures, type Fixtures } from './support/fixtures';

/**
 * `translation(locale)`: an entry's texts in another locale with the entry's own text as the per-field fallback,
 * so that a German list read by an English visitor keeps all its projects and shows English where there is some.
 */
describe.skipIf(!databaseAvailable)(`translations with a per-field fallback on ${databaseKind}`, () => {
  let cms: TestCms;
  let data: Fixtures;
  const documents = (uid: string) => cms.strapi.documents(uid as never) as any;

  beforeAll(async () => {
    cms = await startCms();
    data = await createFixtures(cms.strapi);
    // English for one project (title and summary only), a field of action, and a draft-only English text.
    await documents('api::project.project').update({
      documentId: data.projects.sprachkurse,
      locale: 'en',
      status: 'published',
      data: {
        title: 'Language classes for parents',
        summary: 'Parents learn German while their children are looked after next door.',
        slug: 'sprachkurse-fuer-eltern',
        // Relations are localised in Strapi 5: the English entry links the city too.
        city: data.cities.leipzig,
      },
    });
    await documents('api::project.project').update({
      documentId: data.projects.lotsen,
      locale: 'en',
      data: {
        title: 'Apprenticeship guides (draft)',
        summary: 'Not published yet.',
        slug: 'ausbildungslotsen',
      },
    });
    await documents('api::action-field.action-field').update({
      documentId: data.actionFields.sprache,
      locale: 'en',
      status: 'published',
      data: { name: 'Language and education', slug: 'sprache-und-bildung' },
    });
    const workshop = await documents('api::workshop.workshop').create({
      locale: 'de',
      status: 'published',
      data: {
        title: 'Werkstatt im Quartier',
        slug: 'werkstatt',
        number: 1,
        guidingQuestion: 'Was hilft?',
        documentation: '## Dokumentation\n\nText.',
        programme: [{ time: '10:00', title: 'Begrüßung' }],
      },
    });
    await documents('api::workshop.workshop').update({
      documentId: workshop.documentId,
      locale: 'en',
      status: 'published',
      data: {
        title: 'Workshop in the neighbourhood',
        slug: 'werkstatt',
        programme: [{ time: '10:00', title: 'Welcome' }],
      },
    });
  });

  afterAll(async () => {
    await cms?.stop();
  });

  it('gives the English texts where there are, the German ones named as fallbacks where there are none', async () => {
    const result = await cms.graphql(
      `query ($id: ID!) { project(documentId: $id) { title translation(locale: "en") {
         locale fallbackLocale fallbackFields title summary description outcomes } } }`,
      { id: data.projects.sprachkurse },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.project).toEqual({
      title: 'Sprachkurse für Eltern im Quartier',
      translation: {
        locale: 'en',
        fallbackLocale: 'de',
        fallbackFields: ['description'],
        title: 'Language classes for parents',
        summary: 'Parents learn German while their children are looked after next door.',
        description: 'Die Kurse finden vormittags im Stadtteilzentrum statt.',
        outcomes: null,
      },
    });
  });

  it('keeps every project of the German list, in its order, and never shows an unpublished English text', async () => {
    const query = `{ projects(sort: "title:asc", pagination: { pageSize: 10 }) {
      documentId translation(locale: "en") { title fallbackFields } } }`;
    const result = await cms.graphql(query);
    expect(result.errors).toBeUndefined();
    const german = await cms.graphql(
      `{ projects(sort: "title:asc", pagination: { pageSize: 10 }) { documentId title } }`,
    );
    const list = result.data.projects as {
      documentId: string;
      translation: { title: string; fallbackFields: string[] };
    }[];
    expect(list.map((p) => p.documentId)).toEqual(
      german.data.projects.map((p: { documentId: string }) => p.documentId),
    );
    const byId = new Map(list.map((p) => [p.documentId, p.translation]));
    expect(byId.get(data.projects.sprachkurse)!.title).toBe('Language classes for parents');
    // The English draft of the apprenticeship project is not published: the German title, named as fallback.
    expect(byId.get(data.projects.lotsen)).toEqual({
      title: 'Ausbildungslotsen für junge Geflüchtete',
      fallbackFields: ['title', 'summary', 'description'],
    });
    // The draft-only German project stays out, as in the German list.
    expect(byId.has(data.projects.draftOnly)).toBe(false);
  });

  it('translates a page in a fixed number of statements, whatever its size', async () => {
    const page = (size: number) =>
      cms.countQueries(() =>
        cms.graphql(`{ projects(pagination: { pageSize: ${size} }) { documentId translation(locale: "en") { title }
          actionFields { translation(locale: "en") { name } } } }`),
      );
    expect(await page(4)).toBe(await page(1));
  });

  it('translates fields of action and workshop programmes, and refuses an unknown locale', async () => {
    const result = await cms.graphql(`{
      actionFields(sort: "name:asc") { slug translation(locale: "en") { name fallbackFields } }
      workshops { translation(locale: "en") { title guidingQuestion documentation programme { time title } fallbackFields } }
    }`);
    expect(result.errors).toBeUndefined();
    const fields = Object.fromEntries(
      result.data.actionFields.map((f: { slug: string; translation: unknown }) => [f.slug, f.translation]),
    );
    expect(fields['sprache-und-bildung']).toEqual({ name: 'Language and education', fallbackFields: [] });
    expect(fields['arbeit-und-ausbildung']).toEqual({
      name: 'Arbeit und Ausbildung',
      fallbackFields: ['name'],
    });
    expect(result.data.workshops[0].translation).toEqual({
      title: 'Workshop in the neighbourhood',
      guidingQuestion: 'Was hilft?',
      documentation: '## Dokumentation\n\nText.',
      programme: [{ time: '10:00', title: 'Welcome' }],
      fallbackFields: ['guidingQuestion', 'documentation'],
    });

    // Strapi checks a literal locale itself; one in a variable reaches the field, which refuses it as well.
    const literal = await cms.graphql(`{ projects { translation(locale: "xx") { title } } }`);
    expect(literal.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const unknown = await cms.graphql(
      `query ($locale: I18NLocaleCode!) { projects { translation(locale: $locale) { title } } }`,
      { locale: 'xx' },
    );
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'locale' });
    expect(JSON.stringify(unknown)).not.toMatch(/node_modules|\bat \S+ \(/);
  });

  it('lists each project of a city once, in the default locale, though its English entry links the city too', async () => {
    const result = await cms.graphql(`{ cities(filters: { slug: { eq: "leipzig" } }) {
      projects { documentId locale }
      projects_connection { nodes { documentId } }
      english: projects(filters: { locale: { eq: "en" } }) { documentId locale }
    } }`);
    expect(result.errors).toBeUndefined();
    const [leipzig] = result.data.cities;
    const ids = leipzig.projects.map((p: { documentId: string }) => p.documentId).sort();
    expect(ids).toEqual([data.projects.sprachkurse, data.projects.elterncafe].sort());
    expect(leipzig.projects.every((p: { locale: string }) => p.locale === 'de')).toBe(true);
    expect(leipzig.projects_connection.nodes).toHaveLength(2);
    expect(leipzig.english).toEqual([{ documentId: data.projects.sprachkurse, locale: 'en' }]);
  });

  it('answers its own locale with the entry’s own texts', async () => {
    const result = await cms.graphql(
      `query ($id: ID!) { project(documentId: $id) { translation(locale: "de") { title fallbackFields } } }`,
      { id: data.projects.sprachkurse },
    );
    expect(result.data.project.translation).toEqual({
      title: 'Sprachkurse für Eltern im Quartier',
      fallbackFields: [],
    });
  });
});
