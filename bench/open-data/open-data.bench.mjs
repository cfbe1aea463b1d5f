// Open data benchmark (issue 15): how long the website takes to export every project as CSV, JSON and GeoJSON
// (`/daten/projekte.*`), and the website's peak memory meanwhile — flat memory means the export streams instead of
// building the whole table. N synthetic projects (BENCH_OPEN_DATA_PROJECTS, default 10,000) on top of the demo
// content, in a CMS on SQLite kept between runs under bench/.data/ (generating 10,000 takes minutes); every part
// started by the launcher as its own process (embedded shape). Baseline, side by side: the same pages fetched from
// the gateway alone, one after another, without writing any file — what the export adds on top of the data.
//
//   node bench/open-data/open-data.bench.mjs           BENCH_OPEN_DATA_PROJECTS=200 for a smoke run
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { GATEWAY_LIMITS_LIFTED, launchPlatform, root, round, rssMb } from '../lib/harness.mjs';

const PROJECTS = Number(process.env.BENCH_OPEN_DATA_PROJECTS ?? 10000);
const ROUNDS = Number(process.env.BENCH_OPEN_DATA_ROUNDS ?? 3);
const log = (message) => console.error(`[bench open-data] ${message}`);

const dataDir = path.join(root, 'bench', '.data');
const databaseFile = path.join(dataDir, `open-data-${PROJECTS}.db`);

/** Reads a response to its end, counting bytes, while sampling the website's resident memory. */
async function timed(url, pid) {
  let peak = rssMb(pid);
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, rssMb(pid));
    } catch {
      // the process is gone: the fetch fails too
    }
  }, 20);
  const started = performance.now();
  try {
    const response = await fetch(url);
    if (response.status !== 200) throw new Error(`${url}: ${response.status} ${await response.text()}`);
    let bytes = 0;
    let firstByteMs;
    let newlines = 0;
    for await (const chunk of response.body) {
      firstByteMs ??= performance.now() - started;
      bytes += chunk.length;
      for (const byte of chunk) if (byte === 10) newlines++;
    }
    return {
      ms: performance.now() - started,
      firstByteMs,
      bytes,
      newlines,
      total: Number(response.headers.get('x-total-count')),
      answeredBy: response.headers.get('x-export'),
      etag: response.headers.get('etag'),
      peakRssMb: peak,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** A portal that has the file asks again with its ETag: how long the 304 takes. */
async function notModified(url, etag) {
  if (!etag) return null;
  const started = performance.now();
  const response = await fetch(url, { headers: { 'if-none-match': etag } });
  await response.arrayBuffer();
  if (response.status !== 304) throw new Error(`${url} with If-None-Match: ${response.status}`);
  return round(performance.now() - started, 0);
}

async function gatewayPages(gatewayUrl) {
  const query = `query ($page: Int!) { projects_connection(sort: ["createdAt:asc"], pagination: { page: $page, pageSize: 100 }) {
    pageInfo { total pageCount } nodes { documentId slug title summary description outcomes transferability projectStatus
    startDate endDate ongoing district funding budgetRange website demo publishedAt updatedAt
    city { slug name federalState latitude longitude } actionFields { slug name } targetGroups { group }
    leadOrganisation { name } partners { name } } } }`;
  const started = performance.now();
  let pageCount = 1;
  let rows = 0;
  for (let page = 1; page <= pageCount; page++) {
    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { page } }),
    });
    const body = await response.json();
    if (!body.data?.projects_connection) throw new Error(JSON.stringify(body.errors));
    pageCount = body.data.projects_connection.pageInfo.pageCount;
    rows += body.data.projects_connection.nodes.length;
  }
  return { ms: performance.now() - started, rows, pages: pageCount };
}

export async function run() {
  mkdirSync(dataDir, { recursive: true });
  log(`${PROJECTS} synthetic projects in ${path.relative(root, databaseFile)} (kept between runs)`);
  execFileSync(
    process.execPath,
    [path.join(root, 'cms', 'scripts', 'generate-synthetic.mjs'), String(PROJECTS)],
    {
      cwd: path.join(root, 'cms'),
      env: { ...process.env, DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: databaseFile, SEED_DEMO: 'true' },
      stdio: ['ignore', 2, 2],
    },
  );
  const platform = await launchPlatform('open-data', {
    env: { cms: { DATABASE_FILENAME: databaseFile }, gateway: GATEWAY_LIMITS_LIFTED },
  });
  try {
    const website = platform.urls.website;
    const pid = platform.website.pid;
    const idleRssMb = rssMb(pid);
    const results = [];
    for (const format of ['csv', 'json', 'geojson']) {
      const runs = [];
      for (let i = 0; i < ROUNDS; i++) runs.push(await timed(`${website}/daten/projekte.${format}`, pid));
      const first = runs[0];
      if (format === 'json') {
        // Check the count once, on a parsed file.
        const parsed = await (await fetch(`${website}/daten/projekte.json`)).json();
        if (parsed.items.length !== parsed.total)
          throw new Error(`json: ${parsed.items.length} of ${parsed.total}`);
      }
      results.push({
        file: `/daten/projekte.${format}`,
        entries: first.total,
        megabytes: round(first.bytes / 1e6, 2),
        firstRunMs: round(first.ms, 0),
        firstRunAnsweredBy: first.answeredBy,
        warmRunsMs: runs.slice(1).map((r) => round(r.ms, 0)),
        warmRunsAnsweredBy: runs.slice(1).map((r) => r.answeredBy),
        notModifiedMs: await notModified(`${website}/daten/projekte.${format}`, runs.at(-1).etag),
        firstByteMs: round(first.firstByteMs, 0),
        peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
      });
      log(JSON.stringify(results.at(-1)));
    }
    const baseline = await gatewayPages(platform.urls.gateway);
    log(`baseline: ${JSON.stringify(baseline)}`);
    return {
      setup: `${PROJECTS} synthetic projects plus the demo content in the CMS (SQLite), forum (PGlite), gateway and the built website as separate processes started by the launcher (embedded shape); each export fetched ${ROUNDS} times — the first built through gateway and CMS with the gateway's cache cold (as the first download after a change), the others the file the website kept (X-Export) —, then once with If-None-Match; the website's resident memory sampled every 20 ms`,
      targets: { ms: '< 2000 for 10,000 projects', memory: 'flat (peak close to idle)' },
      websiteIdleRssMb: idleRssMb,
      results,
      baseline: {
        title: 'the same pages of 100 from the gateway alone, one after another (no file written)',
        ms: round(baseline.ms, 0),
        rows: baseline.rows,
        pages: baseline.pages,
      },
    };
  } finally {
    await platform.stop();
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) console.log(JSON.stringify(await run(), null, 2));
