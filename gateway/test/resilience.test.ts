import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, print, visit } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, schemaDir } from '../src/schema/compose.js';
import { backend, startPlatform, type Platform } from './platform.js';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

const waitFor = async (check: () => Promise<boolean>, timeoutMs = 10_000) => {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe('caching published content', () => {
  it('answers repeated reads from the cache and shows an editor’s published change on the next reads, long before the cache would expire', async () => {
    const query = '{ projects(pagination: { pageSize: 1 }, sort: "title:asc") { documentId title } }';
    const first = await platform.ok(query);
    const { documentId, title } = first.projects[0];
    const metrics = async () =>
      (await (await fetch(`${platform.gateway.url}/metrics`)).text()).match(
        /gateway_cache_lookups_total\{result="hit"\} (\d+)/,
      )?.[1];
    // A repeated read is a hit — once the content events of the CMS's first start (its demo seeding, each
    // invalidating the cache) have all arrived.
    await waitFor(async () => {
      const hitsBefore = Number((await metrics()) ?? 0);
      expect((await platform.ok(query)).projects[0].title).toBe(title);
      return Number((await metrics()) ?? 0) > hitsBefore;
    }, 60_000);

    // The editor changes the title in the Strapi admin and publishes.
    const token = await platform.editorToken();
    const base = `${platform.cms.url}/content-manager/collection-types/api::project.project/${documentId}`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const changed = `${title} (aktualisiert)`;
    expect(
      (await fetch(`${base}?locale=de`, { method: 'PUT', headers, body: JSON.stringify({ title: changed }) }))
        .ok,
    ).toBe(true);
    expect(
      (await fetch(`${base}/actions/publish?locale=de`, { method: 'POST', headers, body: '{}' })).ok,
    ).toBe(true);
    // The cached page lives an hour (GATEWAY_CACHE_TTL_SECONDS): the change shows because the CMS's content
    // event cleared it. How fast is a speed goal for bench/, not a timed test.
    await waitFor(async () => (await platform.ok(query)).projects[0].title === changed, 5000);
  });

  it('refuses content events from unknown senders', async () => {
    const gateway = await platform.startGateway({ webhookSecret: 'geheim' });
    const refused = await fetch(`${gateway.url}/webhooks/cms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model":"project"}',
    });
    expect(refused.status).toBe(401);
    const accepted = await fetch(`${gateway.url}/webhooks/cms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-webhook-secret': 'geheim' },
      body: '{"model":"project","event":"entry.update","documentId":"x"}',
    });
    expect(accepted.status).toBe(200);
  });
});

describe('a subgraph that is down or slow', () => {
  it('still serves the forum while the CMS is down, with UPSTREAM_UNAVAILABLE on the CMS fields, and recovers', async () => {
    const member = await platform.register();
    const { projects } = await platform.ok('{ projects(pagination: { pageSize: 1 }) { documentId } }');
    const categories = await platform.ok('{ categories { id } }');
    const created = await platform.ok(
      'mutation ($i: CreateThreadInput!) { createThread(input: $i) { id } }',
      {
        i: {
          title: 'Während des Ausfalls',
          body: 'Hallo',
          categoryId: categories.categories[0].id,
          projectId: projects[0].documentId,
        },
      },
      member.token,
    );
    const gateway = await platform.startGateway({ cache: { enabled: false, ttlSeconds: 1 } });
    await platform.cms.kill();
    try {
      const result = await platform.gql(
        'query ($id: ID!) { thread(id: $id) { title project { title } } }',
        { id: created.createThread.id },
        { gateway },
      );
      expect(result.status).toBe(200);
      expect(result.data?.thread.title).toBe('Während des Ausfalls');
      expect(result.data?.thread.project).toBeNull();
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', service: 'cms' });
      const cmsOnly = await platform.gql('{ projects { title } }', {}, { gateway });
      expect(cmsOnly.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
      const ready = await fetch(`${gateway.url}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ cms: false, forum: true });
      expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
    } finally {
      await platform.cms.restart();
    }
    const recovered = await platform.gql(
      'query ($id: ID!) { thread(id: $id) { project { documentId } } }',
      { id: created.createThread.id },
      { gateway },
    );
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data?.thread.project.documentId).toBe(projects[0].documentId);
    expect((await fetch(`${gateway.url}/ready`)).status).toBe(200);
  });

  it('gives up on a slow subgraph after its timeout', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent = http.createServer(() => undefined); // accepts, never answers
    silent.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as import('node:net').AddressInfo).port;
    const gateway = await platform.startGateway({
      cmsUrl: `http://127.0.0.1:${port}`,
      upstreamTimeoutMs: 300,
      cache: { enabled: false, ttlSeconds: 1 },
    });
    try {
      const started = Date.now();
      // A nullable CMS field: a failed non-null root field would take the whole answer with it (GraphQL's rule).
      const result = await platform.gql(
        '{ project(documentId: "x") { title } categories { slug } }',
        {},
        { gateway },
      );
      expect(Date.now() - started).toBeLessThan(3000);
      expect(result.data?.categories.length).toBeGreaterThan(0);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', service: 'cms' });
      expect(result.errors?.[0]?.extensions?.['detail']).toContain('300 ms');
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('ends subscriptions with a retryable error when the forum goes away; on PostgreSQL the cursor then catches up', async () => {
    const member = await platform.register();
    const categories = await platform.ok('{ categories { id } }');
    const { createThread } = await platform.ok(
      'mutation ($i: CreateThreadInput!) { createThread(input: $i) { id } }',
      { i: { title: 'Ausfall des Forums', body: 'eins', categoryId: categories.categories[0].id } },
      member.token,
    );
    const client = platform.subscriber();
    const events: any[] = [];
    const ended = new Promise<void>((resolve) => {
      client.subscribe(
        {
          query: 'subscription ($t: ID!) { postAdded(threadId: $t) { body cursor } }',
          variables: { t: createThread.id },
        },
        { next: (event) => events.push(event), error: () => resolve(), complete: () => resolve() },
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await platform.ok(
      'mutation ($t: ID!) { addPost(input: { threadId: $t, body: "zwei" }) { id } }',
      { t: createThread.id },
      member.token,
    );
    await waitFor(async () => events.length === 1);
    await platform.forum.kill();
    await ended;
    const last = events.at(-1);
    expect(last.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    await client.dispose();
    await platform.forum.restart();
    await waitFor(async () => (await fetch(`${platform.gateway.url}/ready`)).status === 200);
    // The embedded forum kept its data in memory; on PostgreSQL the thread is still there to catch up on.
    if (backend === 'postgres') {
      await platform.ok(
        'mutation ($t: ID!) { addPost(input: { threadId: $t, body: "drei" }) { id } }',
        { t: createThread.id },
        member.token,
      );
      const missed = await platform.ok(
        'query ($t: ID!, $after: String) { posts(threadId: $t, after: $after) { nodes { body } } }',
        { t: createThread.id, after: events[0].data.postAdded.cursor },
      );
      expect(missed.posts.nodes.map((node: { body: string }) => node.body)).toEqual(['drei']);
    }
  });
});

describe('a new supergraph', () => {
  it('is picked up without a restart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'supergraph-'));
    await copyFile(path.join(schemaDir, 'cms.graphql'), path.join(dir, 'cms.graphql'));
    await copyFile(path.join(schemaDir, 'forum.graphql'), path.join(dir, 'forum.graphql'));
    const file = path.join(dir, 'supergraph.graphql');
    await writeFile(file, (await compose(dir)).supergraphSdl);
    const gateway = await platform.startGateway({ supergraphPath: file });
    const hasBio = async () => {
      const result = await platform.gql('{ __type(name: "Member") { fields { name } } }', {}, { gateway });
      return result.data?.__type.fields.some((field: { name: string }) => field.name === 'bio');
    };
    expect(await hasBio()).toBe(true);
    // A new version of the forum without `Member.bio` is composed and deployed.
    const forumSdl = await readFile(path.join(dir, 'forum.graphql'), 'utf8');
    // (Removed from the document, not the text: the field's description goes with it.)
    const withoutBio = visit(parse(forumSdl), {
      ObjectTypeDefinition: (node) =>
        node.name.value === 'Member'
          ? { ...node, fields: node.fields?.filter((field) => field.name.value !== 'bio') }
          : undefined,
    });
    await writeFile(path.join(dir, 'forum.graphql'), print(withoutBio));
    await writeFile(file, (await compose(dir)).supergraphSdl);
    await waitFor(async () => !(await hasBio()), 5000);
    // A broken supergraph is refused and the current one stays.
    await writeFile(file, 'this is not a supergraph');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await platform.gql('{ categories { id } }', {}, { gateway })).errors).toBeUndefined();
  });
});
