import http from 'node:http';
import net from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestForum, type TestForum } from './forum.js';

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

interface HostileRequest {
  name: string;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** The status expected; any 4xx when not given. */
  status?: number;
  code?: string;
}

const json = { 'content-type': 'application/json' };
const query = JSON.stringify({ query: '{ __typename }' });

/** Requests a careless or hostile client sends; each must get a 4xx in GraphQL's error shape. */
const hostile: HostileRequest[] = [
  { name: 'malformed JSON', headers: json, body: '{bad', status: 400, code: 'BAD_REQUEST' },
  { name: 'a JSON string, not an object', headers: json, body: '"x"', status: 400, code: 'BAD_REQUEST' },
  { name: 'a JSON batch', headers: json, body: '[1]', status: 400, code: 'BAD_REQUEST' },
  { name: 'an empty JSON body', headers: json, body: '', status: 400, code: 'BAD_REQUEST' },
  { name: 'a query that is not a string', headers: json, body: '{"query":1}', status: 400 },
  {
    name: 'invalid UTF-8 inside the JSON',
    headers: json,
    body: Buffer.concat([Buffer.from('{"query":"{ '), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(' }"}')]),
  },
  {
    name: 'deeply nested JSON',
    headers: json,
    body: `{"query":"{ __typename }","variables":${'['.repeat(5000)}${']'.repeat(5000)}}`,
  },
  {
    name: 'an unknown charset',
    headers: { 'content-type': 'application/json; charset=klingon' },
    body: query,
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'a charset that does not match the bytes',
    headers: { 'content-type': 'application/json; charset=utf-16' },
    body: query,
    status: 400,
  },
  {
    name: 'a body that claims gzip but is not',
    headers: { ...json, 'content-encoding': 'gzip' },
    body: query,
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a body that claims deflate but is not',
    headers: { ...json, 'content-encoding': 'deflate' },
    body: query,
    status: 400,
  },
  {
    name: 'a body that claims brotli but is not',
    headers: { ...json, 'content-encoding': 'br' },
    body: query,
    status: 400,
  },
  {
    name: 'an unknown content-encoding',
    headers: { ...json, 'content-encoding': 'zstd-from-mars' },
    body: query,
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'truncated gzip',
    headers: { ...json, 'content-encoding': 'gzip' },
    body: gzipSync(query).subarray(0, 12),
    status: 400,
  },
  {
    name: 'an oversized body',
    headers: json,
    body: JSON.stringify({ query: `{ __typename } #${'a'.repeat(300_000)}` }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'a small gzip body that inflates past the limit',
    headers: { ...json, 'content-encoding': 'gzip' },
    body: gzipSync(JSON.stringify({ query: `{ __typename } #${' '.repeat(5_000_000)}` })),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'text/plain',
    headers: { 'content-type': 'text/plain' },
    body: query,
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'text/plain with a preflight header',
    headers: { 'content-type': 'text/plain', 'apollo-require-preflight': '1' },
    body: query,
    status: 415,
  },
  {
    name: 'XML',
    headers: { 'content-type': 'application/xml' },
    body: '<query/>',
    status: 415,
  },
  {
    name: 'a form post',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'query=%7B__typename%7D',
    status: 415,
  },
  { name: 'no content type', body: query, status: 415 },
  { name: 'PUT', method: 'PUT', headers: json, body: query, status: 405 },
  { name: 'DELETE', method: 'DELETE' },
  { name: 'GET without a query', method: 'GET', headers: { 'apollo-require-preflight': '1' }, status: 400 },
  {
    name: 'GET with a broken query',
    method: 'GET',
    path: '/graphql?query=%7B',
    headers: { 'apollo-require-preflight': '1' },
    status: 400,
  },
  { name: 'GET without a CSRF header', method: 'GET', path: '/graphql?query=%7B__typename%7D', status: 400 },
  { name: 'an unknown route', method: 'GET', path: '/wp-login.php', status: 404, code: 'NOT_FOUND' },
  {
    name: 'a path with a traversal',
    method: 'GET',
    path: '/../../etc/passwd',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'malformed JSON on another route',
    path: '/health',
    headers: json,
    body: '{bad',
    status: 404,
  },
  { name: 'a malformed percent-encoding in the path', method: 'GET', path: '/%E0%A4%A', status: 404 },
];

function send(url: string, request: HostileRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method ?? 'POST',
        path: request.path ?? '/graphql',
        headers: request.headers,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: String(response.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}

/** Bytes that are not HTTP at all, straight onto the socket. */
function sendRaw(url: string, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const socket = net.connect(Number(target.port), target.hostname, () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

function expectCleanClientError(answer: Answer, expected: Pick<HostileRequest, 'status' | 'code'>) {
  expect(answer.status).toBeGreaterThanOrEqual(400);
  expect(answer.status).toBeLessThan(500);
  if (expected.status) expect(answer.status).toBe(expected.status);
  expect(answer.contentType).toMatch(/^application\/json/);
  expect(answer.body).not.toMatch(/node_modules|\bat \S|\/src\/|\/work\/|stack|<html/i);
  const parsed = JSON.parse(answer.body) as {
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  expect(parsed.errors?.[0]?.message).toEqual(expect.any(String));
  expect(parsed.errors?.[0]?.extensions?.code).toMatch(/^[A-Z_]+$/);
  if (expected.code) expect(parsed.errors?.[0]?.extensions?.code).toBe(expected.code);
}

describe.each(['development', 'production', 'test'])('hostile HTTP requests (NODE_ENV=%s)', (nodeEnv) => {
  let forum: TestForum;
  let previous: string | undefined;
  beforeAll(async () => {
    // Express and Apollo read NODE_ENV when they are created.
    previous = process.env['NODE_ENV'];
    process.env['NODE_ENV'] = nodeEnv;
    try {
      forum = await startTestForum();
    } finally {
      process.env['NODE_ENV'] = previous;
    }
  });
  afterAll(() => forum?.close());

  it.each(hostile)('answers $name with a 4xx JSON error, no stack, no path', async (request) => {
    expectCleanClientError(await send(forum.url, request), request);
  });

  it('answers bytes that are not HTTP with a 400 JSON error', async () => {
    const raw = await sendRaw(forum.url, 'GARBAGE / NOT-HTTP\r\n\r\n');
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head.toLowerCase()).toContain('content-type: application/json');
    expectCleanClientError(
      { status: 400, contentType: 'application/json', body },
      { status: 400, code: 'BAD_REQUEST' },
    );
  });

  it('still answers a well-formed request, plain and compressed', async () => {
    for (const [encoding, body] of [
      [undefined, Buffer.from(query)],
      ['gzip', gzipSync(query)],
      ['deflate', deflateSync(query)],
      ['br', brotliCompressSync(query)],
    ] as const) {
      const answer = await send(forum.url, {
        name: 'well-formed',
        headers: { ...json, ...(encoding ? { 'content-encoding': encoding } : {}) },
        body,
      });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({ data: { __typename: 'Query' } });
    }
  });
});
