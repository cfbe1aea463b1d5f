// Registering for a workshop as members meet it: from the workshop page, with and without JavaScript, the seats
// and waiting list live for everyone watching, and a cancellation that moves the first on the list up — in
// headless Chromium against the whole platform, started as `npm start` starts it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, screenshot } from './browser';
import { registerVerified, waitForMail } from '@stadtnetz/platform';
import { startPlatform } from './platform';

let platform: Awaited<ReturnType<typeof startPlatform>>;
let chromium: Awaited<ReturnType<typeof launchBrowser>>;
let browser: Browser;
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

async function gql(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(`${platform.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data?: any; errors?: unknown[] };
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

async function member(name: string) {
  // Registered, and the address confirmed with the link from the platform's inbox (MailDev).
  const email = `${randomUUID()}@example.org`;
  const { token } = await registerVerified(platform.gatewayUrl, platform.mailUrl, {
    email,
    password: 'ein sicheres Passwort',
    displayName: name,
    sector: 'VERWALTUNG',
  });
  return { name, token, email };
}

/** The mail's source as sent: its parts (the calendar invitation among them). */
const sourceOf = async (id: string) => (await fetch(`${platform.mailUrl}/api/email/${id}/source`)).text();

type Member = Awaited<ReturnType<typeof member>>;

async function signedIn(token: string, options: { javaScriptEnabled?: boolean } = {}) {
  const person = await newPage(browser, platform.frontendUrl, options);
  await person.context.addCookies([
    { name: 'stadtnetz_session', value: token, url: platform.frontendUrl, httpOnly: true, sameSite: 'Lax' },
  ]);
  return person;
}

async function workshops() {
  const data = await gql(`{ workshops(sort: "number:asc") { documentId number } }`);
  return data.workshops as { documentId: string; number: number }[];
}

describe('workshop registration', () => {
  it('registers with the questions, fills up live for a visitor, waits, and moves up on a cancellation', async () => {
    const upcoming = (await workshops()).at(-1)!;
    const address = `/workshops/${upcoming.documentId}`;
    const [anna, ben, cem, dora] = (await Promise.all(['Anna', 'Ben', 'Cem', 'Dora'].map(member))) as [
      Member,
      Member,
      Member,
      Member,
    ];

    // A visitor keeps the page open; what others do reaches it without a reload.
    const visitor = await newPage(browser, platform.frontendUrl);
    await visitor.page.goto(address);
    const visitorSeats = visitor.page.getByTestId('signup-seats');
    await expect.poll(() => visitorSeats.textContent(), soon).toContain('Noch 3 von 3 Plätzen frei');
    expect(await visitor.page.getByTestId('signup').textContent()).toContain('Melden Sie sich an');

    const first = await signedIn(anna.token);
    await first.page.goto(address);
    await first.page
      .getByLabel(/Brauchen Sie etwas, um teilnehmen zu können/)
      .fill('Stufenloser Zugang, bitte');
    await first.page.getByRole('button', { name: 'Zum Workshop anmelden' }).click();
    await expect
      .poll(() => first.page.getByTestId('signup-mine').textContent(), soon)
      .toContain('Sie sind angemeldet');
    expect(await first.page.getByTestId('signup-seats').textContent()).toContain('Noch 2 von 3 Plätzen frei');
    await screenshot(first.page, 'workshop-signup-confirmed');
    // The confirmation reaches the member's inbox with the invitation for the calendar.
    const confirmation = await waitForMail(platform.mailUrl, anna.email, { subject: /^Anmeldung bestätigt/ });
    expect(confirmation.text).toContain('Termin:');
    expect(await sourceOf(confirmation.id)).toMatch(/text\/calendar;[^\n]*method=REQUEST/i);
    expect(await axeViolations(first.page)).toEqual([]);

    await expect.poll(() => visitorSeats.textContent(), soon).toContain('Noch 2 von 3 Plätzen frei');
    for (const person of [ben, cem]) {
      await gql(
        'mutation ($input: RegisterForWorkshopInput!) { registerForWorkshop(input: $input) { status } }',
        { input: { workshopId: upcoming.documentId, answers: [] } },
        person.token,
      );
    }
    await expect.poll(() => visitorSeats.textContent(), soon).toContain('Alle Plätze vergeben');
    await screenshot(visitor.page, 'workshop-signup-full-live');

    // Without JavaScript: the form posts, the page comes back with the place on the waiting list.
    const last = await signedIn(dora.token, { javaScriptEnabled: false });
    await last.page.goto(address);
    await last.page.getByRole('button', { name: 'Auf die Warteliste setzen' }).click();
    await last.page.waitForLoadState('load');
    expect(await last.page.getByTestId('signup-mine').textContent()).toContain('an Stelle 1');
    await screenshot(last.page, 'workshop-signup-waitlisted');

    // Anna cancels: her seat goes to Dora at once.
    await first.page.getByRole('button', { name: 'Anmeldung stornieren' }).click();
    await expect.poll(() => first.page.getByTestId('signup-mine').textContent(), soon).toContain('storniert');
    // A fresh visit (a reload would send the page's form again).
    await last.page.goto(address);
    expect(await last.page.getByTestId('signup-mine').textContent()).toContain('Sie sind angemeldet');
    await waitForMail(platform.mailUrl, dora.email, { subject: /^Sie sind nachgerückt/ });
    const cancellation = await waitForMail(platform.mailUrl, anna.email, { subject: /^Anmeldung storniert/ });
    expect(await sourceOf(cancellation.id)).toMatch(/method=CANCEL/i);
    await expect.poll(() => visitorSeats.textContent(), soon).toContain('Auf der Warteliste: 0');

    // Registering twice is refused with a clear German message, and nothing changes.
    const twice = await signedIn(ben.token, { javaScriptEnabled: false });
    await twice.page.goto(address);
    expect(await twice.page.getByRole('button', { name: 'Zum Workshop anmelden' }).count()).toBe(0);
    expect(await twice.page.getByRole('button', { name: 'Anmeldung stornieren' }).count()).toBe(1);
  });

  it('shows a past workshop closed for registration, with its documentation first', async () => {
    const [first] = await workshops();
    const { page } = await newPage(browser, platform.frontendUrl);
    await page.goto(`/workshops/${first!.documentId}`);
    expect(await page.getByTestId('signup-seats').textContent()).toContain('Anmeldung geschlossen');
    expect(await page.getByRole('button', { name: 'Zum Workshop anmelden' }).count()).toBe(0);
    const order = await page
      .locator('main section[aria-labelledby]')
      .evaluateAll((sections) => sections.map((section) => section.getAttribute('aria-labelledby')));
    expect(order.indexOf('doku')).toBeLessThan(order.indexOf('leitfrage'));
  });
});
