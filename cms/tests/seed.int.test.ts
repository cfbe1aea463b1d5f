import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CMS_DIR, databaseAvailable, databaseKind, startCms, type TestCms } from './support/cms';

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
    // The pilot's two come first; the series goes on with the upcoming workshop (see below).
    expect(result.data.workshops.map((w: { title: string }) => w.title).slice(0, 2)).toEqual(WORKSHOP_TITLES);
    expect(result.data.workshops[0].venue).toEqual({ name: 'Schader-Forum', city: { name: 'Darmstadt' } });
    expect(result.data.workshops[1].programme.length).toBeGreaterThanOrEqual(4);
    expect(result.data.workshops[0].relatedProjects.length).toBe(3);
  });

  it('starts every workshop when its programme starts, in Berlin time (summer and winter)', async () => {
    const result = await cms.graphql(
      `{ workshops(sort: "number:asc") { number startsAt endsAt programme { time } registration { deadline } } }`,
    );
    const berlin = (iso: string) =>
      new Intl.DateTimeFormat('de-DE', {
        timeZone: 'Europe/Berlin',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(iso));
    const dayInBerlin = (iso: string) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(iso));
    for (const workshop of result.data.workshops) {
      expect(berlin(workshop.startsAt), `workshop ${workshop.number}`).toBe(workshop.programme[0].time);
    }
    // March (CET, UTC+1) and June (CEST, UTC+2): the same 10:00 on the clock, different instants.
    expect(result.data.workshops[0].startsAt).toBe('2026-03-19T09:00:00.000Z');
    expect(result.data.workshops[1].startsAt).toBe('2026-06-18T08:00:00.000Z');
    expect(berlin(result.data.workshops[0].endsAt)).toBe('16:30');
    // A deadline "until the 4th of June" ends on the 4th in Berlin, not at 1:59 on the 5th.
    expect(dayInBerlin(result.data.workshops[1].registration.deadline)).toBe('2026-06-04');
    expect(berlin(result.data.workshops[1].registration.deadline)).toBe('23:59');
  });

  it("gives the pilot's workshops documentation files in the media library: real PDFs", async () => {
    const result = await cms.graphql(
      `{ workshops(sort: "number:asc") { number documentationFiles { name ext mime size url } } }`,
    );
    expect(result.errors).toBeUndefined();
    const [first, second] = result.data.workshops;
    for (const workshop of [first, second]) {
      expect(workshop.documentationFiles.length, `workshop ${workshop.number}`).toBeGreaterThanOrEqual(2);
      for (const file of workshop.documentationFiles) {
        expect(file).toMatchObject({ ext: '.pdf', mime: 'application/pdf' });
        expect(file.name).toMatch(/\.pdf$/);
        expect(file.size).toBeGreaterThan(0.5);
        const bytes = readFileSync(path.join(CMS_DIR, 'public', file.url));
        expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
        expect(bytes.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
        // The cross-reference table points at the objects (a reader finds them).
        const text = bytes.toString('latin1');
        const xref = Number(/startxref\n(\d+)/.exec(text)![1]);
        expect(text.slice(xref, xref + 4)).toBe('xref');
        const firstObject = Number(/\n0000000000 65535 f \n(\d{10})/.exec(text)![1]);
        expect(text.slice(firstObject, firstObject + 7)).toBe('1 0 obj');
        // Strapi keeps sizes in kilobytes (1000 bytes), rounded to two places.
        expect(Math.abs(bytes.length / 1000 - file.size)).toBeLessThanOrEqual(0.005);
      }
    }
    expect(first.documentationFiles.map((f: { name: string }) => f.name)).toContain(
      'Protokoll Werkstatt 1.pdf',
    );
    // The media library lists them as files of the workshops.
    const files = await cms.strapi.db
      .query('plugin::upload.file')
      .findMany({ where: { mime: 'application/pdf' } });
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it('adds an upcoming workshop, six weeks after the day of seeding, open for registration with a small capacity', async () => {
    const now = new Date();
    const result = await cms.graphql(
      `query($now: DateTime) { workshops(filters: { startsAt: { gte: $now } }, sort: "startsAt:asc") { number title startsAt venue { name city { name } } registration { open capacity deadline } programme { time } } }`,
      { now: now.toISOString() },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.workshops).toHaveLength(1);
    const [next] = result.data.workshops;
    expect(next.number).toBe(3);
    const days = (new Date(next.startsAt).getTime() - now.getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(40);
    expect(days).toBeLessThan(43);
    expect(next.registration.open).toBe(true);
    expect(next.registration.capacity).toBeGreaterThan(0);
    expect(next.registration.capacity).toBeLessThanOrEqual(20);
    expect(new Date(next.registration.deadline).getTime()).toBeGreaterThan(now.getTime());
    expect(new Date(next.registration.deadline).getTime()).toBeLessThan(new Date(next.startsAt).getTime());
    expect(next.venue.city.name).toBe('Leipzig');
  });

  it('has English names for the fields of action', async () => {
    const result = await cms.graphql(
      `{ actionFields(locale: "en", filters: { slug: { eq: "sprache-und-bildung" } }) { name } }`,
    );
    expect(result.data.actionFields).toEqual([{ name: 'Language and education' }]);
  });

  it('has English for the fields of action, the pilot workshops and some projects, German where it has none', async () => {
    const result = await cms.graphql(`{
      workshops(sort: "number:asc") { translation(locale: "en") { title programme { title } fallbackFields } }
      actionFields(pagination: { pageSize: 100 }) { translation(locale: "en") { name description fallbackFields } }
      projects(pagination: { pageSize: 100 }) { translation(locale: "en") { title fallbackFields } }
    }`);
    expect(result.errors).toBeUndefined();
    // The two pilot workshops; the next one (seeded six weeks ahead) is German only.
    const workshops = result.data.workshops.slice(0, 2).map((w: any) => w.translation);
    expect(workshops[0].title).toMatch(/^New residents in disadvantaged neighbourhoods/);
    expect(workshops[1].title).toMatch(/^Neighbourhood management/);
    expect(workshops.every((w: any) => w.fallbackFields.length === 0 && w.programme.length >= 4)).toBe(true);
    expect(result.data.actionFields.every((f: any) => f.translation.fallbackFields.length === 0)).toBe(true);
    const projects = result.data.projects.map((p: any) => p.translation);
    const english = projects.filter((p: any) => !p.fallbackFields.includes('title'));
    expect(english.length).toBeGreaterThanOrEqual(5);
    expect(english.map((p: any) => p.title)).toContain('Language classes for parents in the neighbourhood');
    // Most demo projects stay German only: their titles are the German ones, named as fallbacks.
    expect(projects.length - english.length).toBeGreaterThan(50);
  });

  it('adds missing English localisations of demo content to a database seeded before, once', async () => {
    const { seedDemoContent } = await import('../src/features/seed/seed');
    const projects = cms.strapi.documents('api::project.project') as any;
    const german = await projects.findFirst({
      locale: 'de',
      status: 'published',
      filters: { title: 'Stadtteilmütter im Norden' },
    });
    await projects.delete({ documentId: german.documentId, locale: 'en' });
    const english = () =>
      cms.strapi.db
        .query('api::project.project')
        .count({ where: { documentId: german.documentId, locale: 'en' } });
    expect(await english()).toBe(0);
    expect(await seedDemoContent(cms.strapi)).toBe('not-empty');
    expect(await english()).toBe(2); // draft and published
    expect(await seedDemoContent(cms.strapi)).toBe('not-empty');
    expect(await english()).toBe(2);
  });

  it('does not seed twice', async () => {
    const { seedDemoContent } = await import('../src/features/seed/seed');
    const before = await cms.strapi.db.query('api::project.project').count({});
    expect(await seedDemoContent(cms.strapi)).toBe('not-empty');
    expect(await cms.strapi.db.query('api::project.project').count({})).toBe(before);
  });
});

describe.skipIf(!databaseAvailable)(`a demo seed that fails half-way on ${databaseKind}`, () => {
  let cms: TestCms;
  beforeAll(async () => {
    cms = await startCms({ SEED_DEMO: 'false' });
  });
  afterAll(() => cms?.stop());

  it('leaves no half-seeded database behind: the next start seeds it whole', async () => {
    // Before the seed was one transaction, the projects written before the failure stayed, and every later
    // start found the database "not empty" and never seeded the rest.
    const { seedDemoContent } = await import('../src/features/seed/seed');
    let failing = true;
    cms.strapi.documents.use(async (context, next) => {
      if (failing && context.uid === 'api::workshop.workshop' && context.action === 'create')
        throw new Error('the disk is full');
      return next();
    });
    await expect(seedDemoContent(cms.strapi)).rejects.toThrow('the disk is full');
    const count = (uid: 'api::project.project' | 'api::city.city' | 'api::workshop.workshop') =>
      cms.strapi.db.query(uid).count({});
    expect([await count('api::project.project'), await count('api::city.city')]).toEqual([0, 0]);

    failing = false;
    expect(await seedDemoContent(cms.strapi)).toBe('seeded');
    expect(await count('api::project.project')).toBeGreaterThanOrEqual(2 * 67); // draft and published rows
    expect(await count('api::workshop.workshop')).toBeGreaterThanOrEqual(2 * 3);
  }, 120_000);
});
