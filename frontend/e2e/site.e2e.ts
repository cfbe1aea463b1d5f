// What a person does on the site, in real headless Chromium against the whole platform (forum, CMS with
// demo content, gateway, built frontend), each in its own process.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, screenshot } from './browser';
import { problemsOf, type ObservedResponse } from './guard';
import { linkIn, registerVerified, waitForMail } from '@stadtnetz/platform';
import { startPlatform } from './platform';

let platform: Awaited<ReturnType<typeof startPlatform>>;
let chromium: Awaited<ReturnType<typeof launchBrowser>>;
let browser: Browser;
const password = 'ein sicheres Passwort';
/** For what comes back from the server: longer than expect.poll's default second on a shared machine. */
const soon = { timeout: 15_000 };

beforeAll(async () => {
  platform = await startPlatform();
  chromium = await launchBrowser();
  browser = chromium.browser;
});

afterAll(async () => {
  await chromium?.close();
  await platform?.close();
});

/** The public GraphQL API, for what a test needs in place before the person starts (not what it tests). */
async function gql(query: string, variables: Record<string, unknown> = {}, token?: string) {
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
}

/** A member registered through the API (the registration form has its own tests). */
async function apiMember(name: string) {
  // Registered, and the address confirmed with the link from the platform's inbox (MailDev).
  const member = await registerVerified(platform.gatewayUrl, platform.mailUrl, {
    email: `${randomUUID()}@example.org`,
    password,
    displayName: name,
    sector: 'SOZIALWESEN',
  });
  return { name, token: member.token, id: member.id };
}

/**
 * One member for the tests in which who writes does not matter: the forum allows only so many registrations per
 * address an hour, and every test comes from this machine.
 */
let shared: Promise<Awaited<ReturnType<typeof apiMember>>> | undefined;
const sharedMember = () => (shared ??= apiMember(`Geteilt ${uniqueWord('Mitglied')}`));

/** A thread in „Allgemeines“ with its first post, written through the API. */
async function apiThread(token: string, title: string, body: string) {
  const { categories } = await gql('{ categories { id slug } }');
  const category = categories.find((c: { slug: string }) => c.slug === 'allgemeines') ?? categories[0];
  const { createThread } = await gql(
    'mutation ($input: CreateThreadInput!) { createThread(input: $input) { id } }',
    { input: { title, body, categoryId: category.id } },
    token,
  );
  return createThread.id as string;
}

async function apiPost(token: string, threadId: string, body: string) {
  await gql(
    'mutation ($input: AddPostInput!) { addPost(input: $input) { id } }',
    { input: { threadId, body } },
    token,
  );
}

/** A browser in which the member is signed in (the session cookie the sign-in form would set). */
async function signedIn(member: { token: string }, options: { javaScriptEnabled?: boolean } = {}) {
  const person = await newPage(browser, platform.frontendUrl, options);
  await person.context.addCookies([
    {
      name: 'stadtnetz_session',
      value: member.token,
      url: platform.frontendUrl,
      httpOnly: true,
      sameSite: 'Lax',
    },
  ]);
  return person;
}

/** Letters only, so that the German stemmer leaves a made-up word whole. */
const uniqueWord = (prefix: string) =>
  prefix +
  randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 6);

async function register(page: Page, name: string) {
  const email = `${randomUUID()}@example.org`;
  await page.goto('/registrieren');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(password);
  await page.getByLabel('Name, wie er angezeigt wird').fill(name);
  await page.getByLabel('Bereich').selectOption('VERWALTUNG');
  await page.getByRole('button', { name: 'Konto anlegen' }).click();
  // Either the "look in your mailbox" page opens or the form says what went wrong (then the test says it too).
  await Promise.race([
    page.waitForURL(/\/registrieren\/gesendet/, { waitUntil: 'commit' }),
    page.getByRole('alert').waitFor(),
  ]).catch(async (error: Error) => {
    await screenshot(page, 'registration-failed');
    throw new Error(`registration did not finish at ${page.url()}: ${error.message}`);
  });
  if (!page.url().includes('/registrieren/gesendet'))
    throw new Error(`registration failed: ${await page.getByRole('alert').textContent()}`);
  await page.getByRole('heading', { name: 'Bitte sehen Sie in Ihr Postfach' }).waitFor();
  // The link from the mail (read from MailDev's inbox), and the button on its page: signed in, confirmed.
  const mail = await waitForMail(platform.mailUrl, email, { subject: /bestätigen/ });
  await page.goto(linkIn(mail, '/e-mail/bestaetigen/'));
  await page.getByRole('button', { name: 'Adresse bestätigen' }).click();
  await page.waitForURL(/\/profil/, { waitUntil: 'commit' });
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
    const { page: again } = await newPage(browser, platform.frontendUrl);
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
  it('searches the forum and finds a thread by a word of one of its posts', async () => {
    const author = await sharedMember();
    const word = uniqueWord('Kiezlotsen');
    const title = `Lotsendienste im Quartier ${randomUUID().slice(0, 4)}`;
    const threadId = await apiThread(author.token, title, 'Wer hat Erfahrungen damit?');
    await apiPost(author.token, threadId, `Bei uns heißen sie ${word} und helfen beim Ankommen.`);

    const { page } = await newPage(browser, platform.frontendUrl);
    await page.goto('/forum', { waitUntil: 'networkidle' });
    await page.getByLabel('Im Forum suchen').fill(word);
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.waitForURL(new RegExp(`suche=${word}`));
    const results = page.getByTestId('search-results').locator('li');
    await expect.poll(() => results.count(), soon).toBe(1);
    expect(await results.first().getByRole('link').textContent()).toBe(title);
    expect(await results.first().locator('mark').textContent()).toBe(word);
    await screenshot(page, 'forum-suche');
    // A word nobody wrote finds nothing, and says so.
    await page.getByLabel('Im Forum suchen').fill(uniqueWord('Niemalsgeschrieben'));
    await page.getByRole('button', { name: 'Suchen' }).click();
    await expect
      .poll(() => page.getByTestId('search-results').textContent(), soon)
      .toContain('Keine Beiträge gefunden.');
    await page.goBack();
    await results.first().getByRole('link').click();
    await page.waitForURL(new RegExp(`/forum/thema/${threadId}`));
    expect(await page.locator('h1').textContent()).toBe(title);
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
    // …and taken back.
    await writer.page
      .getByTestId('post')
      .first()
      .getByRole('button', { name: /^Danke: 1/ })
      .click();
    await expect
      .poll(() =>
        writer.page
          .getByTestId('post')
          .first()
          .getByRole('button', { name: /^Danke: 0/ })
          .count(),
      )
      .toBe(1);
    expect(
      await writer.page
        .getByTestId('post')
        .first()
        .getByRole('button', { name: /^Danke: 0/ })
        .getAttribute('aria-pressed'),
    ).toBe('false');
    expect(await reader.page.getByRole('link', { name: 'Anmelden' }).count()).toBeGreaterThan(0);
    await reader.context.close();
    await writer.context.close();
  });

  it('keeps a thread live for its reader while the forum restarts behind the gateway', async () => {
    const registerMember = await apiMember('Jonas Neustart');
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
  it('edits and deletes own posts and marks the solution; another member flags a post', async () => {
    const asker = await apiMember(`Frieda ${randomUUID().slice(0, 6)}`);
    const helper = await apiMember(`Hamid ${randomUUID().slice(0, 6)}`);
    const title = `Wohnungssuche für Familien ${randomUUID().slice(0, 4)}`;
    const threadId = await apiThread(asker.token, title, 'Wie findet ihr Wohnungen für große Familien?');
    await apiPost(
      helper.token,
      threadId,
      'Über die kommunale Wohnungsgesellschaft und einen Wohnungslotsen.',
    );
    await apiPost(asker.token, threadId, 'Nachtrag, den ich gleich wieder lösche.');

    const { page } = await signedIn(asker);
    await page.goto(`/forum/thema/${threadId}`, { waitUntil: 'networkidle' });
    const posts = page.getByTestId('post');
    await expect.poll(() => posts.count(), soon).toBe(3);

    // Edit the question: the new text shows, marked as edited, and the form closes.
    await posts.nth(0).getByText('Beitrag bearbeiten').click();
    await posts
      .nth(0)
      .getByLabel('Neuer Text (Markdown)')
      .fill('Wie findet ihr **bezahlbare** Wohnungen für große Familien?');
    await posts.nth(0).getByRole('button', { name: 'Änderung speichern' }).click();
    await expect
      .poll(() => posts.nth(0).locator('.body').innerHTML(), soon)
      .toContain('<strong>bezahlbare</strong>');
    expect(await posts.nth(0).locator('header').textContent()).toContain('bearbeitet');
    expect(await posts.nth(0).getByLabel('Neuer Text (Markdown)').isVisible()).toBe(false);

    // Delete the afterthought: it stays in its place as removed.
    await posts.nth(2).getByRole('button', { name: 'Beitrag löschen' }).click();
    await expect.poll(() => posts.nth(2).textContent(), soon).toContain('Dieser Beitrag wurde entfernt.');
    expect(await posts.nth(2).textContent()).not.toContain('Nachtrag');
    expect(await posts.count()).toBe(3);
    // A removed post can no longer be edited, deleted or marked as the solution.
    for (const action of ['Beitrag löschen', 'Als Lösung markieren', 'Änderung speichern'])
      expect(await posts.nth(2).getByRole('button', { name: action }).count(), action).toBe(0);

    // Mark the helper's answer as the solution.
    await posts.nth(1).getByRole('button', { name: 'Als Lösung markieren' }).click();
    await expect.poll(() => posts.nth(1).locator('.solution-mark').count(), soon).toBe(1);
    expect(await posts.nth(1).locator('.solution-mark').textContent()).toContain('Lösung');
    expect(await posts.nth(1).getByRole('button', { name: 'Lösung zurücknehmen' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Zur Lösung springen' }).getAttribute('href')).toBe(
      `#${await posts.nth(1).getAttribute('id')}`,
    );
    await screenshot(page, 'thema-bearbeitet-geloescht-geloest');

    // The helper sees all of it, and reports the question to the moderators.
    const other = await signedIn(helper);
    await other.page.goto(`/forum/thema/${threadId}`, { waitUntil: 'networkidle' });
    const seen = other.page.getByTestId('post');
    expect(await seen.nth(0).locator('.body').innerHTML()).toContain('<strong>bezahlbare</strong>');
    expect(await seen.nth(1).locator('.solution-mark').count()).toBe(1);
    expect(await seen.nth(2).textContent()).toContain('Dieser Beitrag wurde entfernt.');
    // Only one's own posts can be edited or deleted.
    expect(await seen.nth(0).getByText('Beitrag bearbeiten').count()).toBe(0);
    expect(await seen.nth(0).getByRole('button', { name: 'Beitrag löschen' }).count()).toBe(0);
    // Nor is a removed post offered for reporting.
    expect(await seen.nth(2).getByText('Melden').count()).toBe(0);
    await seen.nth(0).locator('summary', { hasText: 'Melden' }).click();
    await seen.nth(0).getByLabel('Grund der Meldung').fill('Bitte prüfen: doppelt gepostet');
    await seen
      .nth(0)
      .locator('form')
      .filter({ has: other.page.getByLabel('Grund der Meldung') })
      .getByRole('button', { name: 'Melden' })
      .click();
    await expect
      .poll(() => seen.nth(0).getByRole('status').textContent(), soon)
      .toBe('Danke, der Beitrag wurde an die Moderation gemeldet.');
    await screenshot(other.page, 'beitrag-gemeldet');
  });

  it('edits the profile, and the directory finds them by name, sector, city and focus', async () => {
    const member = await apiMember(`Profil ${randomUUID().slice(0, 6)}`);
    const name = `Dr. Aylin ${uniqueWord('Yildiz')}`;
    const { page } = await signedIn(member);
    await page.goto('/profil', { waitUntil: 'networkidle' });
    await page.getByLabel('Name, wie er angezeigt wird').fill(name);
    await page.getByLabel('Bereich').selectOption({ label: 'Wissenschaft' });
    await page.getByLabel('Organisation').fill('Institut für Stadtforschung');
    await page.getByRole('combobox', { name: 'Stadt' }).selectOption({ label: 'Leipzig' });
    await page.getByLabel('Über mich').fill('Ich forsche zu Ankommensquartieren.');
    await page.getByLabel('Arbeit und Ausbildung').check();
    await page.getByRole('button', { name: 'Speichern' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent(), soon)
      .toBe('Ihr Profil wurde gespeichert.');
    // The header greets the new name at once; the form keeps what was saved.
    await expect.poll(() => page.locator('header').textContent(), soon).toContain(name);
    await page.reload();
    expect(await page.getByLabel('Organisation').inputValue()).toBe('Institut für Stadtforschung');
    expect(await page.getByLabel('Arbeit und Ausbildung').isChecked()).toBe(true);
    await screenshot(page, 'profil-gespeichert');

    await page.getByRole('link', { name: 'Öffentliches Profil ansehen' }).click();
    await page.waitForURL(new RegExp(`/mitglieder/${member.id}$`));
    expect(await page.locator('h1').textContent()).toBe(name);
    const meta = await page.locator('main .meta').first().textContent();
    expect(meta).toContain('Wissenschaft');
    expect(meta).toContain('Institut für Stadtforschung');
    expect(meta).toContain('Leipzig');
    expect(await page.locator('main').textContent()).toContain('Ich forsche zu Ankommensquartieren.');
    expect(await page.getByRole('link', { name: 'Arbeit und Ausbildung' }).count()).toBe(1);

    // The directory: by name…
    await page.goto('/mitglieder', { waitUntil: 'networkidle' });
    const cards = page.getByTestId('members').locator('li');
    await page.getByLabel('Name oder Organisation').fill(name.split(' ').at(-1)!);
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.waitForURL(/suche=/);
    await expect.poll(() => cards.allTextContents(), soon).toEqual([expect.stringContaining(name)]);
    // …and by sector, city and focus together, without the name.
    await page.getByLabel('Name oder Organisation').fill('');
    await page.getByLabel('Bereich').selectOption({ label: 'Wissenschaft' });
    await page.getByRole('combobox', { name: 'Stadt' }).selectOption({ label: 'Leipzig' });
    await page.getByLabel('Schwerpunkt').selectOption({ label: 'Arbeit und Ausbildung' });
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.waitForURL(
      (url) => url.searchParams.get('bereich') === 'WISSENSCHAFT' && !url.searchParams.get('suche'),
    );
    await expect.poll(() => cards.allTextContents(), soon).toContainEqual(expect.stringContaining(name));
    for (const text of await cards.allTextContents()) {
      expect(text).toContain('Wissenschaft');
      expect(text).toContain('Leipzig');
    }
    await screenshot(page, 'mitglieder-gefiltert');
    // Another sector: no longer among them.
    await page.getByLabel('Bereich').selectOption({ label: 'Verwaltung' });
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.waitForURL(/bereich=VERWALTUNG/);
    await expect.poll(async () => (await cards.allTextContents()).join('\n'), soon).not.toContain(name);
  });

  it('writes to another member, who finds the message in the conversation and answers live', async () => {
    const sender = await apiMember(`Marta ${randomUUID().slice(0, 6)}`);
    const recipient = await apiMember(`Ole ${randomUUID().slice(0, 6)}`);
    const first = `Hallo, darf ich Sie zu Ihrem Projekt fragen? ${randomUUID().slice(0, 6)}`;
    const a = await signedIn(sender);
    await a.page.goto(`/mitglieder/${recipient.id}`, { waitUntil: 'networkidle' });
    await a.page.getByLabel('Ihre Nachricht').fill(first);
    await a.page.getByRole('button', { name: 'Senden' }).click();
    await a.page.waitForURL(/\/nachrichten\/[^/]+$/);
    const conversationUrl = a.page.url();
    expect(await a.page.locator('h1').textContent()).toBe(`Unterhaltung mit ${recipient.name}`);
    await expect.poll(() => a.page.getByTestId('messages').locator('li').count(), soon).toBe(1);
    expect(await a.page.getByTestId('messages').textContent()).toContain(first);
    await a.page.waitForLoadState('networkidle');
    await a.page.waitForTimeout(1000); // the socket is up once the page has hydrated

    // The recipient, in a browser of their own, finds it among the conversations, unread.
    const b = await signedIn(recipient);
    await b.page.goto('/nachrichten');
    const entry = b.page.locator('main li', { hasText: `Unterhaltung mit ${sender.name}` });
    expect(await entry.textContent()).toContain('1 ungelesen');
    await entry.getByRole('link').click();
    await b.page.waitForURL(conversationUrl);
    expect(await b.page.getByTestId('messages').textContent()).toContain(first);
    const answer = `Gern, rufen Sie mich an. ${randomUUID().slice(0, 6)}`;
    await b.page.getByLabel('Ihre Nachricht').fill(answer);
    await b.page.getByRole('button', { name: 'Senden' }).click();
    await expect.poll(() => b.page.getByTestId('messages').locator('li').count(), soon).toBe(2);
    // The form is empty again for the next message (the live list may show the answer a moment before the
    // form's own answer comes back and clears it).
    await expect.poll(() => b.page.getByLabel('Ihre Nachricht').inputValue(), soon).toBe('');

    // …and the answer arrives on the sender's open page without reloading.
    await expect.poll(() => a.page.getByTestId('messages').locator('li').count(), soon).toBe(2);
    expect(await a.page.getByTestId('messages').locator('li').nth(1).textContent()).toContain(answer);
    await screenshot(a.page, 'nachricht-angekommen');
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
  it('reads every kind of page', async () => {
    const author = await sharedMember();
    const threadId = await apiThread(
      author.token,
      'Ohne Skripte lesbar',
      'Ein Beitrag, der ohne JavaScript erscheint.',
    );
    const { page } = await newPage(browser, platform.frontendUrl, { javaScriptEnabled: false });
    await page.goto('/projekte');
    const project = await page.getByTestId('project-list').locator('h2 a').first().getAttribute('href');
    await page.goto('/workshops');
    const workshop = await page.locator('main h2 a').first().getAttribute('href');
    for (const path of [
      '/',
      project!,
      '/staedte',
      '/staedte/leipzig',
      '/handlungsfelder',
      '/handlungsfelder/wohnen-und-quartier',
      workshop!,
      '/forum',
      '/forum/allgemeines',
      `/forum/thema/${threadId}`,
      '/mitglieder',
      `/mitglieder/${author.id}`,
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      expect((await page.locator('h1').textContent())?.trim(), path).toBeTruthy();
    }
    // The thread's post is in the page itself, not fetched by a script.
    expect(await page.goto(`/forum/thema/${threadId}`).then((r) => r?.text())).toContain(
      'Ein Beitrag, der ohne JavaScript erscheint.',
    );
    expect(await page.getByTestId('post').count()).toBe(1);
  });

  it('registers, signs out and in, opens a thread, replies and submits a project', async () => {
    const { page } = await newPage(browser, platform.frontendUrl, { javaScriptEnabled: false });
    const name = `Ohne Skript ${randomUUID().slice(0, 6)}`;
    const email = await register(page, name);
    expect(await page.locator('header').textContent()).toContain(name);
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.waitForURL(/abgemeldet/);
    expect(await page.locator('header').textContent()).not.toContain(name);
    await page.goto('/anmelden');
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByLabel('Passwort').fill(password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(await page.locator('header').textContent()).toContain(name);

    await page.goto('/forum/allgemeines');
    const title = `Ganz ohne JavaScript ${randomUUID().slice(0, 4)}`;
    await page.getByLabel('Titel').fill(title);
    await page.getByLabel('Ihr Beitrag (Markdown)').fill('Geht das auch **so**?');
    await page.getByRole('button', { name: 'Diskussion eröffnen' }).click();
    await page.waitForURL(/\/forum\/thema\//);
    expect(await page.locator('h1').textContent()).toBe(title);
    const reply = `Ja, mit einem ganz normalen Formular ${randomUUID().slice(0, 6)}`;
    await page.getByLabel('Ihre Antwort (Markdown)').fill(reply);
    await page.getByRole('button', { name: 'Beitrag senden' }).click();
    await page.waitForLoadState();
    expect(await page.getByTestId('post').count()).toBe(2);
    expect(await page.getByTestId('post').nth(1).textContent()).toContain(reply);
    await screenshot(page, 'ohne-js-thema');

    await page.goto('/projekt-einreichen');
    await page.getByLabel('Titel des Projekts').fill('Nachbarschaftsgarten ohne Skript');
    await page.getByLabel('Kurzbeschreibung').fill('Nachbarinnen und Neuzugewanderte gärtnern gemeinsam.');
    await page.getByLabel('Wohnen und Quartier').check();
    await page.getByRole('button', { name: 'Zur Prüfung einreichen' }).click();
    await page.waitForURL(/meine-einreichungen/);
    expect(await page.getByRole('status').textContent()).toContain('Nachbarschaftsgarten ohne Skript');
    const row = page
      .getByTestId('submissions')
      .locator('tr', { hasText: 'Nachbarschaftsgarten ohne Skript' });
    expect(await row.textContent()).toContain('In Prüfung');
  });

  it('searches the forum and the member directory, and switches the language both ways', async () => {
    const member = await sharedMember();
    const word = uniqueWord('Stadtteilmuetter');
    const threadId = await apiThread(member.token, `Über ${word}`, 'Sie begleiten Familien im Stadtteil.');
    const { page } = await newPage(browser, platform.frontendUrl, { javaScriptEnabled: false });

    await page.goto('/forum');
    await page.getByLabel('Im Forum suchen').fill(word);
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.waitForURL(/suche=/);
    const hits = page.getByTestId('search-results').locator('li');
    expect(await hits.count()).toBe(1);
    expect(await hits.first().getByRole('link').getAttribute('href')).toBe(`/forum/thema/${threadId}`);

    await page.goto('/mitglieder');
    await page.getByLabel('Name oder Organisation').fill(member.name.split(' ').at(-1)!);
    await page.getByLabel('Bereich').selectOption({ label: 'Sozialwesen' });
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.waitForURL(/bereich=SOZIALWESEN/);
    expect(await page.getByTestId('members').locator('li').allTextContents()).toEqual([
      expect.stringContaining(member.name),
    ]);

    // The language switch keeps the page and its filters, both ways.
    await page.goto('/projekte?status=abgeschlossen');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.waitForURL(/\/projekte\?status=abgeschlossen$/);
    expect(await page.locator('h1').textContent()).toBe('Projects');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, 'ohne-js-englisch');
    await page.getByRole('button', { name: 'Auf Deutsch wechseln' }).click();
    await page.waitForURL(/\/projekte\?status=abgeschlossen$/);
    expect(await page.locator('h1').textContent()).toBe('Projekte');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
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
  it('has no axe-core (WCAG 2.2 A/AA) violations and gets a screenshot', async () => {
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
      ['forum-suche-leer', '/forum?suche=Sprache'],
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

  it('is in English when the visitor switches the language, and in German again when they switch back', async () => {
    const { page, context } = await newPage(browser, platform.frontendUrl);
    await page.goto('/projekte');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.waitForURL(/\/projekte/);
    expect(await page.locator('h1').textContent()).toBe('Projects');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // The whole interface follows, on every page, until the visitor switches back.
    expect(await page.getByRole('button', { name: 'Apply' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Forum', exact: true }).click();
    await page.waitForURL(/\/forum$/);
    expect(await page.getByLabel('Search the forum').count()).toBe(1);
    await screenshot(page, 'englisch');
    await page.getByRole('button', { name: 'Auf Deutsch wechseln' }).click();
    await page.waitForURL(/\/forum$/);
    expect(await page.locator('h1').textContent()).toBe('Forum');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.getByLabel('Im Forum suchen').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Switch to English' }).count()).toBe(1);
    await context.close();
  });
});

describe('the page guard', () => {
  const german404 = {
    url: 'http://127.0.0.1/x',
    method: 'GET',
    status: 404,
    contentType: 'text/html',
    locale: 'de',
  } as const;

  it('flags the German 403 page that a form posted from another site gets', async () => {
    const { page, guard } = await newPage(browser, platform.frontendUrl);
    // Another site (in English: not the website's page, so not its language to judge), with a form that posts
    // to this website's sign-in.
    await page.route('http://andere-seite.example/**', (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body:
          '<!doctype html><html lang="en"><title>Another site</title>' +
          `<form method="POST" action="${platform.frontendUrl}/anmelden">` +
          '<input name="email" value="opfer@example.org"><input name="password" value="geraten">' +
          '<button>Win a prize</button></form></html>',
      }),
    );
    await page.goto('http://andere-seite.example/');
    const refused = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Win a prize' }).click();
    const response = await refused;
    expect(response.request().headers()['origin']).toBe('http://andere-seite.example');
    const observed: ObservedResponse = {
      url: response.url(),
      method: 'POST',
      status: response.status(),
      contentType: (await response.headerValue('content-type')) ?? '',
      body: await response.text(),
      locale: 'de',
    };
    // The website refuses it with a page in German…
    expect(observed.status).toBe(403);
    await page.waitForLoadState();
    expect(await page.locator('h1').textContent()).toBe('Fehler 403');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.locator('main').textContent()).toContain('nicht von dieser Website abgeschickt');
    await screenshot(page, 'fremde-seite-403');
    // …which the detection flags for its status alone (nothing English, no trace)…
    expect(problemsOf(observed)).toEqual([expect.stringMatching(/POST \S+\/anmelden → 403: status 403$/)]);
    // …and so did the guard watching the page (taken here, so that this test passes).
    expect(await guard.take()).toEqual([expect.stringContaining('status 403')]);
  });

  it('passes the website’s German error pages and flags English fallbacks, traces and the wrong language', async () => {
    const { page, guard } = await newPage(browser, platform.frontendUrl);
    const response = await page.goto('/gibt-es-nicht');
    const notFound: ObservedResponse = {
      ...german404,
      url: response!.url(),
      contentType: (await response!.headerValue('content-type')) ?? '',
      body: await response!.text(),
    };
    expect(notFound.status).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Fehler 404');
    // A German error page is what a person should see: nothing to flag.
    expect(problemsOf(notFound)).toEqual([]);
    expect(await guard.take()).toEqual([]);
    // The same page, had the visitor chosen English, is in the wrong language.
    expect(problemsOf({ ...notFound, locale: 'en' })).toEqual([expect.stringContaining('<html lang="de">')]);

    // What SvelteKit and Node show when the website's own pages fail.
    const sveltekitFallback = `<!doctype html><html lang="en"><head><title>Internal Error</title></head><body><h1>500</h1><p>Internal Error</p></body></html>`;
    expect(problemsOf({ ...german404, status: 500, body: sveltekitFallback }).join('\n')).toMatch(
      /status 500[\s\S]*Internal Error[\s\S]*lang="en"/,
    );
    expect(problemsOf({ ...german404, status: 200, contentType: 'text/plain', body: 'Not found' })).toEqual([
      expect.stringContaining('“Not found”'),
    ]);
    expect(
      problemsOf({
        ...german404,
        method: 'POST',
        status: 403,
        contentType: 'text/plain',
        body: 'Cross-site POST form submissions are forbidden',
      }),
    ).toHaveLength(2);
    const trace =
      'TypeError: Cannot read properties of undefined\n    at load (file:///app/build/server/chunks/page.js:1:2)';
    expect(problemsOf({ ...german404, status: 200, contentType: 'text/plain', body: trace })).not.toEqual([]);
    expect(
      problemsOf({
        ...german404,
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({ type: 'error', error: { message: 'Internal Error', stack: trace } }),
      }).length,
    ).toBeGreaterThanOrEqual(2);
    expect(
      problemsOf({
        ...german404,
        status: 200,
        body: '<html lang="de"><p>Fehler in /work/src/lib/server/api.ts, node_modules/@urql/core</p></html>',
      }),
    ).toHaveLength(2);
  });
});
