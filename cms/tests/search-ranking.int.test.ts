import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseAvailable, databaseKind, startCms, type TestCms } from './support/cms';

/**
 * How a search ranks: projects with every word first, those with some of the words after them (instead of
 * nothing), and German word forms found the way people type them ("Haus" finds "Häusern").
 */
describe.skipIf(!databaseAvailable)(`project search ranking on ${databaseKind}`, () => {
  let cms: TestCms;

  const project = async (title: string, summary: string, description?: string) => {
    const documents = cms.strapi.documents('api::project.project' as never) as any;
    await documents.create({
      locale: 'de',
      status: 'published',
      data: {
        title,
        slug: title.toLowerCase().replace(/[^a-z]+/g, '-'),
        summary,
        description,
        projectStatus: 'laufend',
        source: 'redaktionell',
      },
    });
  };

  beforeAll(async () => {
    cms = await startCms();
    await project('Schwimmkurse für Frauen', 'Feste Badezeiten nur für Frauen im Stadtteilbad.');
    await project('Sprachkurse am Abend', 'Berufstätige lernen abends Deutsch.');
    await project(
      'Sprachkurse für geflüchtete Frauen',
      'Frauen lernen Deutsch, während ihre Kinder betreut werden.',
    );
    await project(
      'Nachträgliche Mischung im Bestand',
      'Ein Wohnungsunternehmen baut einseitige Konzentrationen in einzelnen Häusern ab.',
    );
    await project(
      'Gärten für alle',
      'Nachbarinnen und Nachbarn gärtnern gemeinsam.',
      'Ohne Kurse und Bäder.',
    );
    // Neither a draft nor another locale's text may be found, whichever of the words it has.
    const documents = cms.strapi.documents('api::project.project' as never) as any;
    await documents.create({
      locale: 'de',
      data: {
        title: 'Sprachkurse für Frauen (Entwurf)',
        slug: 'entwurf',
        summary: 'Frauen, Sprachkurse, Häuser: ein Entwurf.',
        projectStatus: 'laufend',
        source: 'redaktionell',
      },
    });
  });

  afterAll(async () => {
    await cms?.stop();
  });

  const search = async (query: string) => {
    const result = await cms.graphql(
      `query ($query: String!) { searchProjects(query: $query) { total hits { rank excerptHtml project { title } } } }`,
      { query },
    );
    expect(result.errors).toBeUndefined();
    return result.data.searchProjects as {
      total: number;
      hits: { rank: number; excerptHtml: string; project: { title: string } }[];
    };
  };

  it('finds projects with some of the words, ranked below the one with all of them', async () => {
    const found = await search('Sprachkurse Frauen');
    const titles = found.hits.map((hit) => hit.project.title);
    expect(titles[0]).toBe('Sprachkurse für geflüchtete Frauen');
    expect(titles.slice(1).sort()).toEqual(['Schwimmkurse für Frauen', 'Sprachkurse am Abend']);
    expect(found.total).toBe(3);
    expect(titles).not.toContain('Sprachkurse für Frauen (Entwurf)');
    // Every project with both words ranks above every project with one.
    expect(found.hits[0]!.rank).toBeGreaterThan(Math.max(...found.hits.slice(1).map((hit) => hit.rank)));
    expect(Math.floor(found.hits[0]!.rank)).toBe(2);
    expect(found.hits.slice(1).every((hit) => Math.floor(hit.rank) === 1)).toBe(true);
  });

  it('finds a word behind its umlaut plural ("Haus" → "Häusern") and marks it in the excerpt', async () => {
    const found = await search('Haus');
    expect(found.hits.map((hit) => hit.project.title)).toEqual(['Nachträgliche Mischung im Bestand']);
    expect(found.hits[0]!.excerptHtml).toContain('<mark>Häusern</mark>');
    expect((await search('Häuser')).hits.map((hit) => hit.project.title)).toEqual([
      'Nachträgliche Mischung im Bestand',
    ]);
  });

  it('still narrows by filters and finds nothing for stop words alone', async () => {
    const filtered = await cms.graphql(
      `{ searchProjects(query: "Sprachkurse Frauen", filters: { title: { startsWith: "Schwimm" } }) { total nodes { title } } }`,
    );
    expect(filtered.data.searchProjects.nodes).toEqual([{ title: 'Schwimmkurse für Frauen' }]);
    expect((await search('für die und')).total).toBe(0);
    // Search syntax typed into the box is only text.
    expect((await search("Frauen') | !x & <-> :* %_")).hits[0]!.project.title).toMatch(/Frauen/);
  });
});
