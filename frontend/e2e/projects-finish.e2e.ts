// Project pages and lists as readers and editors meet them, in real headless Chromium against the whole
// platform: rendered Markdown, reflow at 320 and 390 px, search, the map view, printing, and English content.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, outputDir } from './browser';
import { registerVerified } from '@stadtnetz/platform';
import { startPlatform } from './platform';

let platform: Awaited<ReturnType<typeof startPlatform>>;
let chromium: Awaited<ReturnType<typeof launchBrowser>>;
let browser: Browser;

const LONG_TITLE = 'Nachträgliche Mischung im Großwohnsiedlungsbestand';
const ENGLISH_TITLE = 'Language classes for parents in the neighbourhood';

beforeAll(async () => {
  platform = await startPlatform();
  chromium = await launchBrowser();
  browser = chromium.browser;
});

afterAll(async () => {
  await chromium?.close();
  await platform?.close();
});

/** A question to the public API, as a portal would ask it. */
async function gateway<T>(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const response = await fetch(`${platform.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function projectPath(title: string): Promise<string> {
  const data = await gateway<{ projects: { documentId: string }[] }>(
    `query ($title: String!) { projects(filters: { title: { eq: $title } }) { documentId } }`,
    { title },
  );
  const documentId = data.projects[0]?.documentId;
  if (!documentId) throw new Error(`no project "${title}"`);
  return `/projekte/${documentId}`;
}

async function workshopPath(number: number): Promise<string> {
  const data = await gateway<{ workshops: { documentId: string }[] }>(
    `query ($number: Int!) { workshops(filters: { number: { eq: $number } }) { documentId } }`,
    { number },
  );
  return `/workshops/${data.workshops[0]!.documentId}`;
}

async function shot(page: Page, name: string, fullPage = true) {
  mkdirSync(outputDir, { recursive: true });
  await page.screenshot({ path: path.join(outputDir, `finish-${name}.png`), fullPage });
}

const resultCount = async (page: Page) =>
  Number((await page.getByTestId('result-count').textContent())!.match(/\d+/)?.[0] ?? 0);

describe('a project page', () => {
  it('shows its description as formatted text: headings, emphasis, no Markdown signs, the summary once', async () => {
    const { page, context } = await newPage(browser, platform.frontendUrl);
    await page.goto(await projectPath(LONG_TITLE));
    const description = page.locator('section[aria-labelledby="beschreibung"]');
    expect(await description.locator('h3', { hasText: 'Ausgangslage' }).count()).toBe(1);
    expect(await description.locator('h3', { hasText: 'Vorgehen' }).count()).toBe(1);
    expect(await description.locator('em', { hasText: 'Demo-Inhalt' }).count()).toBe(1);
    const text = await page.locator('main').innerText();
    expect(text).not.toContain('## ');
    expect(text).not.toMatch(/\*Demo-Inhalt/);
    const summary = (await page.locator('main .lead').innerText()).trim();
    expect(summary.length).toBeGreaterThan(20);
    expect(text.split(summary).length - 1).toBe(1);
    await context.close();
  });

  it('separates the fields of action it links with a comma and a space', async () => {
    const { page, context } = await newPage(browser, platform.frontendUrl);
    await page.goto(await projectPath('Sprachkurse für Eltern im Quartier'));
    const fields = page.locator('dl.facts dd', { has: page.locator('a[href^="/handlungsfelder/"]') });
    expect((await fields.innerText()).trim()).toBe('Sprache und Bildung, Kinder, Jugend und Familie');
    await context.close();
  });

  it('renders workshop documentation as formatted text', async () => {
    const { page, context } = await newPage(browser, platform.frontendUrl);
    await page.goto(await workshopPath(1));
    const documentation = page.locator('section[aria-labelledby="doku"]');
    expect(await documentation.locator('em', { hasText: 'Demo-Inhalt' }).count()).toBe(1);
    const text = await documentation.innerText();
    expect(text).not.toContain('## ');
    expect(text).not.toContain('*Demo-Inhalt');
    await context.close();
  });

  it('keeps the line breaks of a submitted project once an editor published it', async () => {
    // A member who registered and confirmed the address (the form itself has its tests in site and mail).
    const member = await registerVerified(platform.gatewayUrl, platform.mailUrl, {
      email: `${randomUUID()}@example.org`,
      password: 'ein sicheres Passwort',
      displayName: `Zeilen ${randomUUID().slice(0, 6)}`,
      sector: 'VERWALTUNG',
    });
    const { page, context } = await newPage(browser, platform.frontendUrl);
    await context.addCookies([
      {
        name: 'stadtnetz_session',
        value: member.token,
        url: platform.frontendUrl,
        httpOnly: true,
        sameSite: 'Lax',
      },
    ]);

    const title = `Zeilenumbrüche ${randomUUID().slice(0, 6)}`;
    await page.goto('/projekt-einreichen');
    await page.getByLabel('Titel des Projekts').fill(title);
    await page.getByLabel('Kurzbeschreibung').fill('Erste Zeile der Kurzbeschreibung\nZweite Zeile');
    await page
      .getByLabel('Ausführliche Beschreibung')
      .fill('Montags: Sprachcafé\nMittwochs: Hausaufgabenhilfe\nFreitags: Elternfrühstück');
    await page.getByLabel('Sprache und Bildung').check();
    await page.getByRole('button', { name: 'Zur Prüfung einreichen' }).click();
    await page.waitForURL(/meine-einreichungen/);

    // The editor publishes it in the Strapi admin.
    const token = (await context.cookies()).find((c) => c.name === 'stadtnetz_session')!.value;
    const { mySubmissions } = await gateway<{ mySubmissions: { documentId: string; title: string }[] }>(
      '{ mySubmissions { documentId title } }',
      {},
      token,
    );
    const documentId = mySubmissions.find((s) => s.title === title)!.documentId;
    const cms = platform.platform.urls.cms;
    const login = await fetch(`${cms}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(platform.platform.admin),
    });
    const adminToken = ((await login.json()) as { data: { token: string } }).data.token;
    const published = await fetch(
      `${cms}/content-manager/collection-types/api::project.project/${documentId}/actions/publish?locale=de`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: '{}',
      },
    );
    expect(published.ok).toBe(true);

    await page.goto(`/projekte/${documentId}`);
    expect(await page.locator('main .lead').innerText()).toBe(
      'Erste Zeile der Kurzbeschreibung\nZweite Zeile',
    );
    const description = page.locator('section[aria-labelledby="beschreibung"]');
    expect(await description.innerText()).toContain(
      'Montags: Sprachcafé\nMittwochs: Hausaufgabenhilfe\nFreitags: Elternfrühstück',
    );
    await context.close();
  });
});

describe('reflow (WCAG 1.4.10)', () => {
  it('never scrolls sideways at 320 or 390 px, and long compound words stay inside their boxes', async () => {
    const { page, context } = await newPage(browser, platform.frontendUrl);
    const pages: [string, string][] = [
      ['start', '/'],
      ['projekte', '/projekte'],
      ['projekte-titel', '/projekte?sort=titel&seite=4'],
      ['projekte-karte', '/projekte?ansicht=karte'],
      ['projekt', await projectPath(LONG_TITLE)],
      ['staedte', '/staedte'],
      ['stadt', '/staedte/duisburg'],
      ['handlungsfelder', '/handlungsfelder'],
      ['handlungsfeld', '/handlungsfelder/wohnen-und-quartier'],
      ['workshops', '/workshops'],
      ['workshop', await workshopPath(1)],
      ['forum', '/forum'],
      ['forum-kategorie', '/forum/allgemeines'],
      ['mitglieder', '/mitglieder'],
      ['anmelden', '/anmelden'],
      ['registrieren', '/registrieren'],
    ];
    const overflowing: string[] = [];
    for (const width of [320, 390]) {
      await page.setViewportSize({ width, height: 800 });
      for (const [name, url] of pages) {
        const response = await page.goto(url);
        expect(response?.status(), url).toBe(200);
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        if (scrollWidth > innerWidth) overflowing.push(`${url} at ${width} px: ${scrollWidth} px wide`);
        if (name === 'projekt' || name === 'projekte' || name === 'workshop')
          await shot(page, `${name}-${width}`);
      }
    }
    expect(overflowing).toEqual([]);

    // The card with the long title: its heading fits inside the card, at 320 px and on the desktop.
    for (const width of [320, 1366]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/projekte?q=${encodeURIComponent('Großwohnsiedlungsbestand')}`);
      const card = page.getByTestId('project-list').locator('article', { hasText: LONG_TITLE });
      const fits = await card.evaluate((article) => {
        const heading = article.querySelector('h2, h3') as HTMLElement;
        const box = article.getBoundingClientRect();
        const words = [...heading.querySelectorAll('a')].map((a) => a.getBoundingClientRect());
        return (
          words.every((rect) => rect.right <= box.right + 0.5) && heading.scrollWidth <= heading.clientWidth
        );
      });
      expect(fits, `card title at ${width} px`).toBe(true);
      if (width === 1366) await shot(page, 'karte-titel-1366', false);
    }
    // Hyphenation follows the language of the text.
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(
      await page
        .getByTestId('project-list')
        .locator('h2')
        .first()
        .evaluate((h) => getComputedStyle(h).hyphens),
    ).toBe('auto');
    await context.close();
  });
});

describe('the project list', () => {
  it('sends a page number past the end to the last page', async () => {
    const { page, context } = await newPage(browser, platform.frontendUrl);
    await page.goto('/projekte');
    const total = await resultCount(page);
    const last = Math.ceil(total / 12);
    await page.goto('/projekte?seite=9999');
    expect(new URL(page.url()).searchParams.get('seite')).toBe(String(last));
    expect(await resultCount(page)).toBe(total);
    expect(await page.getByText('Keine Projekte passen').count()).toBe(0);
    expect(await page.getByTestId('project-list').locator('article').count()).toBe(total - (last - 1) * 12);
    // A filter with few results and a page far past them: its last page, which is the first.
    await page.goto('/projekte?stadt=duisburg&seite=50');
    expect(new URL(page.url()).searchParams.get('seite')).toBeNull();
    expect(await page.getByTestId('project-list').locator('article').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('finds inflected forms and ranks projects that match some of the words below those that match all', async () => {
    const { page, context } = await newPage(browser, platform.frontendUrl);
    // "Haus" finds the project that speaks of "Häusern" only.
    await page.goto(`/projekte?q=Haus`);
    const titles = await page.getByTestId('project-list').locator('h2').allInnerTexts();
    expect(titles).toContain(LONG_TITLE);

    // Two words that no demo project has both of: the projects with either, instead of none.
    const count = async (q: string) => {
      await page.goto(`/projekte?q=${encodeURIComponent(q)}`);
      return resultCount(page);
    };
    const courses = await count('Sprachkurse');
    const women = await count('Frauen');
    expect(Math.min(courses, women)).toBeGreaterThan(0);
    expect(await count('Sprachkurse Frauen')).toBeGreaterThanOrEqual(Math.max(courses, women));

    // Two words that some projects have both of: those first, the title match at the top.
    const care = await count('Kinderbetreuung');
    expect(await count('Sprachkurse Kinderbetreuung')).toBeGreaterThanOrEqual(Math.max(courses, care));
    const first = await page.getByTestId('project-list').locator('h2').first().innerText();
    expect(first).toBe('Sprachkurse mit Kinderbetreuung');
    await page.getByTestId('project-list').locator('h2 a').first().click();
    await page.waitForURL(/\/projekte\/[a-z0-9]+$/);
    expect(await page.locator('main').innerText()).toMatch(
      /Sprachkurs[\s\S]*Kinderbetreuung|Kinderbetreuung[\s\S]*Sprachkurs/,
    );
    await context.close();
  });

  it('has a map view: cities listed with their counts, dots sized by count, a city chosen by click or keyboard', async () => {
    const { page, context } = await newPage(browser, platform.frontendUrl);
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto('/projekte?ansicht=karte', { waitUntil: 'networkidle' });
    const map = page.getByTestId('germany-map');
    const box = (await map.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(500);

    // Every city with projects is listed beside the map with its count.
    const cities = page.getByTestId('map-cities').locator('a');
    expect(await cities.count()).toBeGreaterThanOrEqual(20);
    const listed = (await cities.allInnerTexts()).map((entry) => entry.replace(/\s+/g, ' ').trim());
    for (const entry of listed) expect(entry).toMatch(/^\S.* \d+ Projekte?$/);
    const counts = listed.map((entry) => Number(entry.match(/(\d+) Projekte?$/)![1]));
    // Every demo project has its city; one submitted without a city is in the count but on no map.
    const onMap = counts.reduce((a, b) => a + b, 0);
    expect(onMap).toBeGreaterThanOrEqual(69);
    expect(onMap).toBeLessThanOrEqual(await resultCount(page));

    // Dots are sized by count: a city with more projects has the larger dot.
    const dots = await map.locator('a').evaluateAll((links) =>
      links.map((a) => ({
        label: a.getAttribute('aria-label') ?? '',
        r: Number(a.querySelector('circle')!.getAttribute('r')),
      })),
    );
    const byCount = dots
      .map((dot) => ({ ...dot, count: Number(dot.label.match(/(\d+) Projekte?/)![1]) }))
      .sort((a, b) => a.count - b.count);
    expect(byCount.at(-1)!.count).toBeGreaterThan(byCount[0]!.count);
    expect(byCount.at(-1)!.r).toBeGreaterThan(byCount[0]!.r);
    // Labelled on the map itself, too.
    expect(await map.locator('text').count()).toBeGreaterThan(0);
    await shot(page, 'karte-1366', false);

    // Keyboard: Tab reaches a dot; Enter filters the list by its city and stays on the map.
    let focusedDot = '';
    for (let i = 0; i < 80 && !focusedDot; i++) {
      await page.keyboard.press('Tab');
      focusedDot = await page.evaluate(() => {
        const active = document.activeElement;
        return active?.closest('[data-testid="germany-map"]')
          ? (active.getAttribute('aria-label') ?? '?')
          : '';
      });
    }
    expect(focusedDot).not.toBe('');
    const city = focusedDot.split(':')[0]!;
    await page.keyboard.press('Enter');
    await page.waitForURL(/stadt=/);
    expect(new URL(page.url()).searchParams.get('ansicht')).toBe('karte');
    await page.getByRole('heading', { name: `Projekte in ${city}` }).waitFor();
    expect(await page.getByTestId('project-list').locator('article').count()).toBeGreaterThan(0);
    for (const meta of await page.getByTestId('project-list').locator('.meta').allInnerTexts())
      expect(meta).toContain(city);
    expect(await page.getByTestId('germany-map').locator('a[aria-current="true"]').count()).toBe(1);

    // A click on another city's dot (one no other dot covers) does the same.
    const firstCity = new URL(page.url()).searchParams.get('stadt');
    const otherCity = await page.getByTestId('germany-map').evaluate((svg) => {
      for (const link of svg.querySelectorAll('a:not([aria-current="true"])')) {
        const box = link.querySelector('circle')!.getBoundingClientRect();
        const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        if (hit?.closest('a') === link) return link.getAttribute('aria-label')!.split(':')[0]!;
      }
      return '';
    });
    expect(otherCity).not.toBe('');
    await page.getByTestId('germany-map').locator(`a[aria-label^="${otherCity}:"] circle`).click();
    await page.waitForURL((url) => url.searchParams.get('stadt') !== firstCity);
    expect(new URL(page.url()).searchParams.get('ansicht')).toBe('karte');
    await page.getByRole('heading', { name: `Projekte in ${otherCity}` }).waitFor();
    for (const meta of await page.getByTestId('project-list').locator('.meta').allInnerTexts())
      expect(meta).toContain(otherCity);
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'karte-390');
    await context.close();
  });
});

describe('printing a project', () => {
  it('prints the project, its key facts, contacts and its address, without navigation, forms or buttons', async () => {
    const { page, context } = await newPage(browser, platform.frontendUrl);
    const url = await projectPath(LONG_TITLE);
    await page.goto(url);
    await page.emulateMedia({ media: 'print' });
    const visible = (selector: string) => page.locator(selector).first().isVisible();
    expect(await visible('h1')).toBe(true);
    expect(await visible('#rahmendaten')).toBe(true);
    expect(await visible('#kontakte')).toBe(true);
    expect(await visible('section[aria-labelledby="beschreibung"]')).toBe(true);
    for (const hidden of ['.site-header', '.site-footer', 'nav', '#diskussion-bereich', '.skip']) {
      expect(
        await page.locator(hidden).evaluateAll((els) => els.some((e) => e.checkVisibility())),
        hidden,
      ).toBe(false);
    }
    const shownControls = await page.evaluate(
      () =>
        [...document.querySelectorAll('form, button, input, textarea, select')].filter((e) =>
          e.checkVisibility(),
        ).length,
    );
    expect(shownControls).toBe(0);
    // Also as the server renders it (before any script runs): the address the site is served at, http here.
    const served = await (await fetch(new URL(url, platform.frontendUrl))).text();
    const href = new URL(url, platform.frontendUrl).href;
    expect(served).toContain(href);
    expect(served).not.toContain(href.replace(/^http:/, 'https:'));
    const address = page.getByTestId('print-address');
    expect(await address.isVisible()).toBe(true);
    expect(await address.innerText()).toContain(new URL(url, platform.frontendUrl).href);
    await shot(page, 'projekt-druck');
    // On screen the address line is not shown twice.
    await page.emulateMedia({ media: 'screen' });
    expect(await address.isVisible()).toBe(false);
    await context.close();
  });
});

describe('in English', () => {
  it('shows the English texts the CMS has, and German ones marked as German where it has none', async () => {
    const { page, context } = await newPage(browser, platform.frontendUrl);
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto('/projekte?sort=titel');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.waitForURL(/\/projekte/);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // The list: English titles where there are, German ones marked lang="de".
    await page.goto(`/projekte?q=${encodeURIComponent('Sprachkurse Eltern')}`);
    const english = page.getByTestId('project-list').locator('article', { hasText: ENGLISH_TITLE });
    expect(await english.count()).toBe(1);
    expect(await english.locator('h2').getAttribute('lang')).toBeNull();
    expect(await english.locator('.tags li', { hasText: 'Language and education' }).count()).toBe(1);
    const german = page
      .getByTestId('project-list')
      .locator('article', { hasText: 'Sprachkurse mit Kinderbetreuung' });
    expect(await german.locator('h2').getAttribute('lang')).toBe('de');

    // The project page in English, fields of action too.
    await english.locator('h2 a').click();
    await page.waitForURL(/\/projekte\/[a-z0-9]+$/);
    expect(await page.locator('h1').innerText()).toBe(ENGLISH_TITLE);
    expect(await page.locator('h1').getAttribute('lang')).toBeNull();
    const description = page.locator('section[aria-labelledby="beschreibung"]');
    expect(await description.getAttribute('lang')).toBeNull();
    expect(await description.innerText()).toMatch(/childcare/i);
    expect(await page.locator('dl.facts').innerText()).toContain('Language and education');

    // A project with an English title and summary only: its German description is marked as German.
    await page.goto(await projectPath(LONG_TITLE));
    expect(await page.locator('h1').innerText()).not.toBe(LONG_TITLE);
    expect(await page.locator('h1').getAttribute('lang')).toBeNull();
    const fallback = page.locator('section[aria-labelledby="beschreibung"] [lang="de"]');
    expect(await fallback.count()).toBe(1);
    expect(await fallback.innerText()).toContain('Ausgangslage');
    await shot(page, 'projekt-englisch-1366', false);

    // A project with no English at all: German, marked.
    await page.goto(await projectPath('Sprachkurse mit Kinderbetreuung'));
    expect(await page.locator('h1').getAttribute('lang')).toBe('de');

    // The pilot workshops and the fields of action.
    await page.goto(await workshopPath(1));
    expect(await page.locator('h1').getAttribute('lang')).toBeNull();
    expect(await page.locator('h1').innerText()).toMatch(/^New residents/);
    await page.goto('/handlungsfelder');
    expect(await page.locator('main').innerText()).toContain('Language and education');
    expect(await page.locator('main [lang="de"]').count()).toBe(0);
    // The forms that offer fields of action offer them in English too.
    await page.goto('/registrieren');
    expect(await page.getByLabel('Language and education').count()).toBe(1);
    await context.close();
  });
});
