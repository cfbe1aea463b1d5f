// Soak (issue 6): 10 minutes of mixed traffic through the gateway — reads, posts, 2,000 live subscribers —
// with each service's RSS and open file descriptors sampled; growth after warm-up is what we look for.
//   BENCH_ONLY=soak BENCH_SOAK_SECONDS=600 BENCH_SOAK_SUBSCRIBERS=2000 npm run bench
// (or, once `npm run bench` has built the launcher and the parts, node bench/soak/soak.bench.mjs)
// BENCH_SOAK_HEAP_SNAPSHOTS=1 also writes two heap snapshots of the gateway (after warm-up and at the end)
// to bench/.heap; compare them with bench/soak/heap-diff.mjs.
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import {
  FAST_PASSWORD_HASHING,
  GATEWAY_LIMITS_LIFTED,
  gql,
  launchPlatform,
  root,
  round,
  rssMb,
} from '../lib/harness.mjs';
import { registerVerified } from '@stadtnetz/platform';

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const SUBSCRIBERS = Number(process.env.BENCH_SOAK_SUBSCRIBERS ?? 2000);
const SAMPLE_EVERY_MS = Math.max(2000, (SECONDS * 1000) / 60);
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
async function gatewayHeapMb(gatewayUrl) {
  const text = await fetch(`${gatewayUrl}/metrics`).then((response) => response.text());
  const used = /^gateway_nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1];
  const external = /^gateway_nodejs_external_memory_bytes (\S+)$/m.exec(text)?.[1];
  return { heapUsed: round(Number(used) / 2 ** 20), external: round(Number(external) / 2 ** 20) };
}

export async function run() {
  if (HEAP_SNAPSHOTS) mkdirSync(heapDir, { recursive: true });
  // Forum, CMS (demo content) and one gateway as docker-compose.yml runs them: PostgreSQL, Redis.
  const platform = await launchPlatform('soak', {
    shape: 'production',
    only: ['forum', 'cms', 'gateway', 'mail'],
    replicas: { forum: 1, gateway: 1 },
    env: { forum: FAST_PASSWORD_HASHING, gateway: GATEWAY_LIMITS_LIFTED },
    nodeArgs: HEAP_SNAPSHOTS
      ? { gateway: ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${heapDir}`] }
      : {},
  });
  try {
    const { cms } = platform;
    const [forum] = platform.forums;
    const [gateway] = platform.gateways;
    const url = `${gateway.url}/graphql`;
    // A member who confirmed the address with the mailed link (the platform's inbox).
    const { token } = await registerVerified(url.replace(/\/graphql$/, ''), platform.urls.mail, {
      email: `soak-${Date.now()}@example.org`,
      password: 'benchmark passwort',
      displayName: 'Soak',
      sector: 'SONSTIGE',
    });
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
          rssMb: { forum: rssMb(forum.pid), cms: rssMb(cms.pid), gateway: rssMb(gateway.pid) },
          gatewayHeapMb: await gatewayHeapMb(gateway.url).catch(() => null),
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
      setup: `${SECONDS} s of mixed traffic through the gateway (4 readers in a loop, 5 posts/s, ${SUBSCRIBERS} subscribers on ${threads.length} threads), forum and CMS on PostgreSQL, Redis, one instance of each part, started by the launcher in docker-compose.yml's production shape`,
      totals: { ...stats, delivered, readsPerSecond: round(stats.reads / SECONDS, 1) },
      growthAfterWarmUp: growth,
      samples,
    };
  } finally {
    await platform.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
  process.exit(0);
}
