// Rebuilds the CMS's read model of published projects (project_listing, project_similar) from Strapi's content:
// `npm run reindex -w cms`, against the configured database (DATABASE_CLIENT / DATABASE_URL, as for `npm start`).
// The CMS checks the model at every start and rebuilds it when its counts disagree; this forces a rebuild.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const cmsDir = path.resolve(import.meta.dirname, '..');
Object.assign(process.env, {
  STRAPI_STARTUP_LOG: 'false',
  STRAPI_TELEMETRY_DISABLED: 'true',
  SEED_DEMO: 'false',
});
const compiled = path.join(cmsDir, 'dist/src/features/read-model/project-listing.js');
if (!existsSync(compiled)) {
  console.error('The CMS is not built: run `npm run build -w cms` first.');
  process.exit(1);
}
const { createStrapi } = require('@strapi/strapi');
const { reindex } = require(compiled);
const strapi = await createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist') }).load();
try {
  const started = Date.now();
  const { projects, similarLists } = await reindex(strapi);
  console.log(`reindexed ${projects} projects, ${similarLists} similar lists in ${Date.now() - started} ms`);
} finally {
  await strapi.destroy();
}
