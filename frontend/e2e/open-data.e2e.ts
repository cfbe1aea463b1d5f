// Open data, feeds and the developer page as a portal developer, a harvester and a reader meet them — against the
// whole platform, started as `npm start` starts it (demo content), in headless Chromium where a page is read.
import jsonld from 'jsonld';
import { Parser } from 'n3';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, screenshot } from './browser';
import { startPlatform } from './platform';

let platform: Awaited<ReturnType<typeof startPlatform>>;
let chromium: Awaited<ReturnType<typeof launchBrowser>>;
let browser: Browser;

beforeAll(async () => {
  platform = await startPlatform();
  chromium = await launchBrowser();
  browser = chromium.browser;
});

afterAll(async () => {
  await chromium?.close();
  await platform?.close();
});

async function gateway<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${platform.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

const site = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${platform.frontendUrl}${path}`, { headers });

async function bytesOf(response: Response) {
  return new Uint8Array(await response.arrayBuffer());
}

describe('open data exports', () => {
  it('exports every published project as CSV, with a BOM and German characters intact', async () => {
    const { projects_connection } = await gateway<{ projects_connection: { pageInfo: { total: number } } }>(
      `{ projects_connection { pageInfo { total } } }`,
    );
    const total = projects_connection.pageInfo.total;
    expect(total).toBeGreaterThan(0);
    const response = await site('/daten/projekte.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('x-total-count')).toBe(String(total));
    const bytes = await bytesOf(response);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    const records = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(total);
    expect(text).toMatch(/[äöüßÄÖÜ]/);
    expect(text).not.toContain('Ã');
    expect(Object.keys(records[0]!)).toContain('latitude');
    // Nothing of a member, no contact persons' addresses.
    expect(text).not.toMatch(/@[a-z0-9-]+\.[a-z]{2,}/i);
    expect(Object.keys(records[0]!)).not.toContain('submittedBy');
  });

  it('exports JSON and GeoJSON with the licence the editors chose, and workshops, cities and fields as CSV', async () => {
    const json = (await (await site('/daten/projekte.json')).json()) as any;
    expect(json.licence).toMatchObject({
      id: 'dl-by-de/2.0',
      name: 'Datenlizenz Deutschland – Namensnennung – 2.0',
    });
    expect(json.items).toHaveLength(json.total);
    const geo = (await (await site('/daten/projekte.geojson')).json()) as any;
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features).toHaveLength(json.total);
    const located = geo.features.find((f: any) => f.geometry);
    expect(located.geometry.type).toBe('Point');
    const [lon, lat] = located.geometry.coordinates;
    // Germany.
    expect(lon).toBeGreaterThan(5);
    expect(lon).toBeLessThan(16);
    expect(lat).toBeGreaterThan(47);
    expect(lat).toBeLessThan(56);

    const { workshops_connection, cities_connection, actionFields_connection } = await gateway(
      `{ workshops_connection { pageInfo { total } } cities_connection { pageInfo { total } }
         actionFields_connection { pageInfo { total } } }`,
    );
    for (const [file, total] of [
      ['workshops.csv', workshops_connection.pageInfo.total],
      ['staedte.csv', cities_connection.pageInfo.total],
      ['handlungsfelder.csv', actionFields_connection.pageInfo.total],
    ] as const) {
      const response = await site(`/daten/${file}`);
      expect(response.status, file).toBe(200);
      const records = parse(await response.text(), { bom: true, columns: true });
      expect(records, file).toHaveLength(total);
    }
  });

  it('filters by field of action and city, and refuses unknown filters with a plain message', async () => {
    const { actionFields, cities } = await gateway<any>(
      `{ actionFields(pagination: { pageSize: 1 }) { slug } cities(pagination: { pageSize: 1 }) { slug } }`,
    );
    const slug = actionFields[0].slug as string;
    const { projects_connection } = await gateway<any>(
      `query($slug: String!) { projects_connection(filters: { actionFields: { slug: { eq: $slug } } }) { pageInfo { total } } }`,
      { slug },
    );
    const filtered = await site(`/daten/projekte.json?feld=${slug}`);
    expect(filtered.status).toBe(200);
    expect(((await filtered.json()) as any).total).toBe(projects_connection.pageInfo.total);
    const semicolon = await site(`/daten/projekte.csv?stadt=${cities[0].slug}&trennzeichen=semikolon`);
    expect(semicolon.status).toBe(200);
    expect((await semicolon.text()).split('\r\n')[0]).toContain('documentId;url;title');

    for (const [path, status, words] of [
      ['/daten/projekte.csv?sortierung=neu', 400, /Unbekannter Parameter „sortierung“/],
      ['/daten/projekte.csv?feld=gibt-es-nicht', 404, /Handlungsfeld „gibt-es-nicht“ gibt es nicht/],
      ['/daten/projekte.csv?stadt=%3Cscript%3E', 400, /Kurznamen/],
      ['/daten/projekte.csv?feld=a&feld=b', 400, /nur einmal/],
      ['/daten/staedte.csv?feld=x', 400, /keine Filter/],
      ['/daten/projekte.csv?trennzeichen=tab', 400, /Trennzeichen/],
      ['/daten/mitglieder.csv', 404, /Diese Datei gibt es nicht/],
      ['/daten/handlungsfelder.geojson', 404, /Diese Datei gibt es nicht/],
    ] as const) {
      const response = await site(path);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('content-type'), path).toMatch(/^text\/plain/);
      const body = await response.text();
      expect(body, path).toMatch(words);
      expect(body, path).not.toContain('<');
    }
  });
});

describe('DCAT-AP.de catalogue', () => {
  it('serves JSON-LD that expands to a catalogue of every export, and the same graph as Turtle', async () => {
    const response = await site('/daten/katalog.jsonld');
    expect(response.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    // Flattened: every node at the top, the distributions inside their datasets too.
    const flat = (await jsonld.flatten((await response.json()) as jsonld.JsonLdDocument)) as any;
    const expanded = (flat['@graph'] ?? flat) as any[];
    const distributions = expanded.filter((n) =>
      n['@type']?.includes('http://www.w3.org/ns/dcat#Distribution'),
    );
    const urls = distributions.map((d) => d['http://www.w3.org/ns/dcat#accessURL'][0]['@id'] as string);
    expect(urls).toContain(`${platform.frontendUrl}/daten/projekte.csv`);
    expect(urls).toContain(`${platform.frontendUrl}/daten/workshops.csv`);
    for (const url of urls) expect((await fetch(url)).status, url).toBe(200);
    const projects = expanded.find((n) => n['@id'] === `${platform.frontendUrl}/daten#projekte`);
    expect(projects['http://purl.org/dc/terms/modified'][0]['@value']).toMatch(/^\d{4}-\d\d-\d\dT/);

    const turtle = await (await site('/daten/katalog.ttl')).text();
    const quads = new Parser({ format: 'text/turtle' }).parse(turtle);
    expect(quads.some((q) => q.object.value === 'http://dcat-ap.de/def/licenses/dl-by-de/2.0')).toBe(true);
  });

  it('explains the data on /daten in German and English, without JavaScript, and passes axe', async () => {
    const { page } = await newPage(browser, platform.frontendUrl, { javaScriptEnabled: false });
    await page.goto('/daten');
    expect(await page.locator('h1').textContent()).toBe('Offene Daten');
    expect(await page.locator('a[rel="license"]').textContent()).toBe(
      'Datenlizenz Deutschland – Namensnennung – 2.0',
    );
    expect(await page.locator('a[href="/daten/projekte.geojson"]').count()).toBe(1);
    expect(await page.locator('footer a[href="/daten"]').count()).toBe(1);
    await screenshot(page, 'open-data-de');
    const { page: withJs } = await newPage(browser, platform.frontendUrl);
    await withJs.goto('/daten');
    expect(await axeViolations(withJs)).toEqual([]);
    await withJs.context().addCookies([{ name: 'stadtnetz_lang', value: 'en', url: platform.frontendUrl }]);
    await withJs.goto('/daten');
    expect(await withJs.locator('h1').textContent()).toBe('Open data');
    expect(await axeViolations(withJs)).toEqual([]);
  });
});

describe("the web's own conventions", () => {
  it('describes a workshop as a schema.org Event and a project as a Project, with Open Graph tags', async () => {
    const { workshops, projects } = await gateway<any>(
      `{ workshops(sort: "number:asc") { documentId title startsAt endsAt } projects(pagination: { pageSize: 1 }) { documentId title summary } }`,
    );
    const { page } = await newPage(browser, platform.frontendUrl, { javaScriptEnabled: false });
    const workshop = workshops[0];
    await page.goto(`/workshops/${workshop.documentId}`);
    const events = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((t) =>
      JSON.parse(t),
    );
    const event = events.find((e) => e['@type'] === 'Event');
    expect(event).toMatchObject({
      '@context': 'https://schema.org',
      name: workshop.title,
      startDate: workshop.startsAt,
      endDate: workshop.endsAt,
      eventStatus: 'https://schema.org/EventScheduled',
      location: { '@type': 'Place' },
      offers: { '@type': 'Offer' },
    });
    expect(event.offers.url).toMatch(/^https?:\/\//);
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBe(workshop.title);
    expect(
      await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href'),
    ).toBe('/feeds/workshops.atom');

    const project = projects[0];
    await page.goto(`/projekte/${project.documentId}`);
    const data = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((t) =>
      JSON.parse(t),
    );
    expect(data.find((d) => d['@type'] === 'Project')).toMatchObject({ name: project.title });
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBe(project.title);
    expect(await page.locator('meta[property="og:description"]').getAttribute('content')).toBe(
      project.summary.replace(/\s+/g, ' ').trim().slice(0, 300),
    );
    expect(await page.locator('meta[property="og:url"]').getAttribute('content')).toBe(
      `${platform.frontendUrl}/projekte/${project.documentId}`,
    );
  });

  it('serves Atom feeds of new projects (all, per city, per field), workshops and forum categories, linked from their pages', async () => {
    const { cities, actionFields, categories, projects_connection } = await gateway<any>(
      `{ cities(pagination: { pageSize: 1 }) { slug name } actionFields(pagination: { pageSize: 1 }) { slug }
         categories { slug name } projects_connection { pageInfo { total } } }`,
    );
    const { page } = await newPage(browser, platform.frontendUrl, { javaScriptEnabled: false });
    const pages = [
      ['/projekte', '/feeds/projekte.atom'],
      [`/staedte/${cities[0].slug}`, `/feeds/staedte/${cities[0].slug}.atom`],
      [`/handlungsfelder/${actionFields[0].slug}`, `/feeds/handlungsfelder/${actionFields[0].slug}.atom`],
      ['/workshops', '/feeds/workshops.atom'],
      [`/forum/${categories[0].slug}`, `/feeds/forum/${categories[0].slug}.atom`],
    ] as const;
    for (const [path, feed] of pages) {
      await page.goto(path);
      expect(
        await page.locator(`link[rel="alternate"][type="application/atom+xml"][href="${feed}"]`).count(),
        path,
      ).toBe(1);
      const response = await site(feed);
      expect(response.status, feed).toBe(200);
      expect(response.headers.get('content-type'), feed).toMatch(/^application\/atom\+xml/);
      const xml = await response.text();
      // Well-formed XML, as the browser's parser reads it.
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        return {
          error: doc.getElementsByTagName('parsererror').length,
          root: doc.documentElement.namespaceURI,
          entries: doc.getElementsByTagName('entry').length,
        };
      }, xml);
      expect(parsed, feed).toMatchObject({ error: 0, root: 'http://www.w3.org/2005/Atom' });
      if (feed === '/feeds/projekte.atom')
        expect(parsed.entries).toBe(Math.min(50, projects_connection.pageInfo.total));
    }
    for (const [path, status] of [
      ['/feeds/staedte/nirgendwo.atom', 404],
      ['/feeds/forum/gibt-es-nicht.atom', 404],
      ['/feeds/projekte.atom?stadt=x', 400],
    ] as const) {
      const response = await site(path);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('content-type'), path).toMatch(/^text\/plain/);
    }
  });

  it('lists every public page in sitemap.xml and points robots there', async () => {
    const { projects_connection, workshops } = await gateway<any>(
      `{ projects_connection(pagination: { pageSize: 100 }) { pageInfo { total } nodes { documentId } } workshops { documentId } }`,
    );
    const xml = await (await site('/sitemap.xml')).text();
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(locs.filter((l) => /\/projekte\/[^/]+$/.test(l))).toHaveLength(projects_connection.pageInfo.total);
    for (const w of workshops) expect(locs).toContain(`${platform.frontendUrl}/workshops/${w.documentId}`);
    expect(locs).toContain(`${platform.frontendUrl}/daten`);
    const robots = await (await site('/robots.txt')).text();
    expect(robots).toContain(`Sitemap: ${platform.frontendUrl}/sitemap.xml`);
    expect(robots).toContain('Disallow: /vorschau/');
  });
});

describe('the developer page', () => {
  it('explains keys, rate limits, paging, mirroring and errors without JavaScript, in German and English', async () => {
    const { page, context } = await newPage(browser, platform.frontendUrl, { javaScriptEnabled: false });
    await page.goto('/api');
    expect(await page.locator('h1').textContent()).toBe('Schnittstelle für Portale');
    const text = (await page.locator('main').textContent())!;
    for (const words of [
      'x-api-key',
      'X-RateLimit-Remaining',
      'Retry-After',
      'pageInfo',
      'updatedAt',
      'RATE_LIMITED',
      'curl',
    ]) {
      expect(text, words).toContain(words);
    }
    expect(text).toContain(`${platform.gatewayUrl}/graphql`);
    expect(await page.locator('noscript').count()).toBe(1);
    await context.addCookies([{ name: 'stadtnetz_lang', value: 'en', url: platform.frontendUrl }]);
    await page.goto('/api');
    expect(await page.locator('h1').textContent()).toBe('API for portals');
    expect(await page.locator('main').textContent()).toContain('Mirroring changes');
  });

  it('runs a query in the embedded GraphiQL, loaded from this site only (no CDN)', async () => {
    const { page } = await newPage(browser, platform.frontendUrl);
    const hosts = new Set<string>();
    page.on('request', (request) => hosts.add(new URL(request.url()).host));
    await page.goto('/api');
    await page.locator('.graphiql-container').waitFor({ timeout: 60_000 });
    // The default query is in the editor once Monaco is up; a click before that runs nothing, so wait for it, and
    // on a loaded machine click again if no answer came.
    await page.waitForFunction(
      () => /NeuesteProjekte/.test(document.querySelector('.graphiql-container')?.textContent ?? ''),
      undefined,
      { timeout: 60_000 },
    );
    const answered = () =>
      page.waitForFunction(
        // The answer is in the result editor (Monaco splits it into many spans: read the whole text).
        () =>
          /projects_connection[\s\S]*total/.test(document.querySelector('.result-window')?.textContent ?? ''),
        undefined,
        { timeout: 20_000 },
      );
    for (let attempt = 1; ; attempt++) {
      await page.locator('.graphiql-execute-button').click();
      try {
        await answered();
        break;
      } catch (error) {
        if (attempt === 3) {
          const shown = await page.locator('.result-window').textContent();
          throw new Error(`no answer in GraphiQL after 3 runs; the result window shows: ${shown}`, {
            cause: error,
          });
        }
      }
    }
    await screenshot(page, 'api-graphiql');
    // The page and the explorer in it: WCAG 2.0/2.1 A and AA. One finding is GraphiQL's own and stays: its tabs hold
    // their close button inside the tab element (nested-interactive), which only GraphiQL can change.
    const violations = await axeViolations(page);
    expect(
      violations.filter(
        (v) => !(v.id === 'nested-interactive' && v.nodes.every((n) => n.includes('graphiql-tab'))),
      ),
    ).toEqual([]);
    const allowed = [new URL(platform.frontendUrl).host, new URL(platform.gatewayUrl).host];
    for (const host of hosts) if (host) expect(allowed, host).toContain(host);
  });
});

describe('reflow of the new pages (WCAG 1.4.10)', () => {
  it('never scrolls /daten and /api sideways at 320 px, the explorer included', async () => {
    const { page } = await newPage(browser, platform.frontendUrl);
    await page.setViewportSize({ width: 320, height: 800 });
    for (const path of ['/daten', '/api']) {
      await page.goto(path);
      if (path === '/api') await page.locator('.graphiql-container').waitFor({ timeout: 60_000 });
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      expect(scrollWidth, path).toBeLessThanOrEqual(innerWidth);
      await screenshot(page, `open-data-320${path.replace('/', '-')}`);
    }
  });
});

describe('portals: paging and mirroring through the gateway', () => {
  it('serves the forum’s connections with totalCount beside the deprecated lists', async () => {
    const data = await gateway<any>(`{
      threads(first: 1) { totalCount nodes { id } }
      searchConnection(query: "Sprache", first: 1) { totalCount pageInfo { hasNextPage } }
      projects(pagination: { pageSize: 2 }) { discussionsConnection(first: 1) { totalCount } discussions(first: 1) { id } }
      cities(pagination: { pageSize: 1 }) { membersConnection(first: 1) { totalCount } memberCount }
    }`);
    expect(data.threads.totalCount).toBeGreaterThanOrEqual(data.threads.nodes.length);
    expect(typeof data.searchConnection.totalCount).toBe('number');
    for (const project of data.projects)
      expect(project.discussionsConnection.totalCount).toBeGreaterThanOrEqual(project.discussions.length);
    expect(data.cities[0].membersConnection.totalCount).toBe(data.cities[0].memberCount);
  });

  it('keeps a copy in sync with the guide’s own loop: updatedSince, then removedDocuments after an editor unpublishes', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { jsPaging } = await import('../src/routes/api/examples');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'guide-')), 'sync.mjs');
    writeFileSync(file, jsPaging(`${platform.gatewayUrl}/graphql`));
    const { sync } = (await import(file)) as {
      sync: (copy: Map<string, any>, since?: string | null) => Promise<string>;
    };
    const copy = new Map<string, any>();
    const firstRun = await sync(copy);
    const { projects_connection } = await gateway<any>('{ projects_connection { pageInfo { total } } }');
    expect(copy.size).toBe(projects_connection.pageInfo.total);

    // The whole-table file: built once, then served as a file with an ETag, and a 304 for a portal that has it.
    const documentIds = async (response: Response) =>
      (parse(await response.text(), { bom: true, columns: true }) as { documentId: string }[]).map(
        (record) => record.documentId,
      );
    // (A file built within seconds of a change is built once more: the website and the CMS may disagree on the time.)
    const source = async () => {
      const response = await site('/daten/projekte.csv');
      await response.arrayBuffer();
      return response.headers.get('x-export');
    };
    await expect.poll(source, { timeout: 30_000, interval: 2_000 }).toBe('file');
    const kept = await site('/daten/projekte.csv');
    expect(kept.headers.get('x-export')).toBe('file');
    const etag = kept.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect(await documentIds(kept)).toHaveLength(copy.size);
    const unchanged = await site('/daten/projekte.csv', { 'if-none-match': etag });
    expect(unchanged.status).toBe(304);

    // The editor withdraws one project in the Strapi admin.
    const login = await fetch(`${platform.platform.urls.cms}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(platform.platform.editor),
    });
    const token = ((await login.json()) as any).data.token as string;
    const [withdrawn] = [...copy.keys()];
    const unpublish = await fetch(
      `${platform.platform.urls.cms}/content-manager/collection-types/api::project.project/${withdrawn}/actions/unpublish?locale=de`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      },
    );
    expect(unpublish.status).toBe(200);
    await sync(copy, firstRun);
    expect(copy.has(withdrawn!)).toBe(false);
    expect(copy.size).toBe(projects_connection.pageInfo.total - 1);
    // The kept file is stale now: the same portal gets the new table, without the withdrawn project.
    const afterUnpublish = await site('/daten/projekte.csv', { 'if-none-match': etag });
    expect(afterUnpublish.status).toBe(200);
    expect(afterUnpublish.headers.get('x-export')).toBe('built');
    const remaining = await documentIds(afterUnpublish);
    expect(remaining).toHaveLength(copy.size);
    expect(remaining).not.toContain(withdrawn);
    // Published again: back on the next run.
    const secondRun = new Date(Date.now() - 1000).toISOString();
    const publish = await fetch(
      `${platform.platform.urls.cms}/content-manager/collection-types/api::project.project/${withdrawn}/actions/publish?locale=de`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      },
    );
    expect(publish.status).toBe(200);
    await sync(copy, secondRun);
    expect(copy.has(withdrawn!)).toBe(true);
    expect(await documentIds(await site('/daten/projekte.csv'))).toContain(withdrawn);
  });
});

describe('portals: live publications', () => {
  it('tells a subscriber of one city through the gateway when an editor publishes a project there', async () => {
    const { createClient } = await import('graphql-ws');
    const { default: WebSocket } = await import('ws');
    const { projects } = await gateway<any>(
      '{ projects(pagination: { pageSize: 10 }) { documentId title city { documentId name } } }',
    );
    const project = projects.find((p: any) => p.city);
    const client = createClient({
      url: `${platform.gatewayUrl.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const received: any[] = [];
    let connected!: () => void;
    const ready = new Promise<void>((resolve) => (connected = resolve));
    client.on('connected', () => connected());
    const unsubscribe = client.subscribe(
      {
        query: `subscription ($city: ID) { contentPublished(cityId: $city, types: [PROJECT]) {
          type documentId kind project { title city { name } } } }`,
        variables: { city: project.city.documentId },
      },
      {
        next: (event) => received.push(event),
        error: (error) => received.push({ error }),
        complete: () => {},
      },
    );
    await ready;
    await new Promise((resolve) => setTimeout(resolve, 300));

    const cms = platform.platform.urls.cms;
    const login = await fetch(`${cms}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(platform.platform.editor),
    });
    const headers = {
      authorization: `Bearer ${((await login.json()) as any).data.token}`,
      'content-type': 'application/json',
    };
    const base = `${cms}/content-manager/collection-types/api::project.project/${project.documentId}/actions`;
    expect((await fetch(`${base}/unpublish?locale=de`, { method: 'POST', headers, body: '{}' })).status).toBe(
      200,
    );
    expect((await fetch(`${base}/publish?locale=de`, { method: 'POST', headers, body: '{}' })).status).toBe(
      200,
    );
    const until = Date.now() + 10_000;
    while (received.length === 0 && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 50));
    unsubscribe();
    await client.dispose();
    expect(received[0]?.data?.contentPublished).toEqual({
      type: 'PROJECT',
      documentId: project.documentId,
      kind: 'NEW',
      project: { title: project.title, city: { name: project.city.name } },
    });
  });
});
