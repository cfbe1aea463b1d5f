import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseAvailable, databaseKind, startCms, type TestCms } from './support/cms';

const WORKSHOP_TITLES = [
  'Neue Bewohner in benachteiligten Wohnquartieren – kann die nachträgliche Mischung ein Schritt zu einer besseren Integration im Stadtteil sein?',
  'Stadtteilmanagement im internationalen Quartier – Modelle, Profile, Qualifikation und interkulturelle Kompetenz',
];

describe.skipIf(!databaseAvailable)(`demo content seeded with SEED_DEMO=true on ${databaseKind}`, () => {
  let cms: TestCms;

  beforeAll(async () => {
    cms = await startCms({ SEED_DEMO: 'true' });
  });

  afterAll(async () => {
    await cms?.stop();
  });

  it('publishes fields of action, cities, organisations and at least 67 demo projects', async () => {
    const result = await cms.graphql(`{
      actionFields_connection { pageInfo { total } }
      cities_connection { pageInfo { total } }
      projects_connection(pagination: { pageSize: 100 }) { pageInfo { total } nodes { demo title city { name } actionFields { slug } } }
      organisations(pagination: { pageSize: 100 }) { name kind }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.actionFields_connection.pageInfo.total).toBeGreaterThanOrEqual(12);
    expect(result.data.cities_connection.pageInfo.total).toBeGreaterThanOrEqual(30);
    const projects = result.data.projects_connection;
    expect(projects.pageInfo.total).toBeGreaterThanOrEqual(67);
    expect(projects.nodes.every((p: { demo: boolean }) => p.demo)).toBe(true);
    expect(
      projects.nodes.every(
        (p: { city: unknown; actionFields: unknown[] }) => p.city !== null && p.actionFields.length > 0,
      ),
    ).toBe(true);
    const cities = new Set(projects.nodes.map((p: { city: { name: string } }) => p.city.name));
    expect(cities.size).toBeGreaterThanOrEqual(25);
    const names = result.data.organisations.map((o: { name: string }) => o.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Schader-Stiftung',
        'Deutscher Städtetag',
        'GdW Bundesverband deutscher Wohnungs- und Immobilienunternehmen',
      ]),
    );
  });

  it('gives every city its federal state, population and coordinates', async () => {
    const result = await cms.graphql(
      `{ cities(pagination: { pageSize: 100 }) { name federalState population latitude longitude } }`,
    );
    const cities = result.data.cities as {
      name: string;
      federalState: string;
      population: number;
      latitude: number;
      longitude: number;
    }[];
    expect(new Set(cities.map((c) => c.federalState)).size).toBe(16);
    for (const city of cities) {
      expect(city.population, city.name).toBeGreaterThan(50_000);
      expect(city.latitude, city.name).toBeGreaterThan(47);
      expect(city.latitude, city.name).toBeLessThan(55.1);
      expect(city.longitude, city.name).toBeGreaterThan(5.8);
      expect(city.longitude, city.name).toBeLessThan(15.1);
    }
    expect(cities.find((c) => c.name === 'Leipzig')).toMatchObject({ federalState: 'sachsen' });
  });

  it('has the pilot workshops with their exact titles, programme and venue', async () => {
    const result = await cms.graphql(
      `{ workshops(sort: "number:asc") { number title venue { name city { name } } programme { time title } relatedProjects { title } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.workshops.map((w: { title: string }) => w.title)).toEqual(WORKSHOP_TITLES);
    expect(result.data.workshops[0].venue).toEqual({ name: 'Schader-Forum', city: { name: 'Darmstadt' } });
    expect(result.data.workshops[1].programme.length).toBeGreaterThanOrEqual(4);
    expect(result.data.workshops[0].relatedProjects.length).toBe(3);
  });

  it('has English names for the fields of action', async () => {
    const result = await cms.graphql(
      `{ actionFields(locale: "en", filters: { slug: { eq: "sprache-und-bildung" } }) { name } }`,
    );
    expect(result.data.actionFields).toEqual([{ name: 'Language and education' }]);
  });

  it('does not seed twice', async () => {
    const { seedDemoContent } = await import('../src/features/seed/seed');
    const before = await cms.strapi.db.query('api::project.project').count({});
    expect(await seedDemoContent(cms.strapi)).toBe('not-empty');
    expect(await cms.strapi.db.query('api::project.project').count({})).toBe(before);
  });
});
