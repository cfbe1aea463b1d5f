// What a person does on the site, in real headless Chromium against the whole platform (forum, CMS with
// demo content, gateway, built frontend), each in its own process.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, screenshot } from './browser';
import { startPlatform } from './platform.mjs';

let platform: Awaited<ReturnType<typeof startPlatform>>;
let chromium: Awaited<ReturnType<typeof launchBrowser>>;
let browser: Browser;
const password = 'ein sicheres Passwort';

beforeAll(async () => {
  platform = await startPlatform();
  chromium = await launchBrowser();
  browser = chromium.browser;
});

afterAll(async () => {
  await chromium?.close();
  await platform?.close();
});

async function register(page: Page, name: string) {
  const email = `${randomUUID()}@example.org`;
  await page.goto('/registrieren');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(password);
  await page.getByLabel('Name, wie er angezeigt wird').fill(name);
  await page.getByLabel('Bereich').selectOption('VERWALTUNG');
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  // Either the profile opens or the form says what went wrong (then the test says it too).
  await Promise.race([
    page.waitForURL(/\/profil/, { waitUntil: 'commit' }),
    page.getByRole('alert').waitFor(),
  ]).catch(async (error: Error) => {
    await screenshot(page, 'registration-failed');
    throw new Error(`registration did not finish at ${page.url()}: ${error.message}`);
  });
  if (!page.url().includes('/profil'))
    throw new Error(`registration failed: ${await page.getByRole('alert').textContent()}`);
  await page.getByRole('heading', { name: 'Profil', exact: true }).waitFor();
  return email;
}

describe('a new visitor', () => {
  it('filters projects by Handlungsfeld and city, and opens one', async () => {
    const { page, context } = await newPage(browser, platform.frontendUrl);
    await page.goto('/projekte');
    const all = await page.getByTestId('result-count').textContent();
    expect(all).toMatch(/69 Projekte gefunden/);
    await page.getByLabel('Handlungsfeld', { exact: true }).selectOption({ label: 'Arbeit und Ausbildung' });
    await page.getByRole('button', { name: 'Anwenden' }).click();
    await page.waitForURL(/feld=arbeit-und-ausbildung/);
    const byField = Number((await page.getByTestId('result-count').textContent())!.match(/\d+/)![0]);
    expect(byField).toBeGreaterThan(0);
    expect(byField).toBeLessThan(69);

    // Pick a city that has projects in this field: the first card's city.
    const city = (await page.getByTestId('project-list').locator('.meta').first().textContent())!
      .split(' · ')[0]!
      .trim();
    await page.getByLabel('Stadt', { exact: true }).selectOption({ label: city });
    await page.getByRole('button', { name: 'Anwenden' }).click();
    await page.waitForURL(/stadt=/);
    expect(page.url()).toContain('feld=arbeit-und-ausbildung');
    expect(page.url()).not.toContain('land=');
    const cards = page.getByTestId('project-list').locator('article');
    await expect.poll(() => cards.count()).toBeLessThan(byField + 1);
    expect(await cards.count()).toBeGreaterThan(0);
    for (const meta of await cards.locator('.meta').allTextContents()) expect(meta).toContain(city);

    // The filtered result is a link: opening it again gives the same list.
    const again = await browser.newPage();
    await again.goto(page.url());
    expect(await again.getByTestId('result-count').textContent()).toBe(
      await page.getByTestId('result-count').textContent(),
    );
    await again.close();

    const title = (await cards.first().locator('h2 a').textContent())!.trim();
    await cards.first().locator('h2 a').click();
    await page.waitForURL(/\/projekte\/[a-z0-9]+$/);
    await expect.poll(() => page.locator('h1').textContent()).toBe(title);
    expect(await page.getByRole('heading', { name: 'Rahmendaten' }).count()).toBe(1);
    await context.close();
  });

  it('searches the full text and pages through results, all in the URL', async () => {
    const { page, context } = await newPage(browser, platform.frontendUrl);
    // Interact once the page is hydrated, so that the client router (not a half-loaded page) handles it.
    await page.goto('/projekte', { waitUntil: 'networkidle' });
    await page.getByLabel('Volltextsuche').fill('Sprachkurs');
    await page.getByRole('button', { name: 'Anwenden' }).click();
    await page.waitForURL(/q=Sprachkurs/, { timeout: 60_000 });
    const count = Number((await page.getByTestId('result-count').textContent())!.match(/\d+/)![0]);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(69);

    await page.goto('/projekte?sort=titel', { waitUntil: 'networkidle' });
    const titles = await page.getByTestId('project-list').locator('h2').allTextContents();
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'de')));
    await page.getByRole('link', { name: 'Seite 2' }).first().click();
    await page.waitForURL(/seite=2/, { timeout: 60_000 });
    const second = await page.getByTestId('project-list').locator('h2').allTextContents();
    expect(second[0]).not.toBe(titles[0]);
    await page.goto('/projekte?ansicht=karte');
    expect(await page.getByTestId('germany-map').locator('circle').count()).toBeGreaterThan(5);
    await context.close();
  });
});

describe('a member', () => {
  it('registers, signs out and in, writes in a thread, and a second browser sees the post live', async () => {
    const writer = await newPage(browser, platform.frontendUrl);
    const name = `Erika ${randomUUID().slice(0, 6)}`;
    const email = await register(writer.page, name);
    expect(await writer.page.locator('header').textContent()).toContain(name);
    // The token is an httpOnly cookie, never in page scripts.
    const cookies = await writer.context.cookies();
    const session = cookies.find((c) => c.name === 'stadtnetz_session');
    expect(session?.httpOnly).toBe(true);
    expect(await writer.page.evaluate(() => document.cookie)).not.toContain('stadtnetz_session');

    await writer.page.getByRole('button', { name: 'Abmelden' }).click();
    await writer.page.waitForURL(/abgemeldet/);
    await writer.page.goto('/anmelden');
    await writer.page.getByLabel('E-Mail-Adresse').fill(email);
    await writer.page.getByLabel('Passwort').fill('falsch falsch');
    await writer.page.getByRole('button', { name: 'Anmelden' }).click();
    await expect
      .poll(() => writer.page.getByRole('alert').textContent())
      .toContain('E-Mail-Adresse oder Passwort ist falsch.');
    await writer.page.getByLabel('Passwort').fill(password);
    await writer.page.getByRole('button', { name: 'Anmelden' }).click();
    await writer.page.waitForURL((url) => url.pathname === '/');

    // Open a thread in a category.
    await writer.page.goto('/forum/allgemeines');
    const title = `Erfahrungen mit Lotsendiensten ${randomUUID().slice(0, 4)}`;
    await writer.page.getByLabel('Titel').fill(title);
    await writer.page.getByLabel('Ihr Beitrag (Markdown)').fill('Wer hat **Erfahrungen** damit?');
    await writer.page.getByRole('button', { name: 'Diskussion eröffnen' }).click();
    await writer.page.waitForURL(/\/forum\/thema\//);
    expect(await writer.page.locator('h1').textContent()).toBe(title);
    const threadUrl = writer.page.url();

    // A reader who is not signed in has the thread open.
    const reader = await newPage(browser, platform.frontendUrl);
    expect((await reader.page.goto(threadUrl))?.status()).toBe(200);
    await expect.poll(() => reader.page.getByTestId('post').count()).toBe(1);
    await reader.page.waitForTimeout(1000); // the socket is up once the page has hydrated

    // Preview, then send a reply.
    const body = `Bei uns hat das *gut* geklappt – ${randomUUID().slice(0, 6)}`;
    await writer.page.getByLabel('Ihre Antwort (Markdown)').fill(body);
    await writer.page.getByRole('button', { name: 'Vorschau' }).click();
    await expect.poll(() => writer.page.getByTestId('preview').innerHTML()).toContain('<em>gut</em>');
    await writer.page.getByRole('button', { name: 'Bearbeiten' }).click();
    await writer.page.getByRole('button', { name: 'Beitrag senden' }).click();
    await expect.poll(() => writer.page.getByTestId('post').count()).toBe(2);

    // …and the reader sees it without reloading, announced to screen readers.
    await expect.poll(() => reader.page.getByTestId('post').count(), { timeout: 10_000 }).toBe(2);
    expect(await reader.page.getByTestId('post').nth(1).textContent()).toContain(
      body.replace('*gut*', 'gut'),
    );
    expect(
      await reader.page.getByRole('status').filter({ hasText: 'Neuer Beitrag' }).textContent(),
    ).toContain(name);

    // Reactions and follow work for the writer; the reader is asked to sign in.
    await writer.page
      .getByTestId('post')
      .first()
      .getByRole('button', { name: /^Danke: 0/ })
      .click();
    await expect
      .poll(() =>
        writer.page
          .getByTestId('post')
          .first()
          .getByRole('button', { name: /^Danke: 1/ })
          .count(),
      )
      .toBe(1);
    expect(await reader.page.getByRole('link', { name: 'Anmelden' }).count()).toBeGreaterThan(0);
    await reader.context.close();
    await writer.context.close();
  });

  it('keeps a thread live for its reader while the forum restarts behind the gateway', async () => {
    const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const response = await fetch(`${platform.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const result = (await response.json()) as { data?: any; errors?: unknown[] };
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data;
    };
    const { registerMember } = await gql(
      'mutation ($input: RegisterMemberInput!) { registerMember(input: $input) { token } }',
      {
        input: {
          email: `${randomUUID()}@example.org`,
          password,
          displayName: 'Jonas Neustart',
          sector: 'VERWALTUNG',
        },
      },
    );
    const { categories } = await gql('{ categories { id } }', {});
    const { createThread } = await gql(
      'mutation ($input: CreateThreadInput!) { createThread(input: $input) { id } }',
      { input: { title: 'Nach dem Neustart', body: 'Erster Beitrag', categoryId: categories[0].id } },
      registerMember.token,
    );
    const reader = await newPage(browser, platform.frontendUrl);
    await reader.page.goto(`/forum/thema/${createThread.id}`);
    await expect.poll(() => reader.page.getByTestId('post').count()).toBe(1);
    await reader.page.waitForTimeout(1000); // the socket is up once the page has hydrated

    // The gateway ends the subscription when the forum goes away; the page must start it again itself.
    await platform.restartForum();
    await gql(
      'mutation ($input: AddPostInput!) { addPost(input: $input) { id } }',
      { input: { threadId: createThread.id, body: 'Geschrieben nach dem Neustart' } },
      registerMember.token,
    );
    await expect.poll(() => reader.page.getByTestId('post').count(), { timeout: 30_000 }).toBe(2);
    expect(await reader.page.getByTestId('post').nth(1).textContent()).toContain('nach dem Neustart');
    // …and a post written once it is live again arrives live, too.
    await gql(
      'mutation ($input: AddPostInput!) { addPost(input: $input) { id } }',
      { input: { threadId: createThread.id, body: 'Und noch einer' } },
      registerMember.token,
    );
    await expect.poll(() => reader.page.getByTestId('post').count(), { timeout: 15_000 }).toBe(3);
    await reader.context.close();
  });

  it('submits a project and finds it under Meine Einreichungen, in review', async () => {
    const { page, context } = await newPage(browser, platform.frontendUrl);
    await register(page, `Jonas ${randomUUID().slice(0, 6)}`);
    await page.goto('/projekt-einreichen');
    // Without a field of action the form says so beside the field.
    await page.getByLabel('Titel des Projekts').fill('Sprachcafé im Stadtteilzentrum');
    await page
      .getByLabel('Kurzbeschreibung')
      .fill('Ehrenamtliche üben mit Neuzugewanderten Deutsch im Alltag.');
    await page.getByRole('button', { name: 'Zur Prüfung einreichen' }).click();
    await expect
      .poll(() => page.locator('#actionFields-error').textContent())
      .toBe('Bitte wählen Sie mindestens ein Handlungsfeld.');
    await page.getByLabel('Sprache und Bildung').check();
    await page.getByRole('button', { name: 'Zur Prüfung einreichen' }).click();
    await page.waitForURL(/meine-einreichungen/);
    expect(await page.getByRole('status').textContent()).toContain('Sprachcafé im Stadtteilzentrum');
    const row = page.getByTestId('submissions').locator('tr', { hasText: 'Sprachcafé im Stadtteilzentrum' });
    expect(await row.textContent()).toContain('In Prüfung');
    await context.close();
  });
});

describe('without JavaScript', () => {
  it('reads pages, filters projects and signs in through plain forms', async () => {
    const { page, context } = await newPage(browser, platform.frontendUrl, { javaScriptEnabled: false });
    expect((await page.goto('/projekte'))?.status()).toBe(200);
    await page.getByLabel('Status').selectOption('abgeschlossen');
    await page.getByRole('button', { name: 'Anwenden' }).click();
    await page.waitForURL(/status=abgeschlossen/);
    const metas = await page.getByTestId('project-list').locator('.meta').allTextContents();
    expect(metas.length).toBeGreaterThan(0);
    for (const meta of metas) expect(meta).toContain('abgeschlossen');

    await page.goto('/anmelden');
    await page.getByLabel('E-Mail-Adresse').fill('niemand@example.org');
    await page.getByLabel('Passwort').fill('falsch falsch');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('E-Mail-Adresse oder Passwort ist falsch.');
    await context.close();
  });
});

describe('a slow connection', () => {
  /** Types into a field while the application's scripts are held back, then lets them load and hydrate. */
  async function typedBeforeHydration(path: string, label: string, text: string) {
    const { page, context } = await newPage(browser, platform.frontendUrl);
    let release!: () => void;
    const scriptsMayLoad = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/_app/immutable/**', async (route) => {
      await scriptsMayLoad;
      await route.continue();
    });
    await page.goto(path, { waitUntil: 'domcontentloaded' });
    await page.getByLabel(label).fill(text);
    release();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500); // hydration runs once the scripts are in
    const value = await page.getByLabel(label).inputValue();
    await context.close();
    return value;
  }

  it('keeps what a visitor typed before the page’s JavaScript arrived', async () => {
    expect(await typedBeforeHydration('/anmelden', 'E-Mail-Adresse', 'frueh@example.org')).toBe(
      'frueh@example.org',
    );
    expect(await typedBeforeHydration('/projekte', 'Volltextsuche', 'Sprachkurs')).toBe('Sprachkurs');
  });
});

describe('every main page', () => {
  it('has no axe-core (WCAG 2.1 A/AA) violations and gets a screenshot', async () => {
    const { page, context } = await newPage(browser, platform.frontendUrl);
    await page.goto('/projekte');
    const project = await page.getByTestId('project-list').locator('h2 a').first().getAttribute('href');
    await page.goto('/workshops');
    const workshop = await page.locator('main h2 a').first().getAttribute('href');
    await page.goto('/forum');
    const thread = await page
      .locator('#neu ~ ul a, section:last-child ul a')
      .first()
      .getAttribute('href')
      .catch(() => null);
    const pages: [string, string][] = [
      ['start', '/'],
      ['projekte', '/projekte'],
      ['projekte-karte', '/projekte?ansicht=karte'],
      ['projekt', project!],
      ['staedte', '/staedte'],
      ['stadt', '/staedte/leipzig'],
      ['handlungsfelder', '/handlungsfelder'],
      ['handlungsfeld', '/handlungsfelder/wohnen-und-quartier'],
      ['workshops', '/workshops'],
      ['workshop', workshop!],
      ['forum', '/forum'],
      ['forum-kategorie', '/forum/allgemeines'],
      ['mitglieder', '/mitglieder'],
      ['anmelden', '/anmelden'],
      ['registrieren', '/registrieren'],
    ];
    if (thread) pages.push(['thema', thread]);
    const problems: Record<string, unknown> = {};
    for (const [name, path] of pages) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await screenshot(page, name);
      const violations = await axeViolations(page);
      if (violations.length) problems[path] = violations;
    }
    // Signed-in pages too.
    await register(page, `Axe ${randomUUID().slice(0, 6)}`);
    for (const [name, path] of [
      ['profil', '/profil'],
      ['projekt-einreichen', '/projekt-einreichen'],
      ['meine-einreichungen', '/meine-einreichungen'],
      ['nachrichten', '/nachrichten'],
      ['benachrichtigungen', '/benachrichtigungen'],
    ] as const) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await screenshot(page, name);
      const violations = await axeViolations(page);
      if (violations.length) problems[path] = violations;
    }
    expect(problems).toEqual({});
    await context.close();
  });

  it('is in English when the visitor switches the language', async () => {
    const { page, context } = await newPage(browser, platform.frontendUrl);
    await page.goto('/projekte');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.waitForURL(/\/projekte/);
    expect(await page.locator('h1').textContent()).toBe('Projects');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await context.close();
  });
});
