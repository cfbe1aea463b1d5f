// The forum and messages as members and moderators meet them, and the site's accessibility checks, in real
// headless Chromium against the whole platform: long threads in pages, what changes live, what screen readers
// hear, forms sent once, plurals, mentions, the moderation page, the header's counts; axe with WCAG 2.2 AA,
// target sizes, focus below the sticky header, and the map by keyboard.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, screenshot } from './browser';
import { registerVerified } from '@stadtnetz/platform';
import { startPlatform } from './platform';

let platform: Awaited<ReturnType<typeof startPlatform>>;
let chromium: Awaited<ReturnType<typeof launchBrowser>>;
let browser: Browser;
const password = 'ein sicheres Passwort';
/** The forum makes whoever registers with this address an admin (FORUM_ADMIN_EMAILS). */
const ADMIN_EMAIL = `admin-${randomUUID().slice(0, 8)}@example.org`;
/** For what comes back from the server: longer than expect.poll's default second on a shared machine. */
const soon = { timeout: 15_000 };

beforeAll(async () => {
  platform = await startPlatform({ env: { forum: { FORUM_ADMIN_EMAILS: ADMIN_EMAIL } } });
  chromium = await launchBrowser();
  browser = chromium.browser;
});

afterAll(async () => {
  await chromium?.close();
  await platform?.close();
});

/** The public GraphQL API (or the forum itself), for what a test needs in place before the person starts. */
async function gql(query: string, variables: Record<string, unknown> = {}, token?: string, url?: string) {
  const response = await fetch(`${url ?? platform.gatewayUrl}/graphql`, {
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

type Member = { name: string; token: string; id: string; handle: string };

/**
 * A member registered through the API who confirmed the address with the link from the platform's inbox (the
 * forum allows 20 registrations an hour from one address).
 */
async function apiMember(name: string, email = `${randomUUID()}@example.org`): Promise<Member> {
  const { id, token } = await registerVerified(platform.gatewayUrl, platform.mailUrl, {
    email,
    password,
    displayName: name,
    sector: 'SOZIALWESEN',
  });
  const { me } = await gql('{ me { handle } }', {}, token);
  return { name, token, id, handle: me.handle };
}

// The people of this file, each registered once.
let people: Promise<{ anna: Member; ben: Member; cara: Member; admin: Member }> | undefined;
const cast = () =>
  (people ??= (async () => ({
    anna: await apiMember('Anna Albers'),
    ben: await apiMember('Ben Brandt'),
    cara: await apiMember('Cara Conrad'),
    admin: await apiMember('Ada Admin', ADMIN_EMAIL),
  }))());

async function categoryId(slug = 'allgemeines') {
  const { categories } = await gql('{ categories { id slug name } }');
  return (categories.find((c: { slug: string }) => c.slug === slug) ?? categories[0]) as {
    id: string;
    slug: string;
    name: string;
  };
}

async function apiThread(token: string, title: string, body: string, extra: Record<string, unknown> = {}) {
  const { createThread } = await gql(
    'mutation ($input: CreateThreadInput!) { createThread(input: $input) { id } }',
    { input: { title, body, categoryId: (await categoryId()).id, ...extra } },
    token,
  );
  return createThread.id as string;
}

async function apiPost(token: string, threadId: string, body: string, url?: string) {
  const { addPost } = await gql(
    'mutation ($input: AddPostInput!) { addPost(input: $input) { id } }',
    { input: { threadId, body } },
    token,
    url,
  );
  return addPost.id as string;
}

async function postBodies(threadId: string) {
  const bodies: string[] = [];
  let after: string | null = null;
  for (;;) {
    const {
      posts,
    }: { posts: { nodes: { body: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } =
      await gql(
        'query ($id: ID!, $after: String) { posts(threadId: $id, first: 100, after: $after) { nodes { body } pageInfo { hasNextPage endCursor } } }',
        { id: threadId, after },
      );
    bodies.push(...posts.nodes.map((p) => p.body));
    if (!posts.pageInfo.hasNextPage) return bodies;
    after = posts.pageInfo.endCursor;
  }
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

/** The page's scripts have started (hydrated) and its live socket is open, so a live event can arrive. */
async function live(page: Page) {
  await page.waitForLoadState('networkidle');
}

const focusedId = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return 'body';
    active.setAttribute('data-focus-probe', active.getAttribute('data-focus-probe') ?? String(Math.random()));
    return active.getAttribute('data-focus-probe');
  });

describe('a long thread', () => {
  let threadId: string;
  beforeAll(async () => {
    const { anna } = await cast();
    threadId = await apiThread(anna.token, 'Ein sehr langes Gespräch', 'Beitrag 1');
    // 133 answers written at the forum itself (the gateway's rate limit would count them against the tests).
    for (let n = 2; n <= 134; n += 1) await apiPost(anna.token, threadId, `Beitrag ${n}`, platform.forumUrl);
  }, 120_000);

  it('is paged by links that work without JavaScript; a page past the end goes to the last one', async () => {
    const { page } = await newPage(browser, platform.frontendUrl, { javaScriptEnabled: false });
    await page.goto(`/forum/thema/${threadId}`);
    const posts = page.getByTestId('post');
    expect(await posts.count()).toBe(100);
    expect(await posts.first().locator('.body').innerText()).toBe('Beitrag 1');
    expect(await posts.last().locator('.body').innerText()).toBe('Beitrag 100');
    expect(await page.getByTestId('post-count').innerText()).toBe('134 Beiträge');
    await screenshot(page, 'forum-seite-1');
    const pagination = page.getByRole('navigation', { name: 'Seitennavigation' }).first();
    await pagination.getByRole('link', { name: 'Seite 2' }).click();
    await page.waitForURL(/\?seite=2$/);
    expect(await posts.count()).toBe(34);
    expect(await posts.first().locator('.body').innerText()).toBe('Beitrag 101');
    expect(await posts.last().locator('.body').innerText()).toBe('Beitrag 134');
    await page.getByRole('link', { name: 'Vorherige Seite' }).first().click();
    await page.waitForURL((url) => !url.search.includes('seite=2'));
    expect(await posts.first().locator('.body').innerText()).toBe('Beitrag 1');

    await page.goto(`/forum/thema/${threadId}?seite=9`);
    expect(new URL(page.url()).search).toBe('?seite=2');
    expect(await posts.count()).toBe(34);
    for (const bad of ['0', 'zwei', '-1']) {
      const response = await page.goto(`/forum/thema/${threadId}?seite=${bad}`);
      expect(response?.status(), bad).toBe(404);
      expect(await page.locator('h1').innerText()).toBe('Fehler 404');
    }
  });

  it('keeps the live tail on the last page only, and the post count live on every page', async () => {
    const { anna, ben } = await cast();
    const first = await signedIn(ben);
    const last = await signedIn(ben);
    await first.page.goto(`/forum/thema/${threadId}`);
    await last.page.goto(`/forum/thema/${threadId}?seite=2`);
    await Promise.all([live(first.page), live(last.page)]);
    // The reply form is on the last page; the others link there.
    expect(await first.page.getByLabel('Ihre Antwort (Markdown)').count()).toBe(0);
    expect(
      await first.page.getByRole('link', { name: 'Antworten: zur letzten Seite' }).getAttribute('href'),
    ).toBe(`/forum/thema/${threadId}?seite=2#antworten`);
    await last.page.getByLabel('Ihre Antwort (Markdown)').focus();
    const focused = await focusedId(last.page);

    await apiPost(anna.token, threadId, 'Beitrag 135, live');
    await expect
      .poll(() => last.page.getByTestId('post').last().locator('.body').innerText(), soon)
      .toBe('Beitrag 135, live');
    // Announced politely to screen readers, and the focus stays where the reader was typing.
    await expect
      .poll(() => last.page.locator('[aria-live="polite"]').allInnerTexts(), soon)
      .toContain('Neuer Beitrag von Anna Albers');
    expect(await focusedId(last.page)).toBe(focused);
    for (const page of [first.page, last.page])
      await expect.poll(() => page.getByTestId('post-count').innerText(), soon).toBe('135 Beiträge');
    // Page 1 keeps its 100 posts.
    expect(await first.page.getByTestId('post').count()).toBe(100);
    expect(await first.page.getByText('Beitrag 135, live').count()).toBe(0);
  });

  it('opens the page a post is on from a link to that post', async () => {
    const { anna } = await cast();
    const postId = await apiPost(anna.token, threadId, 'Wo stehe ich?');
    const { page } = await newPage(browser, platform.frontendUrl, { javaScriptEnabled: false });
    await page.goto(`/forum/thema/${threadId}?beitrag=${postId}`);
    expect(page.url()).toContain(`?seite=2#beitrag-${postId}`);
    expect(await page.locator(`#beitrag-${postId} .body`).innerText()).toBe('Wo stehe ich?');
  });
});

describe('live changes', () => {
  it('shows reactions, the solution and the thread’s post count live to another reader', async () => {
    const { anna, ben } = await cast();
    const threadId = await apiThread(anna.token, 'Wer weiß Rat?', 'Eine Frage');
    const answerId = await apiPost(ben.token, threadId, 'Die Antwort');
    const reader = await signedIn(ben);
    await reader.page.goto(`/forum/thema/${threadId}`);
    await live(reader.page);
    const answer = reader.page.locator(`#beitrag-${answerId}`);
    expect(await answer.getByRole('button', { name: 'Danke: 0' }).count()).toBe(1);
    await gql(
      'mutation ($id: ID!) { react(postId: $id, kind: THANKS) { id } }',
      { id: answerId },
      anna.token,
    );
    await answer.getByRole('button', { name: 'Danke: 1' }).waitFor(soon);
    await gql('mutation ($id: ID!) { markSolution(postId: $id) { id } }', { id: answerId }, anna.token);
    await answer.getByText('✓ Lösung').waitFor(soon);
    await reader.page.getByRole('link', { name: 'Zur Lösung springen' }).waitFor(soon);
    await apiPost(anna.token, threadId, 'Danke!');
    await expect.poll(() => reader.page.getByTestId('post-count').innerText(), soon).toBe('3 Beiträge');
    await screenshot(reader.page, 'forum-live-loesung');
  });

  it('shows a new discussion on a project page as it is opened', async () => {
    const { anna } = await cast();
    const { projects } = await gql(
      '{ projects(pagination: { pageSize: 100 }) { documentId discussions(first: 1) { id } } }',
    );
    const quiet = projects.find((p: { discussions: unknown[] }) => p.discussions.length === 0);
    const { page } = await newPage(browser, platform.frontendUrl);
    await page.goto(`/projekte/${quiet.documentId}`);
    await live(page);
    expect(await page.getByText('Zu diesem Projekt gibt es noch keine Diskussion').count()).toBeGreaterThan(
      0,
    );
    const title = `Frage zum Projekt ${randomUUID().slice(0, 4)}`;
    await apiThread(anna.token, title, 'Wie habt ihr angefangen?', { projectId: quiet.documentId });
    await page.getByRole('heading', { name: `Diskussion: ${title}` }).waitFor(soon);
    expect(await page.getByTestId('post').first().locator('.body').innerText()).toBe(
      'Wie habt ihr angefangen?',
    );
    await expect
      .poll(() => page.getByTestId('discussion-announcement').innerText(), soon)
      .toBe(`Neue Diskussion eröffnet: ${title}`);
  });

  it('keeps the conversation list and the header’s counts live, announced without moving the focus', async () => {
    const { anna, cara } = await cast();
    const { page } = await signedIn(cara);
    await page.goto('/nachrichten');
    await live(page);
    const messages = page.getByRole('link', { name: 'Nachrichten 0 ungelesen' });
    expect(await messages.getByTestId('unread-messages').innerText()).toBe('0');
    await page.getByRole('link', { name: 'Stadtnetz Integration' }).first().focus();
    const focused = await focusedId(page);

    await gql(
      'mutation ($input: StartConversationInput!) { startConversation(input: $input) { id } }',
      { input: { memberId: cara.id, body: 'Hallo Cara, eine Frage' } },
      anna.token,
    );
    await page
      .getByTestId('conversations')
      .getByRole('link', { name: 'Unterhaltung mit Anna Albers' })
      .waitFor(soon);
    await page.getByRole('link', { name: 'Nachrichten 1 ungelesen' }).waitFor(soon);
    expect(await page.getByTestId('unread-messages').innerText()).toBe('1');
    await expect
      .poll(() => page.getByTestId('unread-messages-announcement').innerText(), soon)
      .toBe('Neue Nachricht von Anna Albers, 1 ungelesen');

    // A notification: Anna mentions Cara in a thread.
    const before = Number(await page.getByTestId('unread-count').innerText());
    const threadId = await apiThread(anna.token, 'Erwähnung', 'Erster Beitrag');
    await apiPost(anna.token, threadId, `Was meinst du, @${cara.handle}?`);
    await expect.poll(() => page.getByTestId('unread-count').innerText(), soon).toBe(String(before + 1));
    await expect
      .poll(() => page.getByTestId('unread-count-announcement').innerText(), soon)
      .toBe(`Neue Benachrichtigung, ${before + 1} ungelesen`);
    expect(await focusedId(page)).toBe(focused);

    // Reading the conversation: the header counts it read.
    await page.getByRole('link', { name: 'Unterhaltung mit Anna Albers' }).click();
    await page.getByRole('link', { name: 'Nachrichten 0 ungelesen' }).waitFor(soon);
  });
});

describe('a form on its way', () => {
  it('shows that it is sending and sends a reply once, however often it is pressed', async () => {
    const { anna, ben } = await cast();
    const threadId = await apiThread(anna.token, 'Doppelklick', 'Erster Beitrag');
    const { page } = await signedIn(ben);
    await page.goto(`/forum/thema/${threadId}`);
    await live(page);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let sent = 0;
    await page.route(/\/reply$/, async (route) => {
      sent += 1;
      await held;
      await route.continue();
    });
    const body = `Nur einmal ${randomUUID().slice(0, 6)}`;
    await page.getByLabel('Ihre Antwort (Markdown)').fill(body);
    const send = page.getByRole('button', { name: 'Beitrag senden' });
    await send.click();
    const sending = page.getByRole('button', { name: 'Wird gesendet …' });
    await sending.waitFor();
    expect(await sending.getAttribute('aria-disabled')).toBe('true');
    // Pressed again (the button keeps the focus and says it is busy), and Enter in the form.
    await sending.click({ force: true });
    await page.keyboard.press('Enter');
    await screenshot(page, 'forum-wird-gesendet');
    release();
    await page.locator('[data-testid="post"] .body', { hasText: body }).waitFor(soon);
    await page.getByRole('button', { name: 'Beitrag senden' }).waitFor(soon);
    expect(sent).toBe(1);
    expect((await postBodies(threadId)).filter((b) => b === body)).toHaveLength(1);
  });

  it('writes one post when the same form arrives twice without JavaScript', async () => {
    const { anna, ben } = await cast();
    const threadId = await apiThread(anna.token, 'Zweimal gesendet', 'Erster Beitrag');
    const { page, context } = await signedIn(ben, { javaScriptEnabled: false });
    await page.goto(`/forum/thema/${threadId}`);
    const body = `Ohne Skript ${randomUUID().slice(0, 6)}`;
    await page.getByLabel('Ihre Antwort (Markdown)').fill(body);
    const form = page.locator('form.reply');
    const fields = await form.evaluate((element) =>
      Object.fromEntries(new FormData(element as HTMLFormElement) as unknown as Iterable<[string, string]>),
    );
    expect(fields['clientId']).toMatch(/^[\w-]{8,64}$/);
    const action = new URL((await form.getAttribute('action'))!, page.url()).href;
    await page.getByRole('button', { name: 'Beitrag senden' }).click();
    await page.locator('[data-testid="post"] .body', { hasText: body }).waitFor(soon);
    // The browser sends the same form again (a second press before the answer, a reload that resends).
    const again = await context.request.post(action, {
      form: fields,
      headers: { origin: new URL(platform.frontendUrl).origin },
      maxRedirects: 0,
    });
    expect(again.status()).toBeLessThan(400);
    expect((await postBodies(threadId)).filter((b) => b === body)).toHaveLength(1);
  });
});

describe('a message on its way', () => {
  it('writes one message when the same form arrives twice without JavaScript', async () => {
    const { anna, ben } = await cast();
    const { page, context } = await signedIn(ben, { javaScriptEnabled: false });
    await page.goto(`/mitglieder/${anna.id}`);
    const body = `Einmal geschrieben ${randomUUID().slice(0, 6)}`;
    await page.getByLabel('Ihre Nachricht').fill(body);
    const form = page.locator('form', { has: page.getByLabel('Ihre Nachricht') });
    const fields = await form.evaluate((element) =>
      Object.fromEntries(new FormData(element as HTMLFormElement) as unknown as Iterable<[string, string]>),
    );
    expect(fields['clientId']).toMatch(/^[\w-]{8,64}$/);
    const action = new URL((await form.getAttribute('action'))!, page.url()).href;
    await page.getByRole('button', { name: 'Senden' }).click();
    await page.waitForURL(/\/nachrichten\//);
    const again = await context.request.post(action, {
      form: fields,
      headers: { origin: new URL(platform.frontendUrl).origin },
      maxRedirects: 0,
    });
    expect(again.status()).toBeLessThan(400);
    await page.reload();
    expect(await page.getByTestId('messages').getByText(body).count()).toBe(1);
  });
});

describe('words and links', () => {
  it('writes counts by the plural rules of each language', async () => {
    const { anna } = await cast();
    const title = `Nur ein Beitrag ${randomUUID().slice(0, 4)}`;
    const threadId = await apiThread(anna.token, title, 'Allein');
    const { page } = await newPage(browser, platform.frontendUrl);
    await page.goto('/forum/allgemeines');
    const item = page.locator('li', { has: page.getByRole('link', { name: title }) });
    expect(await item.innerText()).toContain('1 Beitrag');
    expect(await item.innerText()).not.toContain('1 Beiträge');
    await page.goto(`/forum/thema/${threadId}`);
    expect(await page.getByTestId('post-count').innerText()).toBe('1 Beitrag');
    for (const path of ['/staedte', '/handlungsfelder', '/forum', '/']) {
      await page.goto(path);
      const text = await page.locator('main').innerText();
      expect(text, path).not.toMatch(/(^|\D)1 (Beiträge|Projekte|Mitglieder|Plätze)\b/);
    }
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sprache'));
    await page.goto(`/forum/thema/${threadId}`);
    expect(await page.getByTestId('post-count').innerText()).toBe('1 post');
  });

  it('links an @handle to the member’s profile', async () => {
    const { anna, ben } = await cast();
    const threadId = await apiThread(anna.token, 'Wer kennt sich aus?', 'Frage');
    const { page } = await signedIn(anna);
    await page.goto(`/forum/thema/${threadId}`);
    await page.getByLabel('Ihre Antwort (Markdown)').fill(`Frag doch @${ben.handle}, oder @niemand-hier.`);
    await page.getByRole('button', { name: 'Beitrag senden' }).click();
    const mention = page
      .getByTestId('post')
      .last()
      .getByRole('link', { name: `@${ben.handle}` });
    await mention.waitFor(soon);
    expect(await mention.getAttribute('href')).toBe(`/mitglieder/${ben.id}`);
    expect(await mention.getAttribute('target')).toBeNull();
    expect(await page.getByTestId('post').last().getByRole('link', { name: '@niemand-hier' }).count()).toBe(
      0,
    );
    await mention.click();
    await page.getByRole('heading', { level: 1, name: ben.name }).waitFor(soon);
  });
});

describe('the moderation page', () => {
  it('is not there for members: the German 404 page', async () => {
    const { ben } = await cast();
    for (const person of [await newPage(browser, platform.frontendUrl), await signedIn(ben)]) {
      const response = await person.page.goto('/moderation');
      expect(response?.status()).toBe(404);
      expect(await person.page.locator('h1').innerText()).toBe('Fehler 404');
      expect(await person.page.getByRole('link', { name: 'Moderation' }).count()).toBe(0);
    }
  });

  it('lets a moderator resolve reported posts in context, move and hide threads, and an admin set roles', async () => {
    const { anna, ben, cara, admin } = await cast();
    const title = `Gemeldet ${randomUUID().slice(0, 4)}`;
    const threadId = await apiThread(anna.token, title, 'Die Frage');
    const firstId = (
      await gql('query ($id: ID!) { thread(id: $id) { posts(first: 1) { nodes { id } } } }', { id: threadId })
    ).thread.posts.nodes[0].id;
    const { addPost } = await gql(
      'mutation ($input: AddPostInput!) { addPost(input: $input) { id } }',
      { input: { threadId, body: 'Kauft billige Uhren!', replyToId: firstId } },
      anna.token,
    );
    await gql(
      'mutation ($input: FlagPostInput!) { flagPost(input: $input) }',
      { input: { postId: addPost.id, reason: 'Werbung' } },
      ben.token,
    );

    const { page } = await signedIn(admin);
    await page.goto('/forum');
    await page.getByRole('link', { name: 'Moderation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Moderation' }).waitFor();
    const flag = page.getByTestId('flag').filter({ hasText: title });
    expect(await flag.innerText()).toContain('Werbung');
    expect(await flag.innerText()).toContain('gemeldet von Ben Brandt');
    expect(await flag.innerText()).toContain('Kauft billige Uhren!');
    // Its context: the thread and the post it answers.
    expect(await flag.innerText()).toContain('Antwort auf Anna Albers:');
    expect(await flag.innerText()).toContain('Die Frage');
    expect(await flag.getByRole('link', { name: title }).getAttribute('href')).toBe(
      `/forum/thema/${threadId}?beitrag=${addPost.id}`,
    );
    await screenshot(page, 'moderation');
    await flag.getByRole('button', { name: 'Beitrag ausblenden' }).click();
    await flag.getByRole('button', { name: 'Beitrag wieder zeigen' }).waitFor(soon);
    await flag.getByRole('button', { name: 'Als erledigt markieren' }).click();
    await expect.poll(() => page.getByTestId('flag').filter({ hasText: title }).count(), soon).toBe(0);

    // Move the thread to another category, then hide it.
    const target = await categoryId('projekte');
    const row = page.getByTestId('moderation-thread').filter({ hasText: title });
    await row.getByLabel('Verschieben nach').selectOption(target.id);
    await row.getByRole('button', { name: 'Verschieben' }).click();
    // The category the row names (not the select's options, which list every category from the start).
    await expect.poll(() => row.locator('.meta').innerText(), soon).toContain(target.name);
    const reader = await newPage(browser, platform.frontendUrl);
    await reader.page.goto(`/forum/thema/${threadId}`);
    expect(await reader.page.getByRole('link', { name: `← ${target.name}` }).count()).toBe(1);
    await row.getByRole('button', { name: 'Thema ausblenden' }).click();
    await row.getByRole('button', { name: 'Thema wieder zeigen' }).waitFor(soon);
    expect((await reader.page.goto(`/forum/thema/${threadId}`))?.status()).toBe(404);

    // Roles: Cara becomes a moderator and finds the page.
    await page.getByLabel('Mitglied suchen (Name oder Organisation)').fill('Cara Conrad');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.waitForURL(/mitglied=Cara/);
    const members = page.getByTestId('moderation-members');
    await members.getByLabel('Cara Conrad').selectOption('MODERATOR');
    await members.getByRole('button', { name: 'Rolle speichern' }).click();
    await page.getByText('Erledigt.').waitFor(soon);
    const moderator = await signedIn(cara);
    expect((await moderator.page.goto('/moderation'))?.status()).toBe(200);
    expect(await moderator.page.getByRole('heading', { name: 'Rollen der Mitglieder' }).count()).toBe(0);
  });
});

describe('the header', () => {
  it('shows "Benachrichtigungen" readable, with its count (0 too) in its accessible name', async () => {
    const { ben } = await cast();
    await gql('mutation { markNotificationsRead }', {}, ben.token);
    const { page } = await signedIn(ben);
    await page.goto('/');
    const link = page.getByRole('link', { name: 'Benachrichtigungen 0 ungelesen' });
    expect(await link.isVisible()).toBe(true);
    const count = link.getByTestId('unread-count');
    expect(await count.isVisible()).toBe(true);
    expect(await count.innerText()).toBe('0');
    const contrast = await link.evaluate((element) => {
      const rgb = (value: string) =>
        value
          .match(/\d+(\.\d+)?/g)!
          .slice(0, 3)
          .map(Number);
      const luminance = ([r, g, b]: number[]) => {
        const [R, G, B] = [r!, g!, b!].map((c) => {
          const s = c / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
      };
      let backdrop: Element | null = element;
      while (backdrop && getComputedStyle(backdrop).backgroundColor.match(/rgba\(.*, 0\)|transparent/))
        backdrop = backdrop.parentElement;
      const [a, b] = [
        luminance(rgb(getComputedStyle(element).color)),
        luminance(rgb(getComputedStyle(backdrop!).backgroundColor)),
      ];
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    });
    expect(contrast).toBeGreaterThanOrEqual(4.5);
    await screenshot(page, 'header-benachrichtigungen');
  });
});

// --- Accessibility ------------------------------------------------------------------------------------

async function mainPages() {
  const { anna } = await cast();
  const { projects } = await gql('{ projects(pagination: { pageSize: 1 }) { documentId } }');
  const { workshops } = await gql('{ workshops(pagination: { pageSize: 1 }) { documentId } }');
  const threadId = await apiThread(
    anna.token,
    'Für die Prüfung',
    'Ein Beitrag mit [Link](https://example.org)',
  );
  await apiPost(anna.token, threadId, 'Eine Antwort');
  return [
    '/',
    '/projekte',
    '/projekte?ansicht=karte',
    `/projekte/${projects[0].documentId}`,
    '/staedte',
    '/staedte/leipzig',
    '/handlungsfelder',
    '/handlungsfelder/wohnen-und-quartier',
    '/workshops',
    `/workshops/${workshops[0].documentId}`,
    '/forum',
    '/forum/allgemeines',
    `/forum/thema/${threadId}`,
    '/mitglieder',
    '/anmelden',
    '/registrieren',
    '/impressum',
    '/barrierefreiheit',
  ];
}
const SIGNED_IN_PAGES = [
  '/profil',
  '/projekt-einreichen',
  '/meine-einreichungen',
  '/nachrichten',
  '/benachrichtigungen',
  '/moderation',
];

describe('accessibility', () => {
  it('has no axe-core violations of WCAG 2.2 A/AA on every main page, signed out and signed in', async () => {
    const { admin } = await cast();
    const pages = await mainPages();
    const problems: Record<string, unknown> = {};
    const visitor = await newPage(browser, platform.frontendUrl);
    for (const path of pages) {
      expect((await visitor.page.goto(path))?.status(), path).toBe(200);
      const violations = await axeViolations(visitor.page);
      if (violations.length) problems[`out ${path}`] = violations;
    }
    const member = await signedIn(admin);
    for (const path of [...pages, ...SIGNED_IN_PAGES]) {
      expect((await member.page.goto(path))?.status(), path).toBe(200);
      const violations = await axeViolations(member.page);
      if (violations.length) problems[`in ${path}`] = violations;
    }
    expect(problems).toEqual({});
  });

  it('gives every target at least 24 × 24 px, or room around it (WCAG 2.5.8)', async () => {
    const { admin } = await cast();
    const pages = await mainPages();
    const problems: Record<string, string[]> = {};
    const check = async (page: Page, label: string) => {
      const small = await page.evaluate(() => {
        const selector =
          'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
        const visible = (el: Element) => {
          const style = getComputedStyle(el);
          const box = el.getBoundingClientRect();
          return style.visibility !== 'hidden' && style.display !== 'none' && box.width > 0 && box.height > 0;
        };
        const targets = [...document.querySelectorAll(selector)].filter(
          (el) => visible(el) && !el.closest('.visually-hidden, .skip'),
        );
        // Exceptions of 2.5.8: a link inside a sentence (inline), and the map's dots, whose cities are also
        // listed as links of full size on the same page (equivalent).
        const inline = (el: Element) => {
          if (el.tagName !== 'A') return false;
          const block = el.closest('p, li, dd, td, figcaption, blockquote, .meta, span');
          if (!block) return false;
          const own = (el.textContent ?? '').trim();
          const all = (block.textContent ?? '').replace(/\s+/g, ' ').trim();
          return all.length > own.length + 3;
        };
        const boxes = targets.map((el) => ({ el, box: el.getBoundingClientRect() }));
        const out: string[] = [];
        for (const { el, box } of boxes) {
          if (box.width >= 24 && box.height >= 24) continue;
          if (inline(el) || el.closest('[data-testid="germany-map"]')) continue;
          // Spacing: a 24 px circle on its centre touches no other target.
          const cx = box.left + box.width / 2;
          const cy = box.top + box.height / 2;
          const crowded = boxes.some(({ el: other, box: b }) => {
            if (other === el || other.contains(el) || el.contains(other)) return false;
            const dx = Math.max(b.left - cx, 0, cx - b.right);
            const dy = Math.max(b.top - cy, 0, cy - b.bottom);
            return Math.hypot(dx, dy) < 12;
          });
          if (!crowded) continue;
          const name = (el.getAttribute('aria-label') ?? el.textContent ?? '')
            .trim()
            .replace(/\s+/g, ' ')
            .slice(0, 40);
          out.push(
            `${el.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`,
          );
        }
        return out;
      });
      if (small.length) problems[label] = small;
    };
    const visitor = await newPage(browser, platform.frontendUrl);
    for (const width of [1366, 390]) {
      await visitor.page.setViewportSize({ width, height: 900 });
      for (const path of pages) {
        await visitor.page.goto(path);
        await check(visitor.page, `out ${width} ${path}`);
      }
    }
    const member = await signedIn(admin);
    for (const path of [pages.find((p) => p.startsWith('/forum/thema/'))!, ...SIGNED_IN_PAGES]) {
      await member.page.goto(path);
      await check(member.page, `in ${path}`);
    }
    expect(problems).toEqual({});
  });

  it('never hides the focused element under the sticky header (WCAG 2.4.11), tabbing down and back up', async () => {
    const { ben } = await cast();
    const threadId = await apiThread(ben.token, 'Lange Seite', 'Anfang');
    for (let n = 0; n < 30; n += 1) await apiPost(ben.token, threadId, `Antwort ${n}`, platform.forumUrl);
    const { page } = await signedIn(ben);
    await page.setViewportSize({ width: 1366, height: 768 });
    const hidden: string[] = [];
    for (const path of ['/projekte', `/forum/thema/${threadId}`]) {
      await page.goto(path);
      await live(page);
      const position = await page.locator('.site-header').evaluate((h) => getComputedStyle(h).position);
      expect(position).toBe('sticky');
      const probe = () =>
        page.evaluate(() => {
          const active = document.activeElement as HTMLElement | null;
          const header = document.querySelector('.site-header')!;
          if (!active || active === document.body || header.contains(active)) return null;
          const box = active.getBoundingClientRect();
          const bar = header.getBoundingClientRect();
          const name = (active.getAttribute('aria-label') ?? active.textContent ?? active.tagName)
            .trim()
            .slice(0, 30);
          // Covered: where it overlaps the header, what is on top there is the header (a skip link shown over
          // the header is not covered).
          const overlaps = box.top < bar.bottom - 1 && box.bottom > bar.top;
          const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
          const y = Math.min(Math.max(box.top + Math.min(box.height / 2, 8), 0), innerHeight - 1);
          const onTop = document.elementFromPoint(x, y);
          const covered = overlaps && Boolean(onTop && header.contains(onTop) && !active.contains(onTop));
          return { covered, name, scrolled: window.scrollY };
        });
      let deepest = 0;
      for (const key of [...Array(140).fill('Tab'), ...Array(140).fill('Shift+Tab')]) {
        await page.keyboard.press(key);
        const seen = await probe();
        if (seen) deepest = Math.max(deepest, seen.scrolled);
        if (seen?.covered) hidden.push(`${path} ${key}: ${seen.name}`);
      }
      expect(deepest, `${path} scrolled`).toBeGreaterThan(500);
    }
    expect(hidden).toEqual([]);
  });

  it('makes the Germany map one tab stop, no trap, with the cities and their counts listed beside it', async () => {
    const { page } = await newPage(browser, platform.frontendUrl);
    await page.goto('/projekte?ansicht=karte');
    await live(page);
    const stops: { inMap: boolean; inList: boolean; label: string }[] = [];
    for (let i = 0; i < 200; i += 1) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const active = document.activeElement;
        return {
          inMap: Boolean(active?.closest('[data-testid="germany-map"]')),
          inList: Boolean(active?.closest('[data-testid="map-cities"]')),
          label: (active?.getAttribute('aria-label') ?? active?.textContent ?? '')
            .trim()
            .replace(/\s+/g, ' '),
        };
      });
      stops.push(stop);
      // Past the list (or round to the map again): enough.
      const sawList = stops.some((s) => s.inList);
      if ((sawList && !stop.inList && !stop.inMap) || stops.filter((s) => s.inMap).length > 1) break;
    }
    const mapStops = stops.filter((s) => s.inMap);
    expect(mapStops).toHaveLength(1);
    // After the map, Tab goes on to the list of cities, each with its count.
    const after = stops.slice(stops.findIndex((s) => s.inMap) + 1);
    expect(after.some((s) => s.inList)).toBe(true);
    expect(after.at(-1)?.inMap).toBe(false);
    const listed = await page.getByTestId('map-cities').locator('a').allInnerTexts();
    expect(listed.length).toBeGreaterThan(5);
    for (const entry of listed) expect(entry.replace(/\s+/g, ' ')).toMatch(/\d+ Projekte?$/);
    // The arrow keys move between the cities inside the map.
    await page.getByTestId('germany-map').locator('a[tabindex="0"]').focus();
    const from = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    await page.keyboard.press('ArrowRight');
    const to = await page.evaluate(() => ({
      label: document.activeElement?.getAttribute('aria-label'),
      inMap: Boolean(document.activeElement?.closest('[data-testid="germany-map"]')),
      stops: document.querySelectorAll('[data-testid="germany-map"] a[tabindex="0"]').length,
    }));
    expect(to.inMap).toBe(true);
    expect(to.label).not.toBe(from);
    expect(to.stops).toBe(1);
  });
});
