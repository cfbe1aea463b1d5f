import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from './platform.js';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

/** A small deterministic generator, so a failure can be reproduced from its seed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const VALID = [
  '{ projects(pagination: { pageSize: 5 }) { title city { name } discussions { title } } }',
  'query ($id: ID!) { thread(id: $id) { title posts { nodes { body author { displayName } } } } }',
  '{ threads(first: 5) { nodes { title project { title } } } }',
  '{ searchProjects(query: "Sprache") { total nodes { title } } }',
  'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }',
];
const HOSTILE_STRINGS = [
  "'; DROP TABLE member; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '${jndi:ldap://x/a}',
  '../../../../etc/passwd',
  '\u0000\u0001\u0002',
  '𝕏'.repeat(2000),
  'a'.repeat(100_000),
  '{"$gt": ""}',
  '%00%ff%fe',
];

function hostileRequest(next: () => number): { body: string | Uint8Array; contentType: string } {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const valid = pick(VALID);
  switch (Math.floor(next() * 12)) {
    case 0: // deep nesting
      return {
        body: JSON.stringify({
          query: `{ threads { nodes { ${'thread { posts { nodes { '.repeat(40)}id${' } } }'.repeat(40)} } } }`,
        }),
        contentType: 'application/json',
      };
    case 1: // many aliases
      return {
        body: JSON.stringify({
          query: `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: categories { id }`).join(' ')} }`,
        }),
        contentType: 'application/json',
      };
    case 2: {
      // invalid UTF-8 bytes inside JSON
      const prefix = new TextEncoder().encode('{"query":"{ categories { ');
      return {
        body: new Uint8Array([...prefix, 0xff, 0xfe, 0xc3, 0x28, ...new TextEncoder().encode(' } }"}')]),
        contentType: 'application/json',
      };
    }
    case 3: // wrong variable types
      return {
        body: JSON.stringify({
          query: VALID[1],
          variables: { id: pick([42, true, { a: 1 }, [1, 2], null, 1e308]) },
        }),
        contentType: 'application/json',
      };
    case 4: // injection strings in every string position
      return {
        body: JSON.stringify({
          query: VALID[4],
          variables: { e: pick(HOSTILE_STRINGS), p: pick(HOSTILE_STRINGS) },
        }),
        contentType: 'application/json',
      };
    case 5: {
      // a valid query cut at a random point
      const text = pick(VALID);
      return {
        body: JSON.stringify({ query: text.slice(0, Math.floor(next() * text.length)) }),
        contentType: 'application/json',
      };
    }
    case 6: // not JSON at all
      return {
        body: pick(['{', 'null', '[]', '"query"', '{"query": 1}', '{"query": null}', '\u0000']),
        contentType: 'application/json',
      };
    case 7: // a body over the size limit
      return {
        body: JSON.stringify({ query: `{ categories { id } } # ${'x'.repeat(300_000)}` }),
        contentType: 'application/json',
      };
    case 8: // wrong content type
      return {
        body: `query=${encodeURIComponent(valid)}`,
        contentType: pick([
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
        ]),
      };
    case 9: // search with hostile text
      return {
        body: JSON.stringify({
          query: 'query ($q: String!) { searchProjects(query: $q) { total } search(query: $q) { excerpt } }',
          variables: { q: pick(HOSTILE_STRINGS) },
        }),
        contentType: 'application/json',
      };
    case 10: // fragments that spread themselves, unknown fields, introspection abuse
      return {
        body: JSON.stringify({
          query: pick([
            'fragment A on Query { ...A } { ...A }',
            '{ __schema { types { fields { type { fields { type { name } } } } } } }',
            '{ nope }',
            'subscription { postAdded(threadId: "x") { id } }',
          ]),
        }),
        contentType: 'application/json',
      };
    default: // batched requests, which the gateway does not accept
      return { body: JSON.stringify([{ query: valid }, { query: valid }]), contentType: 'application/json' };
  }
}

describe('bad input at scale', () => {
  it('answers 3,000 malformed, oversized and hostile requests without a 5xx or a stack trace, and serves right after', async () => {
    // Portals are limited per address; this test is about input, not about the rate limit.
    const gateway = await platform.startGateway({
      rateLimit: { anonymous: 1_000_000, withApiKey: 1_000_000, windowSeconds: 60 },
    });
    const next = random(20261125);
    const problems: string[] = [];
    const requests = Array.from({ length: 3000 }, () => hostileRequest(next));
    let index = 0;
    const worker = async () => {
      while (index < requests.length) {
        const request = requests[index++]!;
        const response = await fetch(`${gateway.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': request.contentType },
          body: request.body,
        });
        const text = await response.text();
        if (response.status >= 500) problems.push(`${response.status}: ${text.slice(0, 200)}`);
        if (/stacktrace|at [\w.<>]+ \(|node:internal|\/work\/|\.ts:\d+/.test(text))
          problems.push(`leak: ${text.slice(0, 200)}`);
      }
    };
    await Promise.all(Array.from({ length: 10 }, worker));
    expect(problems.slice(0, 5)).toEqual([]);
    const after = await platform.gql(
      '{ categories { slug } projects(pagination: { pageSize: 1 }) { title } }',
      {},
      { gateway },
    );
    expect(after.errors).toBeUndefined();
    expect(after.data?.categories.length).toBeGreaterThan(0);
  });
});
