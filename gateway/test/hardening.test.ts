import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayServer } from '../src/server.js';
import { startPlatform, type Platform } from './platform.js';

/**
 * What an outside probe found open, each closed at its cause: costs that ignored list sizes, subscriptions
 * that kept their socket to the forum, a rate-limit identity the client could choose, and 5xx answers to
 * malformed requests.
 */
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitFor(check: () => boolean | Promise<boolean>, what: () => string, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not met in time: ${what()}`);
    await sleep(100);
  }
}
const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) =>
  result.errors?.[0]?.extensions?.['code'];

async function post(
  gateway: GatewayServer,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

const NESTED_LISTS =
  '{ projects(pagination:{pageSize:100}) { city { projects(pagination:{pageSize:100}) { actionFields(pagination:{pageSize:100}) { projects(pagination:{pageSize:100}) { title } } } } } }';
const NESTED_SIMILAR =
  '{ projects(pagination:{pageSize:100}) { similar(limit:20) { similar(limit:20) { title } } } }';

describe('the cost of a query grows with its list sizes', () => {
  it('refuses nested pages and nested similar projects over HTTP: 400, QUERY_TOO_COMPLEX, cost and limit', async () => {
    for (const query of [NESTED_LISTS, NESTED_SIMILAR]) {
      const result = await post(platform.gateway, { query });
      expect(result.status).toBe(400);
      expect(result.body.data).toBeUndefined();
      expect(result.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 20_000 });
      expect(result.body.errors[0].extensions.cost).toBeGreaterThan(20_000);
      expect(result.body.errors[0].message).toMatch(/cost is [\d,]+, the most allowed is 20,000/);
    }
    // The same size hidden in a variable counts the same.
    const viaVariable = await post(platform.gateway, {
      query:
        'query ($n: Int) { projects(pagination: { pageSize: $n }) { similar(limit: $n) { similar(limit: $n) { title } } } }',
      variables: { n: 100 },
    });
    expect(viaVariable.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses them over WebSocket too', async () => {
    const client = platform.subscriber();
    try {
      for (const query of [NESTED_LISTS, NESTED_SIMILAR]) {
        const outcome = await new Promise<unknown>((resolve) => {
          client.subscribe({ query }, { next: resolve, error: resolve, complete: () => resolve('complete') });
        });
        expect(JSON.stringify(outcome)).toContain('QUERY_TOO_COMPLEX');
      }
      // A size in a variable, which a rule that only reads the document cannot see.
      const outcome = await new Promise<unknown>((resolve) => {
        client.subscribe(
          {
            query:
              'query ($n: Int) { projects(pagination: { pageSize: $n }) { similar(limit: $n) { similar(limit: $n) { title } } } }',
            variables: { n: 100 },
          },
          { next: resolve, error: resolve, complete: () => resolve('complete') },
        );
      });
      expect(JSON.stringify(outcome)).toContain('QUERY_TOO_COMPLEX');
    } finally {
      await client.dispose();
    }
  });

  it('serves the website’s heaviest page, the list of cities with their projects', async () => {
    const result = await post(platform.gateway, {
      query:
        '{ cities(sort: ["name:asc"], pagination: { pageSize: 100 }) { documentId name memberCount projects(pagination: { pageSize: 100 }) { documentId } } }',
    });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.cities.length).toBeGreaterThan(0);
  });
});

describe('a subgraph call has a deadline', () => {
  it('closes its connection to a CMS that does not answer: the request is aborted, not only abandoned', async () => {
    const withRequest = new Set<Socket>();
    const open = new Set<Socket>();
    const silent = http.createServer((request) => withRequest.add(request.socket)); // never answers
    silent.on('connection', (socket) => {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const gateway = await platform.startGateway({
      cmsUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
      upstreamTimeoutMs: 300,
      cache: { enabled: false, ttlSeconds: 1 },
    });
    try {
      const result = await post(gateway, { query: '{ project(documentId: "x") { title } }' });
      expect(result.body.errors[0].extensions).toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
        service: 'cms',
      });
      expect(withRequest.size).toBeGreaterThan(0);
      await waitFor(
        () => [...withRequest].every((socket) => !open.has(socket)),
        () => `${[...withRequest].filter((socket) => open.has(socket)).length} CMS requests still open`,
      );
    } finally {
      for (const socket of open) socket.destroy();
      silent.close();
    }
  });
});

/** This process's TCP connections to `port` (the gateways run in it): real sockets, from /proc. */
function socketsTo(port: number): number {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // closed meanwhile
    }
  }
  let count = 0;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      if (columns.length < 10) continue;
      const remotePort = Number.parseInt(columns[2]!.split(':')[1]!, 16);
      const established = columns[3] === '01';
      if (remotePort === port && established && inodes.has(columns[9]!)) count++;
    }
  }
  return count;
}

async function metric(gateway: GatewayServer, name: string) {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
}

describe('identical queries in flight', () => {
  /** How many requests this gateway has sent the forum so far (its upstream histogram's count). */
  async function forumRequests(gateway: GatewayServer): Promise<number> {
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    const count = /gateway_upstream_duration_seconds_count\{upstream="forum",outcome="ok"\} (\d+)/.exec(
      metrics,
    );
    return Number(count?.[1] ?? 0);
  }
  const burst = (gateway: GatewayServer, query: string, token?: string) =>
    Promise.all(
      Array.from({ length: 20 }, () =>
        post(gateway, { query }, token ? { authorization: `Bearer ${token}` } : {}),
      ),
    );

  it('share one subgraph request per member; with GATEWAY_COALESCE=false (and no batching) each sends its own', async () => {
    const merging = await platform.startGateway({ cache: { enabled: false, ttlSeconds: 60 } });
    const separate = await platform.startGateway({
      cache: { enabled: false, ttlSeconds: 60 },
      coalesce: false,
      subgraphBatch: 1,
    });
    const query = `{ threads(first: 3) { nodes { id title } } a: categories { id } }`;
    const member = await platform.register();

    const before = await forumRequests(merging);
    const answers = await burst(merging, query);
    expect(answers.every((answer) => answer.status === 200 && !answer.body.errors)).toBe(true);
    expect(new Set(answers.map((answer) => JSON.stringify(answer.body))).size).toBe(1);
    const anonymous = (await forumRequests(merging)) - before;
    // 20 requests at once: far fewer subgraph requests (the stitching batches the root fields into one).
    expect(anonymous).toBeGreaterThanOrEqual(1);
    expect(anonymous).toBeLessThanOrEqual(10);

    // Another member's identical query is never answered with someone else's response.
    const beforeMember = await forumRequests(merging);
    await Promise.all([burst(merging, query), burst(merging, query, member.token)]);
    expect((await forumRequests(merging)) - beforeMember).toBeGreaterThanOrEqual(2);

    const beforeSeparate = await forumRequests(separate);
    await burst(separate, query);
    expect((await forumRequests(separate)) - beforeSeparate).toBe(20);
  });
});

describe('different anonymous queries arriving together', () => {
  async function forumRequests(gateway: GatewayServer): Promise<number> {
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    return Number(
      /gateway_upstream_duration_seconds_count\{upstream="forum",outcome="ok"\} (\d+)/.exec(metrics)?.[1] ??
        0,
    );
  }
  const THREADS = 'query T($n: Int!) { threads(first: $n) { nodes { id title } } }';
  const engineOnly = { cache: { enabled: false, ttlSeconds: 60 }, coalesce: false };

  it('go to the subgraph in shared requests, and each gets its own answer, as if sent alone', async () => {
    const batching = await platform.startGateway(engineOnly);
    const alone = await platform.startGateway({ ...engineOnly, subgraphBatch: 1 });
    const member = await platform.register();
    const { categories } = await platform.ok('{ categories { id } }');
    for (let i = 0; i < 6; i++)
      await platform.ok(
        'mutation ($i: CreateThreadInput!) { createThread(input: $i) { id } }',
        { i: { title: `Gebündelt ${i}`, body: 'Text', categoryId: categories[0].id } },
        member.token,
      );
    const sizes = Array.from({ length: 24 }, (_, index) => (index % 6) + 1);
    const expected = await Promise.all(sizes.map((n) => post(alone, { query: THREADS, variables: { n } })));

    const before = await forumRequests(batching);
    const answers = await Promise.all(sizes.map((n) => post(batching, { query: THREADS, variables: { n } })));
    const sent = (await forumRequests(batching)) - before;
    expect(answers.map((answer) => answer.body)).toEqual(expected.map((answer) => answer.body));
    expect(answers.map((answer) => answer.body.data.threads.nodes.length)).toEqual(sizes);
    // 24 queries at once; a batch holds 8 at most.
    expect(sent).toBeGreaterThanOrEqual(3);
    expect(sent).toBeLessThan(24);

    // A member's queries carry their token: each goes alone.
    const beforeMember = await forumRequests(batching);
    await Promise.all(
      sizes.map((n) =>
        post(batching, { query: THREADS, variables: { n } }, { authorization: `Bearer ${member.token}` }),
      ),
    );
    expect((await forumRequests(batching)) - beforeMember).toBe(24);
  });

  it('never fail for another request in the same batch', async () => {
    const batching = await platform.startGateway(engineOnly);
    // One query the forum refuses as a whole, among good ones sent at the same moment.
    const bodies = Array.from({ length: 8 }, (_, index) =>
      index === 3
        ? {
            query: 'query X($a: String!) { threads(first: 2, after: $a) { nodes { id } } }',
            variables: { a: 'kaputt' },
          }
        : { query: THREADS, variables: { n: index + 1 } },
    );
    const answers = await Promise.all(bodies.map((body) => post(batching, body)));
    const lone = await post(batching, bodies[3]);
    expect(codeOf(lone.body)).toBe('BAD_USER_INPUT');
    expect(answers[3]!.body).toEqual(lone.body);
    for (const [index, answer] of answers.entries()) {
      if (index === 3) continue;
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.threads.nodes.length).toBeGreaterThan(0);
    }
  });
});

describe('subscriptions', () => {
  it('share one socket to the forum, closed once the last one is unsubscribed (200 distinct, then none)', async () => {
    const gateway = await platform.startGateway();
    const forumPort = platform.forum.port;
    const member = await platform.register();
    const { categories } = await platform.ok('{ categories { id } }');
    const { createThread } = await platform.ok(
      'mutation ($i: CreateThreadInput!) { createThread(input: $i) { id } }',
      { i: { title: 'Bleibt offen', body: 'eins', categoryId: categories[0].id } },
      member.token,
    );
    const before = socketsTo(forumPort);

    // 200 operations nobody else has, over four connections (the default cap is 50 per connection).
    const clients = Array.from({ length: 4 }, () => platform.subscriber({ gateway }));
    const unsubscribe: (() => void)[] = [];
    const failures: unknown[] = [];
    for (let i = 0; i < 200; i++) {
      unsubscribe.push(
        clients[i % 4]!.subscribe(
          {
            query: 'subscription ($c: ID) { threadActivity(categoryId: $c) { __typename } }',
            variables: { c: randomUUID() },
          },
          {
            next: (event) => failures.push(event),
            error: (error) => failures.push(error),
            complete: () => {},
          },
        ),
      );
    }
    // One reader stays throughout and must keep getting its thread's posts.
    const received: string[] = [];
    const stayer = platform.subscriber({ gateway });
    const leaveStayer = stayer.subscribe<{ postAdded: { body: string } }>(
      {
        query: 'subscription ($t: ID!) { postAdded(threadId: $t) { body } }',
        variables: { t: createThread.id },
      },
      { next: (event) => received.push(event.data!.postAdded.body), error: () => {}, complete: () => {} },
    );
    await waitFor(
      async () => (await metric(gateway, 'gateway_shared_subscription_streams')) === 201,
      () => 'the gateway did not open 201 streams',
    );
    const during = socketsTo(forumPort);
    expect(failures).toEqual([]);
    expect(during - before).toBeLessThanOrEqual(1);

    for (const leave of unsubscribe) leave();
    await waitFor(
      async () => (await metric(gateway, 'gateway_shared_subscription_streams')) === 1,
      () => 'streams were not closed',
    );
    await platform.ok(
      'mutation ($t: ID!) { addPost(input: { threadId: $t, body: "zwei" }) { id } }',
      { t: createThread.id },
      member.token,
    );
    await waitFor(
      () => received.includes('zwei'),
      () => 'the reader that stayed got nothing',
    );

    leaveStayer();
    await Promise.all([...clients, stayer].map((client) => client.dispose()));
    await waitFor(
      () => socketsTo(forumPort) <= before,
      () => `the gateway still holds ${socketsTo(forumPort) - before} sockets to the forum`,
    );
  });

  it('are capped per connection and per client address; connections per address too', async () => {
    const gateway = await platform.startGateway({
      subscriptions: { perConnection: 3, perAddress: 5, connectionsPerAddress: 3 },
    });
    const outcomes = new Map<string, unknown[]>();
    const subscribe = (client: Client, label: string) => {
      outcomes.set(label, []);
      return client.subscribe(
        {
          query: 'subscription ($c: ID) { threadActivity(categoryId: $c) { __typename } }',
          variables: { c: randomUUID() },
        },
        {
          next: (event) => outcomes.get(label)!.push(event),
          error: (error) => outcomes.get(label)!.push(error),
          complete: () => {},
        },
      );
    };
    const refusal = async (label: string) => {
      await waitFor(
        () => outcomes.get(label)!.length > 0,
        () => `${label} was neither refused nor answered`,
      );
      return outcomes.get(label)![0] as { extensions?: Record<string, unknown> }[];
    };
    const first = platform.subscriber({ gateway });
    const second = platform.subscriber({ gateway });
    const leave = [1, 2, 3].map((i) => subscribe(first, `first-${i}`));
    subscribe(first, 'first-4');
    expect((await refusal('first-4'))[0]?.extensions).toMatchObject({
      code: 'TOO_MANY_SUBSCRIPTIONS',
      scope: 'connection',
      max: 3,
    });
    subscribe(second, 'second-1');
    subscribe(second, 'second-2');
    subscribe(second, 'second-3');
    expect((await refusal('second-3'))[0]?.extensions).toMatchObject({
      code: 'TOO_MANY_SUBSCRIPTIONS',
      scope: 'address',
      max: 5,
    });
    // Completing one frees its place.
    leave[0]!();
    await sleep(200);
    subscribe(second, 'second-4');
    await sleep(500);
    expect(outcomes.get('second-4')).toEqual([]);

    // A third connection is let in (and may use the place freed here); a fourth is not.
    leave[1]!();
    await sleep(200);
    const third = platform.subscriber({ gateway });
    subscribe(third, 'third-1');
    const fourth = platform.subscriber({ gateway });
    subscribe(fourth, 'fourth-1');
    const closed = (await refusal('fourth-1')) as unknown as { code: number; reason: string };
    expect(closed.code).toBe(4429);
    expect(closed.reason).toContain('Too many connections');
    await sleep(300);
    expect(outcomes.get('third-1')).toEqual([]);
    await Promise.all([first, second, third, fourth].map((client) => client.dispose()));
  });
});

describe('who the client is', () => {
  const limited = { rateLimit: { anonymous: 3, withApiKey: 10, windowSeconds: 60 } };
  const categories = { query: '{ categories { id } }' };

  it('is the socket’s peer when no proxy is configured: a made-up X-Forwarded-For picks no fresh bucket', async () => {
    const gateway = await platform.startGateway({ ...limited, trustProxy: [] });
    const statuses: number[] = [];
    for (const forwarded of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4'])
      statuses.push((await post(gateway, categories, { 'x-forwarded-for': forwarded })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('is the right-most address not on the configured proxy list', async () => {
    const gateway = await platform.startGateway({ ...limited, trustProxy: ['loopback'] });
    const statuses: number[] = [];
    // What the client wrote on the left differs each time; the address the proxy saw does not.
    for (const spoofed of ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4'])
      statuses.push(
        (await post(gateway, categories, { 'x-forwarded-for': `${spoofed}, 203.0.113.7` })).status,
      );
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await post(gateway, categories, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(200);
  });

  it('is the website’s visitor when the website proves itself with the shared secret', async () => {
    const secret = 'ein-langes-gemeinsames-geheimnis';
    const gateway = await platform.startGateway({ ...limited, clientAddressSecret: secret });
    const asWebsite = (visitor: string, presented = secret) =>
      post(gateway, categories, { 'x-client-address': visitor, 'x-client-address-secret': presented });

    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await asWebsite('198.51.100.1')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await asWebsite('198.51.100.2')).status).toBe(200);
    expect((await asWebsite('2001:db8::1')).headers.get('x-ratelimit-remaining')).toBe('2');

    const wrong = await asWebsite('198.51.100.3', 'geraten-geraten-geraten');
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const notAnAddress = await asWebsite('198.51.100.1, 10.0.0.1');
    expect(notAnAddress.status).toBe(400);
    expect(notAnAddress.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    // Without the secret the header is nobody's word: the request counts for its socket's address.
    const unproven = await post(gateway, categories, { 'x-client-address': '198.51.100.9' });
    expect(unproven.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('is counted by its IPv6 /64, so fresh addresses of one network share a bucket', async () => {
    const secret = 'ein-langes-gemeinsames-geheimnis';
    const gateway = await platform.startGateway({ ...limited, clientAddressSecret: secret });
    const statuses: number[] = [];
    for (const visitor of ['2001:db8:1:2::a', '2001:db8:1:2::b', '2001:db8:1:2:ffff::1', '2001:db8:1:2::c'])
      statuses.push(
        (await post(gateway, categories, { 'x-client-address': visitor, 'x-client-address-secret': secret }))
          .status,
      );
    expect(statuses).toEqual([200, 200, 200, 429]);
    const otherNetwork = await post(gateway, categories, {
      'x-client-address': '2001:db8:1:3::a',
      'x-client-address-secret': secret,
    });
    expect(otherNetwork.status).toBe(200);
  });

  it('reaches the forum, whose sign-in limit then counts each visitor on their own', async () => {
    const secret = 'ein-langes-gemeinsames-geheimnis';
    const gateway = await platform.startGateway({ clientAddressSecret: secret });
    const signIn = async (visitor: string) =>
      codeOf(
        (
          await post(
            gateway,
            {
              query: 'mutation ($e: String!) { signIn(email: $e, password: "falsch-falsch") { token } }',
              variables: { e: `${randomUUID()}@example.org` },
            },
            { 'x-client-address': visitor, 'x-client-address-secret': secret },
          )
        ).body,
      );
    const codes: unknown[] = [];
    for (let i = 0; i < 60 && codes.at(-1) !== 'RATE_LIMITED'; i++) codes.push(await signIn('192.0.2.10'));
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    // Another visitor of the same website is not held back by the first one's failures.
    expect(await signIn('192.0.2.11')).not.toBe('RATE_LIMITED');
  });
});

describe('malformed requests get a 4xx and a code, never a 5xx', () => {
  it('several operations and no or an unknown operationName: 400 OPERATION_RESOLUTION_FAILURE', async () => {
    for (const body of [
      { query: 'query A { __typename } query B { __typename }' },
      { query: 'query A { __typename } query B { __typename }', operationName: 'C' },
      { query: 'query A { __typename }', operationName: 'B' },
    ]) {
      const result = await post(platform.gateway, body);
      expect(result.status).toBe(400);
      expect(result.body.errors[0].extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
    }
    const chosen = await post(platform.gateway, {
      query: 'query A { __typename } query B { __typename }',
      operationName: 'B',
    });
    expect(chosen.body.data).toEqual({ __typename: 'Query' });
  });

  it('persisted-query junk: 400 BAD_REQUEST with a message; an unknown hash: PERSISTED_QUERY_NOT_FOUND', async () => {
    const query = '{ __typename }';
    const hash = createHash('sha256').update(query).digest('hex');
    const junk = [
      { query, extensions: { persistedQuery: 'junk' } },
      { query, extensions: { persistedQuery: [1, 2] } },
      { query, extensions: { persistedQuery: { sha256Hash: hash } } },
      { query, extensions: { persistedQuery: { version: 2, sha256Hash: hash } } },
      { query, extensions: { persistedQuery: { version: '1', sha256Hash: hash } } },
      { query, extensions: { persistedQuery: { version: 1, sha256Hash: 42 } } },
      { query, extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } },
      { query, extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } },
      { query, extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(200_000) } } },
      { extensions: { persistedQuery: { version: 1 } } },
      { query, extensions: 'not an object' },
    ];
    for (const body of junk) {
      const result = await post(platform.gateway, body);
      expect(result.status, JSON.stringify(body).slice(0, 120)).toBe(400);
      expect(result.body.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(result.body.errors[0].message).not.toBe('Internal server error');
    }
    const unknown = await post(platform.gateway, {
      extensions: {
        persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(randomUUID()).digest('hex') },
      },
    });
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const badGet = await fetch(`${platform.gateway.url}/graphql?query=%7B__typename%7D&extensions=%7Bjunk`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(badGet.status).toBe(400);
    expect(((await badGet.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('GET mutations and requests without the CSRF preflight header: 400 BAD_REQUEST', async () => {
    const mutation = await fetch(
      `${platform.gateway.url}/graphql?query=${encodeURIComponent('mutation { markNotificationsRead }')}`,
      { headers: { 'apollo-require-preflight': 'true' } },
    );
    expect(mutation.status).toBe(400);
    expect(((await mutation.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    const withoutPreflight = await fetch(`${platform.gateway.url}/graphql?query=%7B__typename%7D`);
    expect(withoutPreflight.status).toBe(400);
    expect(((await withoutPreflight.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    const simpleForm = await fetch(`${platform.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"query":"mutation { markNotificationsRead }"}',
    });
    expect(simpleForm.status).toBe(400);
    expect(((await simpleForm.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});
