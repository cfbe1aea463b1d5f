// Frontend benchmark (issue 5): JavaScript a first visit to /projekte downloads (gzip), and server-rendered
// /projekte and a project page under 20 concurrent clients (req/s, p50/p95/p99), with every part started by
// the launcher as `npm start` starts it (its own process each, the embedded defaults). Baseline, side by
// side: the gateway's own answer to the same project-list query, i.e. what rendering adds on top of the data.
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { launchPlatform, round, percentile } from '../lib/harness.mjs';

const CONCURRENCY = Number(process.env.BENCH_FRONTEND_CLIENTS ?? 20);
const SECONDS = Number(process.env.BENCH_FRONTEND_SECONDS ?? 10);
const log = (message) => console.error(`[bench frontend] ${message}`);

/** Every JavaScript file the first load of a page fetches: preloads, the start script's imports, and theirs. */
export async function firstLoadJavaScript(pageUrl) {
  const html = await (await fetch(pageUrl)).text();
  const queue = [
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
    ...html.matchAll(/import\("([^"]+\.js)"\)/g),
    ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
  ].map((match) => new URL(match[1], pageUrl).href);
  const files = new Map();
  while (queue.length) {
    const url = queue.shift();
    if (files.has(url)) continue;
    const source = await (await fetch(url)).text();
    files.set(url, { raw: Buffer.byteLength(source), gzip: gzipSync(source, { level: 9 }).length });
    // Static imports only: dynamic import() chunks load later, when a feature needs them.
    for (const match of source.matchAll(
      /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g,
    ))
      queue.push(new URL(match[1], url).href);
  }
  const total = (key) => [...files.values()].reduce((sum, file) => sum + file[key], 0);
  return { files: files.size, rawKb: round(total('raw') / 1024), gzipKb: round(total('gzip') / 1024) };
}

async function load(title, url, init = {}) {
  const latencies = [];
  let errors = 0;
  const until = performance.now() + SECONDS * 1000;
  const worker = async () => {
    while (performance.now() < until) {
      const started = performance.now();
      try {
        const response = await fetch(url, init);
        await response.arrayBuffer();
        if (response.status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  if (errors) throw new Error(`${title}: ${errors} failed requests`);
  return {
    title,
    clients: CONCURRENCY,
    requestsPerSecond: round(sorted.length / elapsed, 0),
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
  };
}

export async function run() {
  // Every client here comes from 127.0.0.1: lift the gateway's per-visitor rate limit for the measurement.
  const platform = await launchPlatform('frontend', { env: { gateway: { GATEWAY_RATE_LIMIT: '10000000' } } });
  try {
    const website = platform.urls.website;
    const projects = `${website}/projekte`;
    const html = await (await fetch(projects)).text();
    const project = new URL(/href="(\/projekte\/[a-z0-9]+)"/.exec(html)[1], website).href;
    const javascript = await firstLoadJavaScript(projects);
    log(`first load of /projekte: ${javascript.gzipKb} KB JavaScript (gzip) in ${javascript.files} files`);
    // Warm up (JIT, CMS caches), then measure one at a time.
    await load('warm-up', projects);
    const list = await load('GET /projekte (server-rendered)', projects);
    log(JSON.stringify(list));
    const page = await load('GET /projekte/<id> (server-rendered, with discussion)', project);
    log(JSON.stringify(page));
    const query = JSON.stringify({
      query:
        'query ($p: Int!) { projects_connection(sort: ["publishedAt:desc"], pagination: { page: $p, pageSize: 12 }) { nodes { documentId title summary projectStatus city { name } actionFields { name } } pageInfo { total pageCount } } }',
      variables: { p: 1 },
    });
    const baseline = await load(
      'baseline: the gateway answering the list query alone',
      `${platform.urls.gateway}/graphql`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: query,
      },
    );
    log(JSON.stringify(baseline));
    return {
      setup: `forum (PGlite), CMS (SQLite, demo content: 69 projects), gateway and the built frontend as separate processes on this machine, started by the launcher as \`npm start\` starts them (embedded shape); ${CONCURRENCY} concurrent clients for ${SECONDS} s each, keep-alive`,
      targets: { javascriptGzipKb: '< 80', p95Ms: '< 150' },
      firstLoadJavaScript: javascript,
      results: [list, page, baseline],
    };
  } finally {
    await platform.stop();
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) console.log(JSON.stringify(await run(), null, 2));
