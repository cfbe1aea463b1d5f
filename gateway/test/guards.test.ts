import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, startPlatform, type Platform } from './platform.js';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) =>
  result.errors?.[0]?.extensions?.['code'];

describe('guards for third-party portals', () => {
  it('refuses a query nested too deep with QUERY_TOO_DEEP', async () => {
    let nested = 'id';
    for (let i = 0; i < 8; i++) nested = `thread { posts { nodes { ${nested} } } }`;
    const result = await platform.gql(`{ threads { nodes { ${nested} } } }`);
    expect(result.errors?.map((error) => error.extensions?.['code'])).toContain('QUERY_TOO_DEEP');
    expect(result.status).toBe(400);
  });

  it('refuses too many aliases with TOO_MANY_ALIASES', async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: categories { id }`).join(' ');
    expect(codeOf(await platform.gql(`{ ${aliases} }`))).toBe('TOO_MANY_ALIASES');
  });

  it('refuses a huge query with QUERY_TOO_LARGE', async () => {
    const fields = Array.from({ length: 2500 }, () => '__typename').join(' ');
    expect(codeOf(await platform.gql(`{ ${fields} }`))).toBe('QUERY_TOO_LARGE');
  });

  it('refuses an expensive query with QUERY_TOO_COMPLEX', async () => {
    const gateway = await platform.startGateway({
      limits: {
        maxDepth: 12,
        maxAliases: 15,
        maxTokens: 2000,
        maxDirectives: 20,
        maxPageSize: 100,
        maxCost: 50,
        costDefaultListSize: 20,
        costPerExpensiveCall: 500,
      },
    });
    const result = await platform.gql(
      '{ projects { title city { name members { displayName city { name members { displayName } } } } discussions { title posts { nodes { body author { displayName } } } } } }',
      {},
      { gateway },
    );
    expect(codeOf(result)).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses too many directives with TOO_MANY_DIRECTIVES', async () => {
    const directives = Array.from({ length: 25 }, () => '@include(if: true)').join(' ');
    expect(codeOf(await platform.gql(`{ categories ${directives} { id } }`))).toBe('TOO_MANY_DIRECTIVES');
  });

  it('caps page sizes with PAGE_SIZE_TOO_LARGE, in literals and in variables', async () => {
    expect(codeOf(await platform.gql('{ projects(pagination: { pageSize: 500 }) { title } }'))).toBe(
      'PAGE_SIZE_TOO_LARGE',
    );
    expect(
      codeOf(await platform.gql('query ($n: Int) { threads(first: $n) { nodes { id } } }', { n: 1000 })),
    ).toBe('PAGE_SIZE_TOO_LARGE');
    expect(
      codeOf(
        await platform.gql('query ($p: PaginationArg) { projects(pagination: $p) { title } }', {
          p: { pageSize: 101 },
        }),
      ),
    ).toBe('PAGE_SIZE_TOO_LARGE');
    expect(
      (await platform.gql('{ projects(pagination: { pageSize: 100 }) { title } }')).errors,
    ).toBeUndefined();
  });

  it('answers a body that is not JSON with a clear 400, not a crash', async () => {
    const response = await fetch(`${platform.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    const body: any = await response.json();
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('applies the same guards over WebSocket', async () => {
    const client = platform.subscriber();
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: postAdded(threadId: "x") { id }`).join(' ');
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: `subscription { ${aliases} }` },
        { next: resolve, error: resolve, complete: () => resolve('complete') },
      );
    });
    expect(JSON.stringify(outcome)).toContain('TOO_MANY_ALIASES');
    await client.dispose();
  });
});

/** The first answer to one operation over WebSocket: its result, or the errors it was refused with. */
async function overWebSocket(
  operation: { query: string; variables?: Record<string, unknown>; operationName?: string },
  gateway = platform.gateway,
): Promise<{ errors?: { message: string; extensions?: Record<string, unknown> }[]; data?: unknown }> {
  const client = platform.subscriber({ gateway });
  try {
    return await new Promise((resolve) => {
      client.subscribe(operation, {
        next: (result) => resolve(result as never),
        error: (error) => resolve({ errors: Array.isArray(error) ? error : [{ message: String(error) }] }),
        complete: () => resolve({}),
      });
    });
  } finally {
    await client.dispose();
  }
}

let deepQuery = 'id';
for (let i = 0; i < 8; i++) deepQuery = `thread { posts { nodes { ${deepQuery} } } }`;
deepQuery = `{ threads { nodes { ${deepQuery} } } }`;

describe('one admission path: every guard on both transports', () => {
  const refusals: [
    string,
    { query: string; variables?: Record<string, unknown>; operationName?: string },
    string,
  ][] = [
    [
      'several operations and no name',
      { query: 'query A { categories { id } } query B { categories { name } }' },
      'OPERATION_RESOLUTION_FAILURE',
    ],
    [
      'an unknown operation name',
      { query: 'query A { categories { id } }', operationName: 'Z' },
      'OPERATION_RESOLUTION_FAILURE',
    ],
    [
      'a page size over the cap in a variable',
      { query: 'query ($n: Int) { threads(first: $n) { nodes { id } } }', variables: { n: 1000 } },
      'PAGE_SIZE_TOO_LARGE',
    ],
    ['a query nested too deep', { query: deepQuery }, 'QUERY_TOO_DEEP'],
    ['a syntax error', { query: '{ categories { id }' }, 'GRAPHQL_PARSE_FAILED'],
  ];

  it.each(refusals)(
    'refuses %s over HTTP and over WebSocket with the same code',
    async (_case, operation, code) => {
      const response = await fetch(`${platform.gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(operation),
      });
      const viaHttp = (await response.json()) as { errors?: { extensions?: Record<string, unknown> }[] };
      expect(response.status).toBe(400);
      expect(viaHttp.errors?.[0]?.extensions?.['code']).toBe(code);
      const viaWebSocket = await overWebSocket(operation);
      expect(viaWebSocket.errors?.[0]?.extensions?.['code']).toBe(code);
    },
  );

  it('counts WebSocket operations against the same rate limit as HTTP requests', async () => {
    const gateway = await platform.startGateway({
      rateLimit: { anonymous: 3, withApiKey: 10, windowSeconds: 60 },
    });
    // One request over HTTP, the connection and one operation over WebSocket spend the budget of 3.
    expect((await platform.gql('{ categories { id } }', {}, { gateway })).status).toBe(200);
    const client = platform.subscriber({ gateway });
    const one = () =>
      new Promise<string>((resolve) => {
        client.subscribe(
          { query: '{ categories { id } }' },
          {
            next: (result) => resolve(JSON.stringify(result)),
            error: (error) => resolve(JSON.stringify(error)),
            complete: () => undefined,
          },
        );
      });
    // Three operations at once, over the one connection.
    const answers = await Promise.all([one(), one(), one()]);
    await client.dispose();
    expect(answers.filter((answer) => answer.includes('"categories"'))).toHaveLength(1);
    const refused = answers.filter((answer) => answer.includes('RATE_LIMITED'));
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatch(/Rate limit of 3 requests per 60 s reached/);
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_graphql_errors_total\{code="RATE_LIMITED"\} 2/);
    expect(metrics).toMatch(/gateway_graphql_requests_total\{type="query"\} 2/);
  });
});

describe('rate limits', () => {
  it('limit an address without an API key, answering 429 RATE_LIMITED with Retry-After, and show the budget', async () => {
    const gateway = await platform.startGateway({
      rateLimit: { anonymous: 3, withApiKey: 10, windowSeconds: 60 },
    });
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await platform.gql('{ categories { id } }', {}, { gateway });
      statuses.push(last.status);
      if (i === 0) {
        expect(last.headers.get('x-ratelimit-limit')).toBe('3');
        expect(last.headers.get('x-ratelimit-remaining')).toBe('2');
        expect(Number(last.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(codeOf(last!)).toBe('RATE_LIMITED');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('give a portal with an API key its own, higher budget; a revoked key is refused', async () => {
    const gateway = await platform.startGateway({
      rateLimit: { anonymous: 2, withApiKey: 5, windowSeconds: 60 },
    });
    const { key, record } = await gateway.apiKeys.create('Integrationsportal des Landes');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await platform.gql('{ categories { id } }', {}, { gateway, apiKey: key })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    await gateway.apiKeys.revoke(record.id);
    const revoked = await platform.gql('{ categories { id } }', {}, { gateway, apiKey: key });
    expect(revoked.status).toBe(401);
    expect(codeOf(revoked)).toBe('UNAUTHENTICATED');
    const unknown = await platform.gql(
      '{ categories { id } }',
      {},
      { gateway, apiKey: 'sn_000000000000_not-a-key-at-all-not-a-key-at-all' },
    );
    expect(unknown.status).toBe(401);
  });

  it.runIf(backend === 'postgres')('hold across two gateways sharing Redis', async () => {
    const limits = {
      rateLimit: { anonymous: 4, withApiKey: 10, windowSeconds: 60 },
      redisKeyPrefix: `shared-${Date.now()}`,
    };
    const a = await platform.startGateway(limits);
    const b = await platform.startGateway(limits);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await platform.gql('{ categories { id } }', {}, { gateway: i % 2 ? b : a })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
});

describe('CORS', () => {
  it('allows the configured origins and exposes the rate-limit headers', async () => {
    const response = await fetch(`${platform.gateway.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: platform.websiteOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe(platform.websiteOrigin);
    const other = await fetch(`${platform.gateway.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('automatic persisted queries', () => {
  it('answer a known hash without the query text', async () => {
    const query = '{ categories { slug } }';
    const { createHash } = await import('node:crypto');
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const unknown = await fetch(`${platform.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ extensions }),
    });
    expect(((await unknown.json()) as any).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    await fetch(`${platform.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions }),
    });
    const known = await fetch(
      `${platform.gateway.url}/graphql?extensions=${encodeURIComponent(JSON.stringify(extensions))}`,
      {
        headers: { 'apollo-require-preflight': 'true' },
      },
    );
    expect(((await known.json()) as any).data.categories.length).toBeGreaterThan(0);
  });
});
