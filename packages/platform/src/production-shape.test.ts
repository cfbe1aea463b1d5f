// docker-compose.yml's topology, proven here without Docker: PostgreSQL, Redis, the CMS with NODE_ENV=production
// and its built admin, two forum replicas, two gateways, the built website, and Debian's nginx with
// deploy/nginx.conf in front — every environment read from the compose file. What a visitor and a portal do,
// through nginx only.
import http from 'node:http';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { build, ALL_PARTS } from './build.js';
import { linkIn, waitForMail } from './mailbox.js';
import { nginxAvailable } from './nginx.js';
import { startPlatform, type Platform } from './platform.js';

/** Some requests for this test's rate limit; the point is whose budget they are taken from. */
const RATE_LIMIT = 40;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A request from a given loopback address (127.0.0.2, 127.0.0.3, …): to nginx, each is another visitor, as
 * distinct public addresses would be.
 */
function request(
  url: string,
  from: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, localAddress: from },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

const graphql = (platform: Platform, from: string, query: string, variables = {}, extra = {}) =>
  request(`${platform.urls.public}/graphql`, from, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...extra },
    body: JSON.stringify({ query, variables }),
  });

describe.runIf(nginxAvailable() || process.env['CI'])('the production shape, through nginx', () => {
  let platform: Platform;

  beforeAll(async () => {
    if (!nginxAvailable()) throw new Error('nginx is missing: apt-get install -y nginx (CI installs it)');
    await build(ALL_PARTS);
    platform = await startPlatform({
      shape: 'production',
      env: {
        gateway: { GATEWAY_RATE_LIMIT: String(RATE_LIMIT) },
        forum: { FORUM_PASSWORD_HASH_COST: '10' },
      },
    });
  }, 600_000);
  afterAll(async () => {
    await platform?.stop();
  });

  it('runs what compose runs: two forums, two gateways, a production CMS with its admin', async () => {
    expect(platform.forums).toHaveLength(2);
    expect(platform.gateways).toHaveLength(2);
    expect(platform.envOf('cms')['NODE_ENV']).toBe('production');
    const admin = await request(`${platform.urls.cms}/admin`, '127.0.0.1');
    expect(admin.status).toBe(200);
    expect(admin.body).toContain('<div id="strapi"');
  });

  it('serves a page with the demo projects', async () => {
    const page = await request(`${platform.urls.public}/projekte`, '127.0.0.2');
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/\d+ Projekte gefunden/);
  });

  it('accepts the website’s own form posts behind the proxy (no 403) and refuses another site’s', async () => {
    const form = (origin: string) =>
      request(`${platform.urls.public}/anmelden`, '127.0.0.2', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin, accept: 'text/html' },
        body: new URLSearchParams({ email: 'niemand@example.org', password: 'falsches Passwort' }).toString(),
      });
    const own = await form(platform.urls.public);
    expect(own.status).not.toBe(403);
    expect(own.status).toBeLessThan(500);
    const foreign = await form('https://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.body).toContain('nicht von dieser Website');
  });

  it('answers a cross-service query', async () => {
    const answer = await graphql(
      platform,
      '127.0.0.2',
      '{ projects(pagination: { pageSize: 3 }) { title city { name } discussions { id } } threads(first: 1) { nodes { id } } }',
    );
    const body = JSON.parse(answer.body) as {
      data: { projects: { title: string; city: { name: string } | null }[] };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect(body.data.projects).toHaveLength(3);
    expect(body.data.projects[0]!.city?.name).toBeTruthy();
  });

  it('delivers a post written through one replica to a subscriber of the other', async () => {
    const email = `replica-${Date.now()}@example.org`;
    await graphql(
      platform,
      '127.0.0.4',
      'mutation ($i: RegisterMemberInput!) { registerMember(input: $i) { email } }',
      { i: { email, password: 'ein sicheres Passwort', displayName: 'Replika', sector: 'VERWALTUNG' } },
    );
    // The address is confirmed with the link the forum mailed (to the inbox standing in for the relay).
    const mail = await waitForMail(platform.urls.mail!, email);
    const verified = JSON.parse(
      (
        await graphql(platform, '127.0.0.4', 'mutation ($t: String!) { verifyEmail(token: $t) { token } }', {
          t: linkIn(mail, '/e-mail/bestaetigen/').split('/').at(-1),
        })
      ).body,
    ) as { data: { verifyEmail: { token: string } } };
    const token = verified.data.verifyEmail.token;
    const auth = { authorization: `Bearer ${token}` };
    const categories = JSON.parse((await graphql(platform, '127.0.0.4', '{ categories { id } }')).body) as {
      data: { categories: { id: string }[] };
    };
    const created = JSON.parse(
      (
        await graphql(
          platform,
          '127.0.0.4',
          'mutation ($i: CreateThreadInput!) { createThread(input: $i) { id } }',
          {
            i: { title: 'Über zwei Replikate', body: 'eins', categoryId: categories.data.categories[0]!.id },
          },
          auth,
        )
      ).body,
    ) as { data: { createThread: { id: string } } };
    const threadId = created.data.createThread.id;

    class FromLoopback5 extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { localAddress: '127.0.0.5' });
      }
    }
    const client = createClient({
      url: `${platform.urls.public.replace('http', 'ws')}/graphql`,
      webSocketImpl: FromLoopback5,
      retryAttempts: 0,
    });
    const bodies: string[] = [];
    const subscribed = new Promise<void>((resolve, reject) => {
      client.subscribe(
        { query: 'subscription ($t: ID!) { postAdded(threadId: $t) { body } }', variables: { t: threadId } },
        {
          next: (result) => {
            const body = (result.data as { postAdded: { body: string } } | undefined)?.postAdded.body;
            if (body) bodies.push(body);
            if (bodies.length === 4) resolve();
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    // nginx spreads the posts over both gateways, and each gateway writes to its own forum replica.
    for (const body of ['zwei', 'drei', 'vier', 'fünf'])
      await graphql(
        platform,
        '127.0.0.4',
        'mutation ($i: AddPostInput!) { addPost(input: $i) { id } }',
        { i: { threadId, body } },
        auth,
      );
    await subscribed;
    await client.dispose();
    expect(bodies).toEqual(['zwei', 'drei', 'vier', 'fünf']);
  });

  it('limits each visitor by their own address — not nginx’s, not the website’s, not one they name', async () => {
    const ask = (from: string, headers = {}) => graphql(platform, from, '{ __typename }', {}, headers);
    let last: Answer | undefined;
    for (let i = 0; i <= RATE_LIMIT; i += 1) last = await ask('127.0.0.6');
    expect(last!.status).toBe(429);
    // Naming another address does not give a fresh budget.
    expect((await ask('127.0.0.6', { 'x-forwarded-for': '203.0.113.9' })).status).toBe(429);
    // Another visitor is unaffected, through the API and through the website's pages.
    expect((await ask('127.0.0.7')).status).toBe(200);
    const page = await request(`${platform.urls.public}/projekte`, '127.0.0.7');
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/\d+ Projekte gefunden/);
  });
});
