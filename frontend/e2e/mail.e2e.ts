// Mail as a person meets it: what arrives in the inbox (MailDev, read through its REST API), the links in
// it, and the pages they open — password reset, confirming the address, following a city and hearing of a
// new project there, one-click unsubscribe — in Chromium against the whole platform.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { inbox, linkIn, rawHeader, registerVerified, waitForMail } from '@stadtnetz/platform';
import { launchBrowser, newPage, screenshot } from './browser';
import { startPlatform } from './platform';

let platform: Awaited<ReturnType<typeof startPlatform>>;
let chromium: Awaited<ReturnType<typeof launchBrowser>>;
let browser: Browser;
const password = 'ein sicheres Passwort';
const soon = { timeout: 30_000 };

beforeAll(async () => {
  platform = await startPlatform();
  chromium = await launchBrowser();
  browser = chromium.browser;
});

afterAll(async () => {
  await chromium?.close();
  await platform?.close();
});

async function gql(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(`${platform.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as { data?: any; errors?: any[] }) };
}

const member = (name: string) =>
  registerVerified(platform.gatewayUrl, platform.mailUrl, {
    email: `${randomUUID()}@example.org`,
    password,
    displayName: name,
    sector: 'VERWALTUNG',
  });

async function signedIn(token: string) {
  const opened = await newPage(browser, platform.frontendUrl);
  await opened.context.addCookies([
    { name: 'stadtnetz_session', value: token, url: platform.frontendUrl, httpOnly: true },
  ]);
  return opened;
}

const text = (page: Page) => page.locator('main').innerText();

describe('password reset', () => {
  it('mails a link from "Passwort vergessen"; the new password works, older sessions end, the link works once', async () => {
    const anna = await member('Anna Vergesslich');
    const { page, context } = await newPage(browser, platform.frontendUrl);
    await page.goto('/anmelden');
    await page.getByRole('link', { name: 'Passwort vergessen?' }).click();
    await page.getByRole('heading', { name: 'Passwort vergessen' }).waitFor();
    await page.getByLabel('E-Mail-Adresse').fill(anna.email);
    await page.getByRole('button', { name: 'Link schicken' }).click();
    await expect.poll(() => text(page), soon).toContain(`Wenn es für ${anna.email} ein Konto gibt`);

    const mail = await waitForMail(platform.mailUrl, anna.email, { subject: /Ihr neues Passwort/ });
    expect(mail.html).toContain('lang="de"');
    const link = linkIn(mail, '/passwort-vergessen/');
    await page.goto(link);
    await page.getByLabel('Neues Passwort', { exact: true }).fill('mein ganz neues Passwort');
    await page.getByLabel('Neues Passwort wiederholen').fill('mein ganz neues Passwort');
    await page.getByRole('button', { name: 'Passwort speichern' }).click();
    await page.waitForURL(/\/profil/);
    await expect.poll(() => text(page), soon).toContain('Ihr neues Passwort gilt');
    await screenshot(page, 'mail-reset-done');

    // The session from before the reset is refused; the new password signs in.
    const old = await gql('{ me { id } }', {}, anna.token);
    expect(old.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const again = await gql(
      'mutation ($e: String!) { signIn(email: $e, password: "mein ganz neues Passwort") { token } }',
      {
        e: anna.email,
      },
    );
    expect(again.data?.signIn.token).toBeTruthy();

    // The same link a second time: a clear German page, nothing changed.
    await page.goto(link);
    await page.getByLabel('Neues Passwort', { exact: true }).fill('noch ein anderes Passwort');
    await page.getByLabel('Neues Passwort wiederholen').fill('noch ein anderes Passwort');
    await page.getByRole('button', { name: 'Passwort speichern' }).click();
    await expect.poll(() => text(page), soon).toContain('Dieser Link wurde schon benutzt.');
    await expect.poll(() => text(page)).toContain('Es wurde nichts geändert.');
    // A made-up link.
    await page.goto('/passwort-vergessen/kaputt');
    await page.getByLabel('Neues Passwort', { exact: true }).fill('noch ein anderes Passwort');
    await page.getByLabel('Neues Passwort wiederholen').fill('noch ein anderes Passwort');
    await page.getByRole('button', { name: 'Passwort speichern' }).click();
    await expect.poll(() => text(page), soon).toContain('Dieser Link ist ungültig.');
    await context.close();
  });
});

describe('confirming the address', () => {
  it('lets an unconfirmed member read and sign in, says why writing waits, sends the link again', async () => {
    const email = `${randomUUID()}@example.org`;
    const { page, context } = await newPage(browser, platform.frontendUrl);
    await page.goto('/registrieren');
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByLabel('Passwort').fill(password);
    await page.getByLabel('Name, wie er angezeigt wird').fill('Noch Unbestätigt');
    await page.getByLabel('Bereich').selectOption('SOZIALWESEN');
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    await page.getByRole('heading', { name: 'Bitte sehen Sie in Ihr Postfach' }).waitFor();
    const first = await waitForMail(platform.mailUrl, email, { subject: /bestätigen/ });

    await page.goto('/anmelden');
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByLabel('Passwort').fill(password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect.poll(() => text(page), soon).toContain('Ihre E-Mail-Adresse ist noch nicht bestätigt');
    await page.getByRole('button', { name: 'Bestätigungslink neu schicken' }).first().click();
    await expect
      .poll(() => text(page), soon)
      .toContain('Wir haben Ihnen einen neuen Bestätigungslink geschickt.');
    const second = await waitForMail(platform.mailUrl, email, { subject: /bestätigen/, after: 1 });
    expect(second.id).not.toBe(first.id);

    // The older link no longer works; the newer one confirms and signs in.
    await page.goto(linkIn(first, '/e-mail/bestaetigen/'));
    await page.getByRole('button', { name: 'Adresse bestätigen' }).click();
    await expect.poll(() => text(page), soon).toContain('Dieser Link wurde schon benutzt.');
    await page.goto(linkIn(second, '/e-mail/bestaetigen/'));
    await page.getByRole('button', { name: 'Adresse bestätigen' }).click();
    await page.waitForURL(/\/profil/);
    await expect.poll(() => text(page), soon).toContain('Ihre E-Mail-Adresse ist bestätigt');
    expect(await text(page)).not.toContain('noch nicht bestätigt');
    await context.close();
  });

  it('answers a registration with a known address like any other, and mails the owner', async () => {
    const known = await member('Schon Dabei');
    const { page, context } = await newPage(browser, platform.frontendUrl);
    await page.goto('/registrieren');
    await page.getByLabel('E-Mail-Adresse').fill(known.email);
    await page.getByLabel('Passwort').fill('irgendein Passwort');
    await page.getByLabel('Name, wie er angezeigt wird').fill('Doppelt');
    await page.getByLabel('Bereich').selectOption('SOZIALWESEN');
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    await page.getByRole('heading', { name: 'Bitte sehen Sie in Ihr Postfach' }).waitFor();
    const mail = await waitForMail(platform.mailUrl, known.email, { subject: /schon ein Konto/ });
    expect(mail.text).toContain('/passwort-vergessen');
    await context.close();
  });
});

describe('following a city', () => {
  it('follows from the city page; an editor publishes a project there; the follower gets a mail and unsubscribes with one click', async () => {
    const follower = await member('Folgt Der Stadt');
    const { cities, actionFields } = (
      await gql('{ cities { documentId slug name } actionFields { documentId } }')
    ).data;
    const city = cities[0];
    const { page, context } = await signedIn(follower.token);

    await page.goto('/profil/benachrichtigungen');
    await page
      .getByRole('group', { name: 'Neue Projekte, Workshops und Diskussionen in dem, was ich verfolge' })
      .getByLabel('sofort')
      .check();
    await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
    await expect.poll(() => text(page), soon).toContain('Ihre Einstellungen wurden gespeichert.');

    await page.goto(`/staedte/${city.slug}`);
    await page.getByRole('button', { name: 'dieser Stadt folgen' }).click();
    await expect.poll(() => text(page), soon).toContain('Sie folgen dieser Stadt.');
    await page.goto('/profil/benachrichtigungen');
    await expect.poll(() => text(page), soon).toContain(city.name);
    await screenshot(page, 'mail-settings');

    // Someone submits a project in that city, and an editor publishes it.
    const submitter = await member('Reicht Ein');
    const title = `Nachbarschaftshilfe ${randomUUID().slice(0, 6)}`;
    const submitted = await gql(
      'mutation ($input: SubmitProjectInput!) { submitProject(input: $input) { documentId } }',
      {
        input: {
          title,
          summary: 'Nachbarn helfen Nachbarn.',
          city: city.documentId,
          actionFields: [actionFields[0].documentId],
        },
      },
      submitter.token,
    );
    const documentId = submitted.data.submitProject.documentId;
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

    const mail = await waitForMail(platform.mailUrl, follower.email, {
      subject: new RegExp(`Neu: ${title}`),
    });
    expect(mail.text).toContain(`/projekte/${documentId}`);
    expect(await rawHeader(platform.mailUrl, mail, 'List-Unsubscribe-Post')).toBe(
      'List-Unsubscribe=One-Click',
    );
    expect(await rawHeader(platform.mailUrl, mail, 'List-Unsubscribe')).toMatch(
      /^<http:\/\/127\.0\.0\.1:\d+\/e-mail\/abbestellen\/[^>]+>$/,
    );
    // Once, however often the CMS's event is delivered.
    expect(
      (await inbox(platform.mailUrl)).filter(
        (m) => m.subject === mail.subject && m.to[0]?.address === follower.email,
      ),
    ).toHaveLength(1);

    // The link in the mail: one click, no sign-in (a fresh browser).
    const unsubscribeUrl = linkIn(mail, '/e-mail/abbestellen/');
    const anonymous = await newPage(browser, platform.frontendUrl);
    await anonymous.page.goto(unsubscribeUrl);
    await anonymous.page.getByRole('button', { name: 'Abbestellen' }).click();
    await expect.poll(() => text(anonymous.page), soon).toContain('Abbestellt.');
    expect(await text(anonymous.page)).toContain(
      'Neue Projekte, Workshops und Diskussionen in dem, was ich verfolge',
    );
    await anonymous.context.close();
    // What a mail program does with List-Unsubscribe-Post (RFC 8058): a form post from no page of ours.
    const oneClick = await fetch(unsubscribeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    await page.goto('/profil/benachrichtigungen');
    expect(
      await page
        .getByRole('group', { name: 'Neue Projekte, Workshops und Diskussionen in dem, was ich verfolge' })
        .getByLabel('nie')
        .isChecked(),
    ).toBe(true);
    await context.close();
  }, 300_000);
});
