// The Strapi admin as an editor meets it: the account `npm start` prints for daily work, a German interface,
// German field labels, and the preview button that opens the draft on the website.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './browser';
import { registerVerified } from '@stadtnetz/platform';
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

/** The admin is Strapi's, not the website: a context of its own, without the website's page guard. */
async function adminPage() {
  const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  await page.setViewportSize({ width: 1366, height: 900 });
  return { context, page };
}

async function signIn(page: Page, account: { email: string; password: string }) {
  await page.goto(`${platform.platform.urls.admin}/auth/login`);
  // German before anybody has signed in.
  await page.getByText('Logge dich in deinen Strapi Account ein').waitFor({ timeout: 60_000 });
  await page.getByLabel('E-Mail').fill(account.email);
  await page.getByLabel('Passwort').fill(account.password);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL(/\/admin(\/)?$/, { timeout: 60_000 });
}

describe('the Strapi admin', () => {
  it('signs the printed editor in, in German, without settings for roles or plugins', async () => {
    expect(platform.platform.editor.email).not.toBe(platform.platform.admin.email);
    const { page, context } = await adminPage();
    await signIn(page, platform.platform.editor);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'admin-home-editor');
    // Strapi's German main menu (its own German keeps the name "Content Manager").
    await page.getByRole('link', { name: 'Medienbibliothek' }).first().waitFor();
    expect(await page.getByRole('link', { name: 'Startseite' }).count()).toBeGreaterThan(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    // The editor's settings hold no roles, users or plugins.
    await page.goto(`${platform.platform.urls.admin}/settings/roles`);
    await page.waitForLoadState('networkidle');
    expect(await page.getByText('Super Admin').count()).toBe(0);
    await context.close();
  });

  it('labels the fields in German, with help texts, and opens the preview of a draft on the website', async () => {
    const { page, context } = await adminPage();
    await signIn(page, platform.platform.editor);
    await page.goto(
      `${platform.platform.urls.admin}/content-manager/collection-types/api::project.project/create?plugins[i18n][locale]=de`,
    );
    await page.getByText('Handlungsfelder', { exact: true }).first().waitFor({ timeout: 60_000 });
    await screenshot(page, 'admin-project-labels');
    expect(await page.getByText('Eingereicht von (Mitglieds-ID)').count()).toBeGreaterThan(0);
    const labels = await page.locator('label').allTextContents();
    expect(labels).toEqual(expect.arrayContaining([expect.stringMatching(/^Kurzbeschreibung/)]));
    expect(await page.getByText('Zwei, drei Sätze für Listen und Suchergebnisse').count()).toBe(1);
    expect(await page.getByText('actionFields', { exact: true }).count()).toBe(0);
    expect(await page.getByText('submittedBy', { exact: true }).count()).toBe(0);
    await screenshot(page, 'admin-project-labels');

    // A saved draft has the preview button; it opens the website's /vorschau with the draft.
    const title = `Admin-Vorschau ${Date.now()}`;
    await page
      .getByLabel(/^Titel/)
      .first()
      .fill(title);
    await page
      .getByLabel(/^Kurzbeschreibung/)
      .first()
      .fill('Ein Entwurf für die Vorschau.');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForURL(/api::project\.project\/[a-z0-9]{20,}/, { timeout: 60_000 });
    const open = page
      .getByRole('link', { name: 'Vorschau öffnen' })
      .or(page.getByRole('button', { name: 'Vorschau öffnen' }));
    await open.first().waitFor({ timeout: 60_000 });
    await open.first().click();
    const frame = page.frameLocator('iframe');
    await frame.locator('h1').filter({ hasText: title }).waitFor({ timeout: 60_000 });
    expect(await frame.getByTestId('preview-banner').textContent()).toContain('nicht veröffentlicht');
    await screenshot(page, 'admin-preview');
    await context.close();
  });

  it('shows a workshop’s registrations beside it, gives a waiting member a seat, and exports them as CSV', async () => {
    const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
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
    const { workshops } = await gql(
      `{ workshops(sort: "number:desc", pagination: { pageSize: 1 }) { documentId } }`,
    );
    const workshopId = workshops[0].documentId as string;
    const names = ['Amira Admin-Test', 'Bernd Admin-Test', 'Clara Admin-Test', 'Deniz Admin-Test'];
    for (const [index, displayName] of names.entries()) {
      const registerMember = await registerVerified(platform.gatewayUrl, platform.mailUrl, {
        email: `${randomUUID()}@example.org`,
        password: 'ein sicheres Passwort',
        displayName,
        sector: 'SOZIALWESEN',
      });
      const answers = index === 0 ? [{ key: 'verpflegung', value: 'vegetarisch' }] : [];
      await gql(
        'mutation ($input: RegisterForWorkshopInput!) { registerForWorkshop(input: $input) { status } }',
        { input: { workshopId, answers } },
        registerMember.token,
      );
    }

    const { page, context } = await adminPage();
    await signIn(page, platform.platform.editor);
    await page.goto(
      `${platform.platform.urls.admin}/content-manager/collection-types/api::workshop.workshop/${workshopId}?plugins[i18n][locale]=de`,
    );
    const panel = page.getByTestId('workshop-registrations');
    await panel.waitFor({ timeout: 60_000 });
    await expect.poll(() => panel.textContent()).toContain('3 von 3 Plätzen belegt, 1 auf der Warteliste');
    expect(await panel.textContent()).toContain('Wünsche zur Verpflegung');
    expect(await panel.textContent()).toContain('vegetarisch');
    await screenshot(page, 'admin-workshop-registrations');

    const waiting = panel
      .locator('div')
      .filter({ hasText: /^Deniz Admin-Test/ })
      .first();
    await waiting.getByRole('button', { name: 'Platz geben' }).click();
    await expect.poll(() => panel.textContent()).toContain('4 von 3 Plätzen belegt, 0 auf der Warteliste');

    const download = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Als CSV exportieren' }).click(),
    ]);
    const csv = readFileSync((await download[0].path())!, 'utf8');
    expect(csv).toContain('Amira Admin-Test');
    expect(csv.split('\r\n')[0]).toContain('Status,Platz auf der Warteliste,Name,E-Mail');
    await context.close();
  });
});
