// The adversarial suite: thousands of hostile requests to the gateway and hundreds each to the forum and the CMS
// (malformed JSON, wrong content types and encodings, compressed bodies, oversized and wrong-typed variables,
// NUL and odd Unicode, SQL metacharacters, several operations, junk persisted queries, GET mutations, requests
// without the CSRF preflight header, Strapi REST parameter tricks, malformed WebSocket sessions), against the
// platform as `npm start` runs it. Pass: no 5xx, no stack trace or path in any body, every service healthy after
// and answering a normal request right away. Seeded: FUZZ_SEED=<n> replays a run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hostileRequest,
  LEAK,
  seededRandom,
  type HostileRequest,
  type Target,
} from './adversarial/hostile-requests.js';
import { hostileSession, play } from './adversarial/hostile-websockets.js';
import { build } from './build.js';
import { startPlatform, type Platform } from './platform.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261201);
const HTTP_COUNTS: Record<Target, number> = { gateway: 3000, forum: 600, cms: 600 };
const WEBSOCKET_COUNTS = { gateway: 200, forum: 100 };

let platform: Platform;
beforeAll(async () => {
  await build(['shared', 'forum', 'cms', 'gateway']);
  platform = await startPlatform({
    only: ['cms', 'forum', 'gateway'],
    // This suite is about input, not about the rate limits (which answer 429, also fine).
    env: { gateway: { GATEWAY_RATE_LIMIT: '1000000' }, forum: { FORUM_PASSWORD_HASH_COST: '10' } },
  });
});
afterAll(() => platform?.stop());

const baseOf = (target: Target) =>
  target === 'gateway' ? platform.urls.gateway : target === 'forum' ? platform.urls.forum : platform.urls.cms;

async function send(base: string, request: HostileRequest): Promise<string | undefined> {
  const where = `${request.kind} (${request.method} ${request.path.slice(0, 120)})`;
  try {
    const response = await fetch(`${base}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    if (response.status >= 500) return `${where}: HTTP ${response.status} ${text.slice(0, 200)}`;
    if (LEAK.test(text)) return `${where}: leaks ${text.match(LEAK)![0]} in ${text.slice(0, 200)}`;
    return undefined;
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause?.code;
    // A server may rightly cut off a body it will not read (far over the limit, a bomb); a hang is not right.
    if (cause === 'UND_ERR_SOCKET' || cause === 'ECONNRESET' || cause === 'EPIPE')
      return request.kind.includes('over the size limit') || request.kind.includes('bomb')
        ? undefined
        : `${where}: connection reset`;
    return `${where}: ${(error as Error).message}`;
  }
}

/** Problems grouped by what went wrong: one example each, with how often it happened. */
function summary(problems: string[]): string[] {
  const byKind = new Map<string, { example: string; count: number }>();
  for (const problem of problems) {
    const kind = problem.slice(0, problem.indexOf(':'));
    const seen = byKind.get(kind);
    if (seen) seen.count += 1;
    else byKind.set(kind, { example: problem, count: 1 });
  }
  return [...byKind.values()].map(({ example, count }) => `${count}× ${example}`);
}

async function inParallel<T>(items: T[], work: (item: T) => Promise<string | undefined>, workers = 8) {
  const problems: string[] = [];
  let index = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (index < items.length) {
        const problem = await work(items[index++]!);
        if (problem) problems.push(problem);
      }
    }),
  );
  return summary(problems);
}

async function healthyAndServing() {
  for (const service of [platform.cms, ...platform.forums, ...platform.gateways]) {
    expect(service.running, `${service.name} is still running`).toBe(true);
    const health = await fetch(`${service.spec.healthUrl}`);
    expect(health.ok, `${service.name} is healthy`).toBe(true);
  }
  const answer = await fetch(`${platform.urls.gateway}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: '{ categories { slug } projects(pagination: { pageSize: 1 }) { title } }',
    }),
  });
  const body = (await answer.json()) as {
    data?: { categories: unknown[]; projects: unknown[] };
    errors?: unknown;
  };
  expect(body.errors).toBeUndefined();
  expect(body.data?.categories.length).toBeGreaterThan(0);
  expect(body.data?.projects).toHaveLength(1);
}

describe(`hostile input (seed ${SEED})`, () => {
  for (const target of ['gateway', 'forum', 'cms'] as const) {
    it(`${target}: ${HTTP_COUNTS[target]} hostile HTTP requests, no 5xx, no leak, serving after`, async () => {
      const next = seededRandom(SEED + target.length);
      const requests = Array.from({ length: HTTP_COUNTS[target] }, () => hostileRequest(target, next));
      const problems = await inParallel(requests, (request) => send(baseOf(target), request));
      expect(problems.slice(0, 8), `replay with FUZZ_SEED=${SEED}`).toEqual([]);
      await healthyAndServing();
    }, 300_000);
  }

  for (const target of ['gateway', 'forum'] as const) {
    it(`${target}: ${WEBSOCKET_COUNTS[target]} malformed WebSocket sessions, no internal error, serving after`, async () => {
      const next = seededRandom(SEED * 7 + target.length);
      const url = `${baseOf(target).replace('http', 'ws')}/graphql`;
      const sessions = Array.from({ length: WEBSOCKET_COUNTS[target] }, () => hostileSession(next));
      const problems = await inParallel(sessions, async (session) => {
        const outcome = await play(url, session);
        // 4500 is graphql-ws's "internal server error", 1011 the WebSocket one, ≥ 500 an HTTP error on upgrade.
        if ([4500, 1011].includes(outcome.closeCode) || (outcome.closeCode >= 500 && outcome.closeCode < 600))
          return `${session.kind}: closed with ${outcome.closeCode} ${outcome.received.slice(0, 200)}`;
        if (LEAK.test(outcome.received)) return `${session.kind}: leaks ${outcome.received.slice(0, 200)}`;
        return undefined;
      });
      expect(problems.slice(0, 8), `replay with FUZZ_SEED=${SEED}`).toEqual([]);
      await healthyAndServing();
    }, 300_000);
  }
});
