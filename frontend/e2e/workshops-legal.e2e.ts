// Workshops as readers meet them, the pages a German public platform must have, and the preview of drafts —
// in headless Chromium against the whole platform, started as `npm start` starts it.
import { createHmac } from 'node:crypto';
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
  return ((await response.json()) as { data: T }).data;
}

async function workshopIds() {
  const data = await gateway<{ workshops: { documentId: string; number: number }[] }>(
    `{ workshops(sort: "number:asc") { documentId number } }`,
  );
  return data.workshops;
}

const WIDTHS = [1366, 390] as const;

describe('workshops', () => {
  it('starts at the time the programme starts, on the page and in the calendar', async () => {
    const [first, second] = await workshopIds();
    const { page, context } = await newPage(browser, platform.frontendUrl);
    await page.goto(`/workshops/${first!.documentId}`);
    const firstItem = (await page.locator('table th[scope="row"]').first().textContent())!.trim();
    expect(firstItem).toBe('10:00');
    // A one-day workshop names its date once, then the hours (ICU's spaces vary between runtimes).
    const dateOnPage = async () =>
      (await page.locator('dl.facts dd').first().textContent())!.replace(/\s+/gu, ' ').trim();
    expect(await dateOnPage()).toBe('19. März 2026, 10:00–16:30 Uhr');
    await page.goto(`/workshops/${second!.documentId}`);
    expect(await dateOnPage()).toMatch(/^18\. Juni 2026, 10:00–\d\d:\d\d Uhr$/u);
    const ics = await (await fetch(`${platform.frontendUrl}/workshops/${first!.documentId}/ical`)).text();
    // 10:00 in Berlin in March is 09:00 UTC (and 08:00 UTC in June).
    expect(ics).toContain('DTSTART:20260319T090000Z');
    expect(ics).toContain('X-WR-TIMEZONE:Europe/Berlin');
    const series = await (await fetch(`${platform.frontendUrl}/workshops/ical`)).text();
    expect(series).toContain('DTSTART:20260618T080000Z');
    await context.close();
  });

  it('says registration is closed for a past workshop, and open until its deadline for the next one', async () => {
    const workshops = await workshopIds();
    for (const width of WIDTHS) {
      const { page, context } = await newPage(browser, platform.frontendUrl);
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/workshops/${workshops[1]!.documentId}`);
      const facts = (await page.locator('aside').textContent())!;
      expect(facts).toContain('Anmeldung geschlossen');
      expect(facts).not.toContain('Anmeldung offen');
      expect(facts).not.toContain('bis 5. Juni');
      await screenshot(page, `workshop-past-${width}`);
      await page.goto(`/workshops/${workshops[2]!.documentId}`);
      const next = (await page.getByTestId('signup-seats').textContent())!;
      expect(next).toMatch(/Anmeldung offen\s+bis \d{1,2}\. \p{L}+ 20\d\d/u);
      expect(next).toContain('Noch 3 von 3 Plätzen frei');
      await screenshot(page, `workshop-upcoming-${width}`);
      await page.goto('/workshops');
      const cards = page.locator('main .card');
      expect(await cards.nth(1).textContent()).toContain('Anmeldung geschlossen');
      expect(await cards.nth(2).textContent()).toContain('Anmeldung offen');
      await context.close();
    }
  });

  it('lists the documentation files with type and size, and they download as PDFs', async () => {
    const [first] = await workshopIds();
    const { page, context } = await newPage(browser, platform.frontendUrl);
    await page.goto(`/workshops/${first!.documentId}`);
    const downloads = page.getByRole('heading', { name: 'Downloads' });
    await downloads.waitFor();
    const items = page.locator('section[aria-labelledby="doku"] ul li');
    expect(await items.count()).toBeGreaterThanOrEqual(2);
    const firstItem = (await items.first().textContent())!.replace(/\s+/g, ' ');
    expect(firstItem).toMatch(/Protokoll Werkstatt 1 \(PDF, \d+,\d kB\)/);
    const href = await items.first().locator('a').getAttribute('href');
    expect(href).toMatch(/^\/uploads\/[\w-]+\.pdf$/);
    const file = await fetch(`${platform.frontendUrl}${href}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('application/pdf');
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const download = await Promise.all([page.waitForEvent('download'), items.first().locator('a').click()]);
    expect(download[0].suggestedFilename()).toBe('Protokoll Werkstatt 1.pdf');
    expect((await fetch(`${platform.frontendUrl}/uploads/..%2Fpackage.json`)).status).toBe(404);
    await screenshot(page, 'workshop-documentation');
    await context.close();
  });

  it('shows the upcoming workshop on the home page', async () => {
    const { page, context } = await newPage(browser, platform.frontendUrl);
    await page.goto('/');
    const section = page.locator('section[aria-labelledby="workshop"]');
    expect(await section.textContent()).toContain('Ankommen im Quartier');
    expect(await section.textContent()).not.toContain('Kein');
    await section.getByRole('link', { name: /Ankommen im Quartier/ }).click();
    await page.waitForURL(/\/workshops\/[a-z0-9]+$/);
    expect(await page.locator('h1').textContent()).toContain('Ankommen im Quartier');
    await context.close();
  });

  it('answers an unknown workshop calendar with a German page, not a message key', async () => {
    const response = await fetch(`${platform.frontendUrl}/workshops/gibtesnicht/ical`);
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(text).not.toContain('error.notFound');
    expect(text).toContain('Diese Seite gibt es nicht (mehr).');
    const { page, context } = await newPage(browser, platform.frontendUrl);
    await page.goto('/workshops/gibtesnicht/ical');
    expect(await page.locator('h1').textContent()).toBe('Fehler 404');
    await context.close();
  });
});

describe("the site's own pages", () => {
  const PAGES = [
    ['Impressum', '/impressum', 'Impressum', /§ 5 Digitale-Dienste-Gesetz/],
    ['Datenschutz', '/datenschutz', 'Datenschutzerklärung', /Art\. 13 DSGVO/],
    ['Erklärung zur Barrierefreiheit', '/barrierefreiheit', 'Erklärung zur Barrierefreiheit', /BITV 2\.0/],
    ['Leichte Sprache', '/leichte-sprache', 'Leichte Sprache', /Internet-Seite/],
  ] as const;

  it('are linked from every page’s footer, say they are placeholders, and pass axe at 1366 and 390 px', async () => {
    for (const width of WIDTHS) {
      const { page, context } = await newPage(browser, platform.frontendUrl);
      await page.setViewportSize({ width, height: 900 });
      for (const start of ['/', '/projekte', '/workshops', '/forum']) {
        await page.goto(start);
        const footer = page.locator('footer');
        for (const [link, path] of PAGES)
          expect(
            await footer.getByRole('link', { name: link, exact: true }).getAttribute('href'),
            start,
          ).toBe(path);
      }
      for (const [link, path, heading, law] of PAGES) {
        await page.goto('/');
        await page.locator('footer').getByRole('link', { name: link, exact: true }).click();
        await page.waitForURL(new RegExp(`${path}$`));
        expect(await page.locator('h1').textContent()).toBe(heading);
        const text = (await page.locator('main').textContent())!;
        expect(text).toContain('PLATZHALTER');
        if (path !== '/leichte-sprache') expect(text).toMatch(law);
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, `page${path.replace('/', '-')}-${width}`);
      }
      await context.close();
    }
  });

  it('are in English for English readers (Leichte Sprache stays German)', async () => {
    const { page, context } = await newPage(browser, platform.frontendUrl);
    await context.addCookies([{ name: 'stadtnetz_lang', value: 'en', url: platform.frontendUrl }]);
    await page.goto('/impressum');
    expect(await page.locator('h1').textContent()).toBe('Legal notice');
    expect(await page.locator('footer').getByRole('link', { name: 'Privacy' }).count()).toBe(1);
    await page.goto('/leichte-sprache');
    expect(await page.locator('h1').textContent()).toBe('Leichte Sprache');
    expect(await page.locator('article').getAttribute('lang')).toBe('de');
    await context.close();
  });

  it('take a report of a barrier, which arrives in the CMS for the editors', async () => {
    const { page, context } = await newPage(browser, platform.frontendUrl);
    await page.goto('/projekte');
    await page.locator('footer').getByRole('link', { name: 'Barriere melden' }).click();
    await page.waitForURL(/\/barrierefreiheit\?seite=%2Fprojekte#feedback/);
    expect(await page.getByLabel('Seite, auf der die Barriere ist').inputValue()).toBe('/projekte');
    // Too short: the message says so beside the field, nothing is sent.
    await page.getByLabel('Was funktioniert nicht?').fill('kurz');
    await page.getByRole('button', { name: 'Meldung senden' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('mindestens 10 Zeichen');
    const message = `Der Filter „Stadt“ lässt sich mit der Tastatur nicht öffnen (${Date.now()}).`;
    await page.getByLabel('Was funktioniert nicht?').fill(message);
    await page.getByLabel('Ihre E-Mail-Adresse').fill('leserin@example.org');
    await page.getByRole('button', { name: 'Meldung senden' }).click();
    await page.getByRole('status').filter({ hasText: 'Vielen Dank' }).waitFor();
    const reference = /BF-[0-9A-F]{8}/.exec(
      (await page.getByRole('status').filter({ hasText: 'Vielen Dank' }).textContent())!,
    )![0];
    await screenshot(page, 'feedback-sent');

    // The editor finds it in the admin's content manager.
    const login = await fetch(`${platform.platform.urls.cms}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(platform.platform.editor),
    });
    const token = ((await login.json()) as { data: { token: string } }).data.token;
    const list = await fetch(
      `${platform.platform.urls.cms}/content-manager/collection-types/api::accessibility-feedback.accessibility-feedback?page=1&pageSize=50`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const entries = (
      (await list.json()) as {
        results: { reference: string; message: string; pageUrl: string; email: string }[];
      }
    ).results;
    expect(entries.find((entry) => entry.reference === reference)).toMatchObject({
      message,
      pageUrl: '/projekte',
      email: 'leserin@example.org',
    });
    await context.close();
  });
});

describe('the preview of drafts', () => {
  const secret = () => platform.platform.topology.secrets.PREVIEW_SECRET;
  const sign = (
    type: string,
    documentId: string,
    locale: string,
    status: string,
    expires: number,
    key = secret(),
  ) =>
    createHmac('sha256', key)
      .update([type, documentId, locale, status, expires].join('\n'))
      .digest('base64url');

  it('shows a draft with a valid signed link, and nothing of it without, with a wrong or an expired one', async () => {
    // An editor's draft, made in the admin's API as the editor.
    const cms = platform.platform.urls.cms;
    const login = await fetch(`${cms}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(platform.platform.editor),
    });
    const token = ((await login.json()) as { data: { token: string } }).data.token;
    const title = `Entwurf Nachbarschaftsküche ${Date.now()}`;
    const created = await fetch(`${cms}/content-manager/collection-types/api::project.project?locale=de`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title, slug: `entwurf-${Date.now()}`, summary: 'Noch geheim.' }),
    });
    expect(created.status).toBe(201);
    const documentId = ((await created.json()) as { data: { documentId: string } }).data.documentId;

    // The link the admin's preview button gets.
    const urlAnswer = await fetch(
      `${cms}/content-manager/preview/url/api::project.project?documentId=${documentId}&locale=de&status=draft`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const link = new URL(((await urlAnswer.json()) as { data: { url: string } }).data.url);
    expect(link.origin).toBe(platform.frontendUrl);

    const { page, context, guard } = await newPage(browser, platform.frontendUrl);
    const ok = await page.goto(link.pathname + link.search);
    expect(ok!.status()).toBe(200);
    expect(ok!.headers()['cache-control']).toContain('no-store');
    expect(await page.locator('h1').textContent()).toBe(title);
    expect(await page.getByTestId('preview-banner').textContent()).toContain('nicht veröffentlicht');
    await screenshot(page, 'preview-draft');

    const expires = Math.floor(Date.now() / 1000) - 60;
    const refused = [
      `/vorschau/project/${documentId}`,
      `/vorschau/project/${documentId}?locale=de&status=draft&expires=${link.searchParams.get('expires')}&signature=${'x'.repeat(43)}`,
      `/vorschau/project/${documentId}?locale=de&status=draft&expires=${link.searchParams.get('expires')}&signature=${sign('project', documentId, 'de', 'draft', Number(link.searchParams.get('expires')), 'a-different-secret-123456')}`,
      `/vorschau/project/${documentId}?locale=de&status=draft&expires=${expires}&signature=${sign('project', documentId, 'de', 'draft', expires)}`,
    ];
    for (const path of refused) {
      const response = await page.goto(path);
      expect([403, 404], path).toContain(response!.status());
      expect(await page.content(), path).not.toContain(title);
    }
    expect(await page.locator('main').textContent()).toContain('abgelaufen');
    // The refusals are German 403 pages, on purpose; nothing else is amiss.
    const problems = await guard.take();
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toMatch(/\/vorschau\/project\/.*→ 403: status 403$/);

    // The public gateway keeps refusing the draft.
    const viaGateway = await fetch(`${platform.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
      body: JSON.stringify({
        query: `query($id: ID!) { project(documentId: $id, status: DRAFT) { title } }`,
        variables: { id: documentId },
      }),
    });
    expect(await viaGateway.text()).not.toContain(title);
    await context.close();
  });
});
