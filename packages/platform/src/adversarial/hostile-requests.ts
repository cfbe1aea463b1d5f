// Hostile HTTP requests for the adversarial suite: what a careless or malicious client sends to a GraphQL
// endpoint (and to Strapi's REST routes). Deterministic from a seed, so a failure can be replayed.
import { deflateSync, gzipSync, brotliCompressSync } from 'node:zlib';

/** A small deterministic generator (mulberry32): the same seed gives the same requests. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface HostileRequest {
  /** What kind of hostility, for the report. */
  kind: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS';
  /** Path and query, relative to the service's origin. */
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array | string;
}

export const HOSTILE_STRINGS = [
  "'; DROP TABLE member; --",
  '" OR 1=1 --',
  "1' AND pg_sleep(5) --",
  '\\',
  '%',
  '_%_',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '${jndi:ldap://x/a}',
  '../../../../etc/passwd',
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u001f',
  '\u202e\u2066evil\u2069',
  '\ufeff\u200b\u200d',
  'Ä\u0308ö\u0301',
  '\ud800',
  '𝕏'.repeat(2000),
  'a'.repeat(100_000),
  '{"$gt": ""}',
  '%00%ff%fe',
  '&|!():*',
  'NaN',
  '-1',
  '99999999999999999999',
];

/** Queries of the public API a portal really sends; each service answers the part it owns. */
export const VALID_QUERIES = {
  gateway: [
    '{ projects(pagination: { pageSize: 5 }) { title city { name } discussions { title } } }',
    'query ($id: ID!) { thread(id: $id) { title posts { nodes { body author { displayName } } } } }',
    '{ threads(first: 5) { nodes { title project { title } } } }',
    'query ($q: String!) { searchProjects(query: $q) { total nodes { title } } }',
    'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }',
  ],
  forum: [
    '{ threads(first: 5) { nodes { title author { displayName } } } }',
    'query ($id: ID!) { thread(id: $id) { title } }',
    'query ($q: String!) { search(query: $q) { excerpt } }',
    'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }',
    '{ categories { id slug } }',
  ],
  cms: [
    '{ projects(pagination: { pageSize: 5 }) { title city { name } } }',
    'query ($id: ID!) { project(documentId: $id) { title } }',
    'query ($q: String!) { searchProjects(query: $q) { total } }',
    '{ actionFields { name } cities { name } }',
    '{ workshops { title } }',
  ],
} as const;

export type Target = keyof typeof VALID_QUERIES;

const encoder = new TextEncoder();
const json = (value: unknown) => JSON.stringify(value);
/** For a URL: a lone surrogate cannot be percent-encoded; its bytes are sent raw instead (`%ED%A0%80`). */
const inUrl = (text: string) =>
  encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '')) + (text.includes('\ud800') ? '%ED%A0%80' : '');

/** One hostile request against `target`'s `/graphql` (or, for the CMS, its REST API). */
export function hostileRequest(target: Target, next: () => number): HostileRequest {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const valid = pick(VALID_QUERIES[target]);
  const post = (
    kind: string,
    body: Uint8Array | string,
    headers: Record<string, string> = {},
  ): HostileRequest => ({
    kind,
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const cases: (() => HostileRequest)[] = [
    () =>
      post(
        'deep nesting',
        json({
          query: `{ threads { nodes { ${'thread { posts { nodes { '.repeat(40)}id${' } } }'.repeat(40)} } } }`,
        }),
      ),
    () =>
      post(
        'many aliases',
        json({ query: `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: __typename`).join(' ')} }` }),
      ),
    () =>
      post(
        'invalid UTF-8',
        new Uint8Array([
          ...encoder.encode('{"query":"{ __typename '),
          0xff,
          0xfe,
          0xc3,
          0x28,
          ...encoder.encode(' }"}'),
        ]),
      ),
    () =>
      post(
        'wrong variable types',
        json({
          query: valid,
          variables: { id: pick([42, true, { a: 1 }, [1, 2], null, 1e308]), q: pick([1, [], {}]) },
        }),
      ),
    () => post('variables not an object', json({ query: valid, variables: pick(['x', 1, [1], true]) })),
    () =>
      post(
        'hostile strings',
        json({
          query: valid,
          variables: {
            e: pick(HOSTILE_STRINGS),
            p: pick(HOSTILE_STRINGS),
            q: pick(HOSTILE_STRINGS),
            id: pick(HOSTILE_STRINGS),
          },
        }),
      ),
    () => post('cut query', json({ query: valid.slice(0, Math.floor(next() * valid.length)) })),
    () =>
      post(
        'not JSON',
        pick([
          '{',
          'null',
          '[]',
          '"query"',
          '{"query": 1}',
          '{"query": null}',
          '\u0000',
          '{"query":"{ __typename }"',
        ]),
      ),
    () => post('over the size limit', json({ query: `{ __typename } # ${'x'.repeat(300_000)}` })),
    () => post('far over the size limit', 'x'.repeat(3_000_000)),
    () =>
      post('wrong content type', `query=${encodeURIComponent(valid)}`, {
        'content-type': pick([
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/graphql',
          'application/json; charset=latin1',
          'application/json; charset=utf-16',
          'application/json; charset=nonsense',
          '',
        ]),
      }),
    () => post('gzip body', gzipSync(json({ query: valid })), { 'content-encoding': 'gzip' }),
    () => post('deflate body', deflateSync(json({ query: valid })), { 'content-encoding': 'deflate' }),
    () => post('brotli body', brotliCompressSync(json({ query: valid })), { 'content-encoding': 'br' }),
    () =>
      post('claims gzip, is not', json({ query: valid }), {
        'content-encoding': pick(['gzip', 'deflate', 'br']),
      }),
    () =>
      post('unknown encoding', json({ query: valid }), {
        'content-encoding': pick(['zstd', 'compress', 'x-y', 'gzip, gzip, gzip']),
      }),
    () => post('gzip bomb', gzipSync(Buffer.alloc(50_000_000, 32)), { 'content-encoding': 'gzip' }),
    () => post('several operations', json({ query: 'query A { __typename } query B { __typename }' })),
    () =>
      post(
        'unknown operationName',
        json({
          query: 'query A { __typename } query B { __typename }',
          operationName: pick(['C', '', 42, null, {}]),
        }),
      ),
    () =>
      post(
        'junk persisted query',
        json({
          ...(next() < 0.5 ? {} : { query: valid }),
          extensions: {
            persistedQuery: pick([
              { version: 1, sha256Hash: 'nope' },
              { version: 2, sha256Hash: 'a'.repeat(64) },
              { sha256Hash: 1 },
              'x',
              [],
              { version: 1, sha256Hash: 'b'.repeat(100_000) },
              null,
            ]),
          },
        }),
      ),
    () =>
      post('junk extensions', json({ query: valid, extensions: pick(['x', 1, [1], { authorization: 1 }]) })),
    () => ({
      kind: 'GET mutation',
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('mutation { signIn(email: "a@b.c", password: "x") { token } }')}`,
      headers: { 'apollo-require-preflight': 'true' },
    }),
    () => ({
      kind: 'GET without the CSRF preflight header',
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent(valid)}`,
      headers: {},
    }),
    () => ({
      kind: 'GET with junk parameters',
      method: 'GET',
      path: `/graphql?query=${inUrl(pick(HOSTILE_STRINGS).slice(0, 2000))}&variables=%7Bx&extensions=%5B`,
      headers: { 'apollo-require-preflight': 'true' },
    }),
    () => ({
      kind: 'other method',
      method: pick(['PUT', 'DELETE', 'OPTIONS'] as const),
      path: '/graphql',
      headers: {},
    }),
    () => post('batch', json([{ query: valid }, { query: valid }])),
    () =>
      post(
        'self-spreading fragment, introspection abuse, unknown field',
        json({
          query: pick([
            'fragment A on Query { ...A } { ...A }',
            '{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }',
            '{ nope }',
            'subscription { postAdded(threadId: "x") { id } }',
            '{ __typename @skip(if: true) @include(if: false) @skip(if: true) @skip(if: true) }',
          ]),
        }),
      ),
    () => post('NUL in the query', json({ query: `{ __typename }\u0000${pick(HOSTILE_STRINGS)}` })),
    () =>
      post('bad authorization', json({ query: valid }), {
        authorization: pick([
          'Bearer',
          'Bearer x.y.z',
          'Basic YTpi',
          'Bearer ' + 'a'.repeat(10_000),
          'Bearer \u00e4\u00f6',
        ]),
      }),
    () =>
      post('hostile headers', json({ query: valid }), {
        'x-forwarded-for': pick(HOSTILE_STRINGS.slice(0, 10)),
        'x-request-id': pick(HOSTILE_STRINGS.slice(0, 10)),
      }),
  ];
  if (target === 'cms') cases.push(...restCases(pick, next));
  return pick(cases)();
}

/** Strapi's REST routes with parameter tricks (drafts, relations, pagination, operators). */
function restCases(pick: <T>(items: readonly T[]) => T, next: () => number): (() => HostileRequest)[] {
  const types = [
    'projects',
    'workshops',
    'cities',
    'action-fields',
    'organisations',
    'users',
    'upload/files',
  ];
  const parameters = [
    'status=draft',
    'status=xyz',
    'status[0]=draft',
    'status=draft%20',
    'publicationState=preview',
    'filters[publishedAt][$null]=true',
    'locale=*',
    'locale=all',
    'populate=*',
    'populate[contacts]=*',
    'populate[0]=contacts&populate[1]=submittedBy',
    'pagination[limit]=-1',
    'pagination[pageSize]=100000',
    'pagination[page]=-5',
    'sort=password:asc',
    'filters[$or][0][title][$contains]=%27',
    'filters[title][$regex]=(a%2B)%2B',
    'fields[0]=password',
    `filters[title][$eq]=${inUrl(pick(HOSTILE_STRINGS).slice(0, 500))}`,
  ];
  return [
    () => ({
      kind: 'REST parameter trick',
      method: 'GET',
      path: `/api/${pick(types)}?${pick(parameters)}${next() < 0.5 ? `&${pick(parameters)}` : ''}`,
      headers: {},
    }),
    () => ({
      kind: 'REST write',
      method: pick(['POST', 'PUT', 'DELETE'] as const),
      path: `/api/${pick(types)}${next() < 0.5 ? '/x' : ''}`,
      headers: { 'content-type': 'application/json' },
      body: json({ data: { title: pick(HOSTILE_STRINGS), publishedAt: '2020-01-01' } }),
    }),
    () => ({
      kind: 'users-permissions route',
      method: 'POST',
      path: pick([
        '/api/auth/local/register',
        '/api/auth/forgot-password',
        '/api/auth/local',
        '/api/auth/reset-password',
      ]),
      headers: { 'content-type': 'application/json' },
      body: json({ username: 'x', email: 'fuzz@example.org', password: 'Passwort123!', code: 'x' }),
    }),
  ];
}

/** What a response must never show: a stack trace or a path on the server. */
export const LEAK =
  /stacktrace|\n\s+at [\w.<>[\]]+ \(|node:internal|node_modules|\/work\/|\/app\/|\.ts:\d+|\.js:\d+:\d+/;
