// Soak (issue 6): 10 minutes of mixed traffic through the gateway — reads, posts, 2,000 live subscribers —
// with each service's RSS and open file descriptors sampled; growth after warm-up is what we look for.
//   BENCH_SOAK_SECONDS=600 BENCH_SOAK_SUBSCRIBERS=2000 node bench/soak/soak.bench.mjs
// BENCH_SOAK_HEAP_SNAPSHOTS=1 also writes two heap snapshots of the gateway (after warm-up and at the end)
// to bench/.heap; compare them with bench/soak/heap-diff.mjs.
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { REDIS_URL, gql, root, round, scratchDatabase, startProcess } from '../lib/harness.mjs';

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const SUBSCRIBERS = Number(process.env.BENCH_SOAK_SUBSCRIBERS ?? 2000);
const SAMPLE_EVERY_MS = Math.max(2000, (SECONDS * 1000) / 60);
const PORTS = { forum: 4391, cms: 4392, gateway: 4393 };
const log = (message) => console.error(`[bench soak] ${message}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const openFiles = (pid) => readdirSync(`/proc/${pid}/fd`).length;
const HEAP_SNAPSHOTS = process.env.BENCH_SOAK_HEAP_SNAPSHOTS === '1';
const heapDir = path.join(root, 'bench', '.heap');

/** Waits until `count` snapshots are in the folder and the newest no longer grows (they take a while). */
async function snapshotsWritten(count) {
  const sizes = () =>
    readdirSync(heapDir)
      .filter((file) => file.endsWith('.heapsnapshot'))
      .map((file) => statSync(path.join(heapDir, file)).size);
  let previous = -1;
  for (let waited = 0; waited < 180_000; waited += 3000) {
    await sleep(3000);
    const now = sizes();
    const total = now.reduce((sum, size) => sum + size, 0);
    if (now.length >= count && total === previous) return;
    previous = total;
  }
  log('heap snapshots still being written after 3 minutes');
}

/** The gateway's live JavaScript heap, from its own Prometheus metrics (RSS alone cannot tell a leak). */
async function gatewayHeapMb(port) {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((response) => response.text());
  const used = /^gateway_nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1];
  const external = /^gateway_nodejs_external_memory_bytes (\S+)$/m.exec(text)?.[1];
  return { heapUsed: round(Number(used) / 2 ** 20), external: round(Number(external) / 2 ** 20) };
}

export async function run() {
  const [forumDb, cmsDb] = await Promise.all([
    scratchDatabase('bench_soak_forum'),
    scratchDatabase('bench_soak_cms'),
  ]);
  const services = [];
  try {
    services.push(
      await startProcess(
        'forum',
        'services/forum/dist/main.js',
        {
          FORUM_PORT: String(PORTS.forum),
          FORUM_DATABASE_URL: forumDb.url,
          REDIS_URL,
          FORUM_PASSWORD_HASH_COST: '10',
          FORUM_REDIS_PREFIX: 'bench-soak',
        },
        `http://127.0.0.1:${PORTS.forum}/health`,
      ),
    );
    services.push(
      await startProcess(
        'cms',
        'cms/scripts/serve-api.mjs',
        {
          PORT: String(PORTS.cms),
          HOST: '127.0.0.1',
          NODE_ENV: 'test',
          DATABASE_CLIENT: 'postgres',
          DATABASE_URL: cmsDb.url,
          SEED_DEMO: 'true',
          FORUM_URL: `http://127.0.0.1:${PORTS.forum}`,
          CMS_CONTENT_WEBHOOK_URLS: `http://127.0.0.1:${PORTS.gateway}/webhooks/cms`,
          LOG_LEVEL: 'warn',
        },
        `http://127.0.0.1:${PORTS.cms}/_health`,
      ),
    );
    services.push(
      await startProcess(
        'gateway',
        'gateway/dist/main.js',
        {
          GATEWAY_PORT: String(PORTS.gateway),
          CMS_URL: `http://127.0.0.1:${PORTS.cms}`,
          FORUM_URL: `http://127.0.0.1:${PORTS.forum}`,
          REDIS_URL,
          GATEWAY_REDIS_PREFIX: 'bench-soak',
          GATEWAY_RATE_LIMIT: '100000000',
        },
        `http://127.0.0.1:${PORTS.gateway}/health`,
        undefined,
        HEAP_SNAPSHOTS ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${heapDir}`] : [],
      ),
    );
    if (HEAP_SNAPSHOTS) mkdirSync(heapDir, { recursive: true });
    const [forum, cms, gateway] = services;
    const url = `http://127.0.0.1:${PORTS.gateway}/graphql`;
    const { registerMember } = await gql(
      url,
      'mutation ($i: RegisterMemberInput!) { registerMember(input: $i) { token } }',
      {
        i: {
          email: `soak-${Date.now()}@example.org`,
          password: 'benchmark passwort',
          displayName: 'Soak',
          sector: 'SONSTIGE',
        },
      },
    );
    const token = registerMember.token;
    const { categories, projects } = await gql(
      url,
      '{ categories { id } projects(pagination: { pageSize: 10 }) { documentId } }',
    );
    const threads = [];
    for (const project of projects) {
      const { createThread } = await gql(
        url,
        'mutation ($i: CreateThreadInput!) { createThread(input: $i) { id } }',
        { i: { title: 'Soak', body: 'Start', categoryId: categories[0].id, projectId: project.documentId } },
        token,
      );
      threads.push(createThread.id);
    }

    log(`${SUBSCRIBERS} subscribers on ${threads.length} threads…`);
    let delivered = 0;
    const clients = [];
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const client = createClient({
        url: url.replace('http', 'ws'),
        webSocketImpl: WebSocket,
        retryAttempts: 5,
      });
      client.subscribe(
        {
          query:
            'subscription ($t: ID!) { postAdded(threadId: $t) { id body author { displayName } thread { project { title } } } }',
          variables: { t: threads[i % threads.length] },
        },
        { next: () => delivered++, error: () => {}, complete: () => {} },
      );
      clients.push(client);
      if (i % 200 === 199) await sleep(50);
    }

    const stats = { reads: 0, posts: 0, errors: 0 };
    const until = Date.now() + SECONDS * 1000;
    const readQueries = [
      '{ projects(pagination: { pageSize: 20 }) { title city { name } discussions { title } } }',
      '{ threads(first: 20) { nodes { title author { displayName } project { title } } } }',
      '{ cities { name memberCount } }',
    ];
    const reader = async (n) => {
      for (let i = n; Date.now() < until; i++) {
        try {
          await gql(url, readQueries[i % readQueries.length]);
          stats.reads++;
        } catch {
          stats.errors++;
        }
      }
    };
    const poster = async () => {
      for (let i = 0; Date.now() < until; i++) {
        try {
          await gql(
            url,
            'mutation ($i: AddPostInput!) { addPost(input: $i) { id } }',
            { i: { threadId: threads[i % threads.length], body: `Soak ${i}` } },
            token,
          );
          stats.posts++;
        } catch {
          stats.errors++;
        }
        await sleep(200); // five posts a second
      }
    };
    const samples = [];
    const sampler = (async () => {
      const started = Date.now();
      let snapshotTaken = false;
      while (Date.now() < until) {
        if (HEAP_SNAPSHOTS && !snapshotTaken && Date.now() - started > (SECONDS * 1000) / 3) {
          process.kill(gateway.pid, 'SIGUSR2');
          snapshotTaken = true;
        }
        samples.push({
          seconds: Math.round((Date.now() - started) / 1000),
          rssMb: { forum: forum.rssMb(), cms: cms.rssMb(), gateway: gateway.rssMb() },
          gatewayHeapMb: await gatewayHeapMb(PORTS.gateway).catch(() => null),
          openFiles: {
            forum: openFiles(forum.pid),
            cms: openFiles(cms.pid),
            gateway: openFiles(gateway.pid),
          },
          delivered,
          ...stats,
        });
        await sleep(SAMPLE_EVERY_MS);
      }
    })();
    await Promise.all([reader(0), reader(1), reader(2), reader(3), poster(), sampler]);
    if (HEAP_SNAPSHOTS) {
      process.kill(gateway.pid, 'SIGUSR2');
      await snapshotsWritten(2);
      log(`heap snapshots in ${heapDir}: node bench/soak/heap-diff.mjs <first> <second>`);
    }
    await Promise.all(clients.map((client) => client.dispose()));

    // Growth: the mean of the last third of the samples against the mean of the second third (after warm-up).
    const third = Math.max(1, Math.floor(samples.length / 3));
    const mean = (list, pick) => list.reduce((sum, sample) => sum + pick(sample), 0) / list.length;
    const growth = {};
    for (const service of ['forum', 'cms', 'gateway']) {
      const middle = samples.slice(third, 2 * third);
      const last = samples.slice(-third);
      growth[service] = {
        rssMbMiddle: round(mean(middle, (s) => s.rssMb[service])),
        rssMbLast: round(mean(last, (s) => s.rssMb[service])),
        rssGrowthPercent: round(
          (mean(last, (s) => s.rssMb[service]) / mean(middle, (s) => s.rssMb[service]) - 1) * 100,
        ),
        ...(service === 'gateway'
          ? {
              heapUsedMbMiddle: round(mean(middle, (s) => s.gatewayHeapMb?.heapUsed ?? 0)),
              heapUsedMbLast: round(mean(last, (s) => s.gatewayHeapMb?.heapUsed ?? 0)),
            }
          : {}),
        openFilesMiddle: round(mean(middle, (s) => s.openFiles[service])),
        openFilesLast: round(mean(last, (s) => s.openFiles[service])),
      };
    }
    return {
      name: 'soak',
      setup: `${SECONDS} s of mixed traffic through the gateway (4 readers in a loop, 5 posts/s, ${SUBSCRIBERS} subscribers on ${threads.length} threads), forum and CMS on PostgreSQL, Redis`,
      totals: { ...stats, delivered, readsPerSecond: round(stats.reads / SECONDS, 1) },
      growthAfterWarmUp: growth,
      samples,
    };
  } finally {
    for (const service of services.reverse()) await service.stop();
    await Promise.all([forumDb.drop(), cmsDb.drop()]);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
  process.exit(0);
}
