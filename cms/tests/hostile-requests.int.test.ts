import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseAvailable, databaseKind, startCms, type TestCms } from './support/cms';
import { createFixtures } from './support/fixtures';

/** What must never be in a response: stack frames, file paths, module folders. */
const INSIDE = /stacktrace|node_modules|\/work\/|\bat \S+ \(|\.[cm]?js:\d+|[A-Za-z]:\\\\/;

interface Answer {
  status: number;
  type: string;
  text: string;
  body: any;
}

async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: response.status, type: response.headers.get('content-type') ?? '', text, body };
}

/** The code of an error answer, REST (`error.code`) or GraphQL (`errors[0].extensions.code`). */
function codeOf(body: any): string | undefined {
  return body?.error?.code ?? body?.errors?.[0]?.extensions?.code;
}

// Development mode: Apollo and Strapi add stack traces to errors there unless told otherwise.
describe.skipIf(!databaseAvailable)(`hostile requests on ${databaseKind} (NODE_ENV=development)`, () => {
  let cms: TestCms;

  beforeAll(async () => {
    cms = await startCms({ NODE_ENV: 'development' });
    await createFixtures(cms.strapi);
  });

  afterAll(async () => {
    await cms?.stop();
  });

  const json = '{"query":"{ __typename }"}';
  const bodies: [string, Record<string, string>, NonNullable<RequestInit['body']>][] = [
    ['gzip, broken', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, json],
    [
      'gzip, valid',
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      new Uint8Array(gzipSync(json)),
    ],
    ['deflate', { 'content-type': 'application/json', 'content-encoding': 'deflate' }, json],
    ['br', { 'content-type': 'application/json', 'content-encoding': 'br' }, json],
    ['two encodings', { 'content-type': 'application/json', 'content-encoding': 'gzip, br' }, json],
    ['unknown encoding', { 'content-type': 'application/json', 'content-encoding': 'x-nonsense' }, json],
    ['broken JSON', { 'content-type': 'application/json' }, '{"query":'],
    ['JSON null', { 'content-type': 'application/json' }, 'null'],
    ['JSON array', { 'content-type': 'application/json' }, '[1,2]'],
    ['JSON string', { 'content-type': 'application/json' }, '"query"'],
    ['query not a string', { 'content-type': 'application/json' }, '{"query":5}'],
    [
      'variables not an object',
      { 'content-type': 'application/json' },
      '{"query":"{ __typename }","variables":"x"}',
    ],
    ['text/plain', { 'content-type': 'text/plain' }, json],
    ['form', { 'content-type': 'application/x-www-form-urlencoded' }, 'query=%7B__typename%7D'],
    ['xml', { 'content-type': 'application/xml' }, '<query/>'],
    ['no content type', {}, json],
    ['latin1', { 'content-type': 'application/json; charset=latin1' }, json],
    ['unknown charset', { 'content-type': 'application/json; charset=x-klingon' }, json],
    ['UTF-16 declared', { 'content-type': 'application/json; charset=utf-16' }, json],
    [
      '3 MB',
      { 'content-type': 'application/json' },
      `{"query":"{ __typename }","x":"${'a'.repeat(3_000_000)}"}`,
    ],
  ];

  it('answers malformed, compressed, oversized and wrongly typed bodies with 4xx, JSON and a code', async () => {
    const problems: string[] = [];
    for (const path of ['/graphql', '/api/projects', '/api/auth/local/register']) {
      for (const [name, headers, body] of bodies) {
        const answer = await send(`${cms.url}${path}`, { method: 'POST', headers, body });
        const where = `${name} → POST ${path}: ${answer.status} ${answer.text.slice(0, 160)}`;
        if (answer.status < 400 || answer.status >= 500) problems.push(where);
        else if (!answer.type.includes('json') || !codeOf(answer.body))
          problems.push(`no JSON code: ${where}`);
        if (INSIDE.test(answer.text)) problems.push(`inside: ${where}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('answers GraphQL errors with a code and no stack trace or file path', async () => {
    const queries = [
      '{ projects(status: DRAFT) { title } }',
      '{ nope }',
      '{ projects { ',
      '{ projects(pagination: { page: 1, start: 2 }) { title } }',
      'query($id: ID!) { project(documentId: $id) { title } }',
      'mutation { submitProject(input: { title: "x", summary: "y", actionFields: [] }) { documentId } }',
      'mutation { createProject(data: { title: "x" }) { documentId } }',
      '{ projects(filters: { nope: { eq: 1 } }) { title } }',
      '{ projects(sort: "nope:asc") { title } }',
    ];
    for (const query of queries) {
      const answer = await send(`${cms.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      expect(answer.status, query).toBeLessThan(500);
      expect(answer.body?.errors?.length ?? 0, `${query}: ${answer.text}`).toBeGreaterThan(0);
      for (const error of answer.body.errors) expect(error.extensions?.code, query).toBeTruthy();
      expect(answer.text, query).not.toMatch(INSIDE);
    }
    // Fragments that spread themselves or do not exist sent Strapi's depth rule into endless recursion (500);
    // a subscription was an internal error (the CMS has none).
    for (const [query, code] of [
      ['fragment A on Query { ...A } { ...A }', 'GRAPHQL_VALIDATION_FAILED'],
      ['fragment A on Query { ...B } fragment B on Query { ...A } { ...A }', 'GRAPHQL_VALIDATION_FAILED'],
      ['{ ...Missing }', 'GRAPHQL_VALIDATION_FAILED'],
      ['subscription { projects { title } }', 'BAD_REQUEST'],
    ]) {
      const answer = await send(`${cms.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      expect(answer.status, `${query}: ${answer.text}`).toBe(400);
      expect(codeOf(answer.body), query).toBe(code);
    }
    const get = await send(
      `${cms.url}/graphql?query=${encodeURIComponent('{ __typename }')}&variables=%7Bx`,
      {
        headers: { 'apollo-require-preflight': 'true' },
      },
    );
    expect(get.status).toBe(400);
    expect(codeOf(get.body)).toBeTruthy();
    expect(get.text).not.toMatch(INSIDE);
  });

  it('answers REST errors with a code and no inside information', async () => {
    for (const path of [
      '/api/nothing-here',
      '/api/projects/does-not-exist',
      '/api/projects?filters[$nope]=1',
      '/api/projects?sort=nope:asc',
      '/api/projects?populate[nope]=true',
      '/api/projects?status=draft',
      '/api/projects?fields[0]=nope',
    ]) {
      const answer = await send(`${cms.url}${path}`);
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.status, path).toBeLessThan(500);
      expect(codeOf(answer.body), path).toBeTruthy();
      expect(answer.text, path).not.toMatch(INSIDE);
    }
  });

  it('has no users-permissions sign-up, sign-in or password routes (REST and GraphQL)', async () => {
    const users = () => cms.strapi.db.query('plugin::users-permissions.user').count({});
    const before = await users();
    const post = (path: string, body: unknown) =>
      send(`${cms.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const credentials = { username: 'mallory', email: 'mallory@example.org', password: 'Passwort-123' };
    const rest = [
      await post('/api/auth/local/register', credentials),
      await post('/api/auth/local', { identifier: credentials.email, password: credentials.password }),
      await post('/api/auth/forgot-password', { email: credentials.email }),
      await post('/api/auth/reset-password', { code: 'x', password: 'a', passwordConfirmation: 'a' }),
      await post('/api/auth/send-email-confirmation', { email: credentials.email }),
      await post('/api/auth/change-password', {
        currentPassword: 'a',
        password: 'b',
        passwordConfirmation: 'b',
      }),
      await send(`${cms.url}/api/auth/email-confirmation?confirmation=abc`),
      await send(`${cms.url}/api/connect/github`),
      await send(`${cms.url}/api/users/me`),
      await send(`${cms.url}/api/users`),
      await send(`${cms.url}/api/roles`),
    ];
    for (const answer of rest) {
      expect([403, 404, 405]).toContain(answer.status);
      expect(codeOf(answer.body)).toBeTruthy();
    }
    const mutations = [
      `mutation { register(input: { username: "mallory", email: "mallory@example.org", password: "Passwort-123" }) { jwt } }`,
      `mutation { login(input: { identifier: "mallory@example.org", password: "Passwort-123" }) { jwt } }`,
      `mutation { forgotPassword(email: "mallory@example.org") { ok } }`,
      `mutation { resetPassword(password: "a", passwordConfirmation: "a", code: "x") { jwt } }`,
      `mutation { emailConfirmation(confirmation: "abc") { jwt } }`,
      `mutation { changePassword(currentPassword: "a", password: "b", passwordConfirmation: "b") { jwt } }`,
    ];
    for (const query of mutations) {
      const result = await cms.graphql(query);
      expect(result.data?.[Object.keys(result.data ?? {})[0] ?? ''] ?? null, query).toBeNull();
      expect(['FORBIDDEN', 'UNAUTHENTICATED'], query).toContain(result.errors?.[0]?.extensions?.code);
    }
    expect(await users()).toBe(before);
  });
});
