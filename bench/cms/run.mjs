// CMS benchmark: 10,000 projects on PostgreSQL; a filtered project page with city, fields of action and
// contacts under 20 concurrent clients (req/s, p95), and SQL statements per request by page size. Every request
// carries its own variables: a field of action × city pair, a search word, a page of the list, picked at random.
//
//   node bench/cms/run.mjs     (env: BENCH_DATABASE_URL, BENCH_PROJECTS=10000, BENCH_SECONDS=20, BENCH_ROUNDS=2)
//   BENCH_CPU_PROFILE=filteredPage   also profiles Strapi's thread while that query runs: bench/.profiles/
//
// Side by side in one Strapi, in interleaved rounds so that a busy machine weighs on all of them alike:
//   typename           `{ __typename }` — Strapi's HTTP, auth and Apollo pipeline with nothing to resolve
//   filteredPage       the page from the CMS's read model (cms/src/features/project-list)
//   filteredPageStock  the same pages through Strapi's own resolver (the read model switched off in-process)
//   search             searchProjects, page of 20 with city, one of twelve words
//   similar            a page of 100 projects, each with similar(limit: 20) and their cities
// The database is kept between runs (generating 10,000 projects takes minutes); drop it to start afresh.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { Worker } from 'node:worker_threads';
import { build, startPlatform } from '@stadtnetz/platform';

const cmsDir = path.resolve(import.meta.dirname, '..', '..', 'cms');
const require = createRequire(path.join(cmsDir, 'package.json'));
const pg = require('pg');

const databaseUrl =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/stadtnetz_cms_bench';
const projectCount = Number(process.env.BENCH_PROJECTS ?? 10000);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

/** The figures before the fast project list (cms/README.md, same machine, same query). */
const BEFORE = { rps: 49, p50: 399, p95: 517, p99: 561, statements: 7 };
/** Issue #16's starting point: the fast path of stop 20 (644 req/s, p95 43 ms; cms/README.md). */
const FAST_PATH = { rps: 644, p95: 43 };

async function ensureDatabase() {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: databaseUrl.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
}

await ensureDatabase();
await build(['cms'], { progress: (message) => console.error(`[bench cms] ${message}`) });
// Strapi runs in this process (for CPU profiles of its thread), with the environment the launcher gives the CMS
// in the production shape (docker-compose.yml's); nothing else of the platform is started.
const launcher = await startPlatform({ shape: 'production', only: [] });
const cmsEnvironment = launcher.envOf('cms');
await launcher.stop();
Object.assign(process.env, cmsEnvironment, {
  // The benchmark's own settings: its database, kept between runs, and warnings only.
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: 'warn',
  STRAPI_STARTUP_LOG: 'false',
  // No gateway runs here to receive content events.
  CMS_CONTENT_WEBHOOK_URLS: '',
});
const { createStrapi } = require('@strapi/strapi');
const { generateSyntheticProjects } = require(path.join(cmsDir, 'dist/src/features/seed/synthetic.js'));
const strapi = await createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist') }).load();
/** The in-process switch the tests use too: Strapi's own resolver answers while it is off. */
const setFastPath = (on) => strapi.config.set('stadtnetz.projectListFastPath', on);

const started = Date.now();
const created = await generateSyntheticProjects(strapi, projectCount, {
  onProgress: (done, total) => console.error(`  generated ${done}/${total}`),
});
if (created > 0)
  console.error(`generated ${created} synthetic projects in ${Math.round((Date.now() - started) / 1000)} s`);
// What autovacuum does in production: fresh statistics and a visibility map for index-only scans.
await strapi.db.connection.raw('VACUUM ANALYZE');
await strapi.server.listen();
const url = `http://127.0.0.1:${strapi.server.httpServer.address().port}/graphql`;

// The field of action × city pairs with a full page of 20 (the busiest first): each request asks for one of them.
const knex = strapi.db.connection;
const pairs = (
  await knex.raw(`
  SELECT af.slug AS field, c.slug AS city, count(*) AS n
    FROM projects p
    JOIN projects_action_fields_lnk pa ON pa.project_id = p.id
    JOIN action_fields af ON af.id = pa.action_field_id
    JOIN projects_city_lnk pc ON pc.project_id = p.id
    JOIN cities c ON c.id = pc.city_id
   WHERE p.published_at IS NOT NULL AND p.locale = 'de'
   GROUP BY af.slug, c.slug HAVING count(*) >= 20 ORDER BY n DESC, af.slug, c.slug`)
).rows;
if (pairs.length === 0) throw new Error('no field of action × city pair with 20 projects');
const { field, city, n } = pairs[0];
const total = Number(
  (await knex.raw('SELECT count(*) AS n FROM projects WHERE published_at IS NOT NULL')).rows[0].n,
);

const pageQuery = (size) => ({
  query: `query($field: String!, $city: String!) {
    projects(filters: { actionFields: { slug: { eq: $field } }, city: { slug: { eq: $city } } }, pagination: { pageSize: ${size} }, sort: "title:asc") {
      documentId title summary projectStatus
      city { name federalState }
      actionFields { name slug }
      contacts { name role email }
    }
  }`,
  variables: { field, city },
});
const pageBodies = (size) =>
  pairs.map((pair) => ({ ...pageQuery(size), variables: { field: pair.field, city: pair.city } }));
const post = async (body) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return json;
};

// Both paths must give the same pages before their speed means anything.
for (const body of pageBodies(20).slice(0, 10)) {
  setFastPath(false);
  const stockPage = await post(body);
  setFastPath(true);
  const fastPage = await post(body);
  if (fastPage.data.projects.length !== 20)
    throw new Error(`expected a full page, got ${fastPage.data.projects.length}`);
  if (JSON.stringify(fastPage) !== JSON.stringify(stockPage))
    throw new Error(`the read model and Strapi answer ${JSON.stringify(body.variables)} differently`);
}

async function statementsPerRequest(body) {
  await post(body);
  let count = 0;
  const listener = () => (count += 1);
  knex.on('query', listener);
  await post(body);
  knex.removeListener('query', listener);
  return count;
}
const SEARCH_WORDS = [
  'Sprachkurs',
  'Lesepaten',
  'Ausbildung',
  'Jobcoaching',
  'Nachbarschaft',
  'Pflege',
  'Elternarbeit',
  'Diversität',
  'Ehrenamt',
  'Empowerment',
  'Theater',
  'Quartiersmanagement',
];
const searchBodies = SEARCH_WORDS.map((word) => ({
  query: `query($q: String!) { searchProjects(query: $q, pagination: { pageSize: 20 }) { total nodes { title city { name } } } }`,
  variables: { q: word },
}));
const searchBody = searchBodies[0];
const similarBodies = Array.from({ length: 20 }, (_, index) => ({
  query: `query($page: Int!) { projects(sort: "title", pagination: { page: $page, pageSize: 100 }) {
    documentId title similar(limit: 20) { documentId title city { name } }
  } }`,
  variables: { page: index + 1 },
}));
const statements = { filteredPage: {}, filteredPageStock: {} };
for (const [name, fast] of [
  ['filteredPage', true],
  ['filteredPageStock', false],
]) {
  setFastPath(fast);
  for (const size of [5, 20, 50])
    statements[name][`pageSize ${size}`] = await statementsPerRequest(pageQuery(size));
}
setFastPath(true);
statements.searchProjects = await statementsPerRequest(searchBody);
statements.similar = {
  'page of 1': await statementsPerRequest({
    ...similarBodies[0],
    query: similarBodies[0].query.replace('pageSize: 100', 'pageSize: 1'),
  }),
  'page of 100': await statementsPerRequest(similarBodies[0]),
};
/** The statements a similar request runs besides the page's own (Strapi's per-request lookups included). */
statements.similarOnly =
  statements.similar['page of 100'] -
  (await statementsPerRequest({
    ...similarBodies[0],
    query: similarBodies[0].query.replace(/similar\(limit: 20\) \{[^}]*\}[^}]*\}/, ''),
  }));

/** CPU seconds of this database's PostgreSQL backends (Linux /proc), to tell the database's share. */
async function postgresCpu() {
  const name = new URL(databaseUrl).pathname.slice(1);
  const pids = (await knex.raw('SELECT pid FROM pg_stat_activity WHERE datname = ?', [name])).rows;
  const ticks = new Map();
  for (const { pid } of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // not Linux, or the backend ended
    }
  }
  return ticks;
}

function load(bodies, durationMs) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
      workerData: { url, bodies, connections, durationMs, warmup: 50 },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

const scenarios = {
  typename: { bodies: [{ query: '{ __typename }' }] },
  filteredPage: { bodies: pageBodies(20), fast: true },
  filteredPageStock: { bodies: pageBodies(20), fast: false },
  search: { bodies: searchBodies },
  similar: { bodies: similarBodies },
};
// BENCH_CMS_SCENARIOS=typename,filteredPage: only these (for profiling and quick comparisons).
const only = process.env.BENCH_CMS_SCENARIOS?.split(',');
if (only) for (const name of Object.keys(scenarios)) if (!only.includes(name)) delete scenarios[name];
const runs = Object.fromEntries(
  Object.keys(scenarios).map((name) => [name, { latencies: [], failures: 0, seconds: 0, pgTicks: 0 }]),
);
const profiled = process.env.BENCH_CPU_PROFILE;
if (profiled && !(profiled in scenarios))
  throw new Error(`BENCH_CPU_PROFILE: no scenario ${profiled} (${Object.keys(scenarios).join(', ')})`);
/** A CPU profile of this thread (Strapi's) while `run` runs, written where a profiler can open it. */
async function profiling(name, run) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const result = await run();
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const folder = new URL('../.profiles/', import.meta.url);
  mkdirSync(folder, { recursive: true });
  const file = new URL(`cms-${name}-${Date.now()}.cpuprofile`, folder);
  writeFileSync(file, JSON.stringify(profile));
  console.error(`CPU profile of ${name}: ${file.pathname}`);
  return result;
}
for (let round = 0; round < rounds; round += 1) {
  for (const [name, scenario] of Object.entries(scenarios)) {
    setFastPath(scenario.fast ?? true);
    const before = await postgresCpu();
    const measure = () => load(scenario.bodies, (seconds * 1000) / rounds);
    const result = await (name === profiled && round === 0 ? profiling(name, measure) : measure());
    const after = await postgresCpu();
    const run = runs[name];
    run.latencies.push(...result.latencies);
    run.failures += result.failures;
    run.seconds += result.seconds;
    for (const [pid, ticks] of after) run.pgTicks += ticks - (before.get(pid) ?? 0);
  }
}
setFastPath(true);

function summary({ latencies, failures, seconds: elapsed, pgTicks }) {
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const ticksPerSecond = 100; // USER_HZ on Linux
  return {
    requests: latencies.length,
    failures,
    seconds: Number(elapsed.toFixed(1)),
    rps: Math.round(latencies.length / elapsed),
    p50: Number(at(0.5).toFixed(1)),
    p95: Number(at(0.95).toFixed(1)),
    p99: Number(at(0.99).toFixed(1)),
    postgresCpuMsPerRequest: Number(((pgTicks * 1000) / ticksPerSecond / latencies.length).toFixed(2)),
  };
}
const results = Object.fromEntries(Object.entries(runs).map(([name, run]) => [name, summary(run)]));
const ratio = (a, b) => Number((a / b).toFixed(2));
// A scenario left out (BENCH_CMS_SCENARIOS) has no ratios.
const compare = (a, b, statementsA, statementsB) =>
  a && b
    ? {
        rps: ratio(a.rps, b.rps),
        p50: ratio(a.p50, b.p50),
        p95: ratio(a.p95, b.p95),
        ...(statementsA === undefined ? {} : { statements: ratio(statementsA, statementsB) }),
      }
    : null;
const fastStatements = statements.filteredPage['pageSize 20'];

const output = {
  setup: `Strapi ${require('@strapi/strapi/package.json').version} on PostgreSQL, ${total} published projects, ${connections} concurrent clients, ${seconds} s per query in ${rounds} interleaved rounds; the load generator, Strapi and PostgreSQL share ${os.cpus().length} cores`,
  date: new Date().toISOString(),
  machine: `cores: ${os.cpus().length}, node ${process.version}, load average before the run ${os.loadavg()[0].toFixed(1)}`,
  database: 'PostgreSQL',
  projects: total,
  query: `projects(filters: { actionFields: { slug: $field }, city: { slug: $city } }, pagination: { pageSize: 20 }, sort: "title:asc") with city, actionFields, contacts; each request one of ${pairs.length} pairs with 20 or more matches (the busiest: ${field} × ${city}, ${n})`,
  connections,
  ...results,
  sqlStatementsPerRequest: statements,
  ratios: {
    'filteredPage / filteredPageStock (same run)': compare(
      results.filteredPage,
      results.filteredPageStock,
      fastStatements,
      statements.filteredPageStock['pageSize 20'],
    ),
    'filteredPage / typename (same run)': compare(results.filteredPage, results.typename),
    'filteredPage / the fast path of stop 20 (644 req/s, p95 43 ms)': compare(
      results.filteredPage,
      FAST_PATH,
    ),
    'filteredPage / before (49 req/s, p50 399 ms, p95 517 ms, 7 statements)': compare(
      results.filteredPage,
      BEFORE,
      fastStatements,
      BEFORE.statements,
    ),
  },
  target: {
    goal: 'issue #16: filtered page p95 under 20 ms and at least 1,288 req/s; searchProjects p95 under 30 ms; similar(limit: 20) on a page of 100 one statement under 50 ms; statements flat in the page size',
    pageP95Met: results.filteredPage ? results.filteredPage.p95 < 20 : null,
    pageRpsMet: results.filteredPage ? results.filteredPage.rps >= 2 * FAST_PATH.rps : null,
    searchP95Met: results.search ? results.search.p95 < 30 : null,
    similarOneStatement: statements.similarOnly === 1,
    similarP95Met: results.similar ? results.similar.p95 < 50 : null,
    statementsFlat: new Set(Object.values(statements.filteredPage)).size === 1,
  },
};
console.log(JSON.stringify(output, null, 2));
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(output, null, 2)}\n`);
await strapi.destroy();
process.exit(0);
