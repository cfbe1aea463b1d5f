// CMS benchmark: 10,000 projects on PostgreSQL; a filtered project page with city, fields of action and
// contacts under 20 concurrent clients (req/s, p95), and SQL statements per request by page size.
//
//   node bench/cms/run.mjs            (env: BENCH_DATABASE_URL, BENCH_PROJECTS=10000, BENCH_SECONDS=20)
//
// The database is kept between runs (generating 10,000 projects takes minutes); drop it to start afresh.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

const cmsDir = path.resolve(import.meta.dirname, '..', '..', 'cms');
const require = createRequire(path.join(cmsDir, 'package.json'));
const pg = require('pg');

const databaseUrl =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/stadtnetz_cms_bench';
const projectCount = Number(process.env.BENCH_PROJECTS ?? 10000);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

async function ensureDatabase() {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: databaseUrl.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
}

await ensureDatabase();
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], {
  cwd: cmsDir,
  stdio: 'inherit',
});
Object.assign(process.env, {
  DATABASE_CLIENT: 'postgres',
  DATABASE_URL: databaseUrl,
  DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? '10',
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'warn',
  STRAPI_STARTUP_LOG: 'false',
  STRAPI_TELEMETRY_DISABLED: 'true',
  SEED_DEMO: 'true',
  APP_KEYS: 'bench-key-1,bench-key-2',
  ADMIN_JWT_SECRET: 'bench',
  API_TOKEN_SALT: 'bench',
  TRANSFER_TOKEN_SALT: 'bench',
  ENCRYPTION_KEY: 'bench',
  JWT_SECRET: 'bench',
  GRAPHQL_LANDING_PAGE: 'false',
});
const { createStrapi } = require('@strapi/strapi');
const { generateSyntheticProjects } = require(path.join(cmsDir, 'dist/src/features/seed/synthetic.js'));
const strapi = await createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist') }).load();

const started = Date.now();
const created = await generateSyntheticProjects(strapi, projectCount, {
  concurrency: 6,
  onProgress: (done, total) => console.error(`  generated ${done}/${total}`),
});
if (created > 0)
  console.error(`generated ${created} synthetic projects in ${Math.round((Date.now() - started) / 1000)} s`);
await strapi.db.connection.raw('ANALYZE');
await strapi.server.listen();
const url = `http://127.0.0.1:${strapi.server.httpServer.address().port}/graphql`;

// The field of action and city with the most published projects together: a full page of 20.
const knex = strapi.db.connection;
const top = await knex.raw(`
  SELECT af.slug AS field, c.slug AS city, count(*) AS n
    FROM projects p
    JOIN projects_action_fields_lnk pa ON pa.project_id = p.id
    JOIN action_fields af ON af.id = pa.action_field_id
    JOIN projects_city_lnk pc ON pc.project_id = p.id
    JOIN cities c ON c.id = pc.city_id
   WHERE p.published_at IS NOT NULL
   GROUP BY af.slug, c.slug ORDER BY n DESC LIMIT 1`);
const { field, city, n } = top.rows[0];
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
const first = await post(pageQuery(20));
if (first.data.projects.length !== 20)
  throw new Error(`expected a full page, got ${first.data.projects.length}`);

async function statementsPerRequest(body) {
  await post(body);
  let count = 0;
  const listener = () => (count += 1);
  knex.on('query', listener);
  await post(body);
  knex.removeListener('query', listener);
  return count;
}
const statements = {};
for (const size of [5, 20, 50]) statements[`pageSize ${size}`] = await statementsPerRequest(pageQuery(size));
const searchBody = {
  query: `{ searchProjects(query: "Sprachkurs", pagination: { pageSize: 20 }) { total nodes { title city { name } } } }`,
};
statements.searchProjects = await statementsPerRequest(searchBody);

function load(body) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
      workerData: { url, body, connections, durationMs: seconds * 1000, warmup: 50 },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

const results = {
  date: new Date().toISOString(),
  machine: 'cores: ' + (await import('node:os')).cpus().length + ', node ' + process.version,
  database: 'PostgreSQL',
  projects: total,
  query: `projects(filters: { actionFields: { slug: "${field}" }, city: { slug: "${city}" } }, pagination: { pageSize: 20 }) with city, actionFields, contacts (${n} matches)`,
  connections,
  filteredPage: await load(pageQuery(20)),
  search: await load(searchBody),
  sqlStatementsPerRequest: statements,
};
console.log(JSON.stringify(results, null, 2));
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
await strapi.destroy();
process.exit(0);
