// Writes the CMS's federation subgraph SDL (what `_service { sdl }` returns) to the file given as argument.
// Boots the compiled CMS on a throwaway SQLite database, so it never touches real content.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const cmsDir = path.resolve(import.meta.dirname, '..');
const target = path.resolve(process.cwd(), process.argv[2] ?? '../schema/cms.graphql');

execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], {
  cwd: cmsDir,
  stdio: 'inherit',
});

const dir = mkdtempSync(path.join(tmpdir(), 'cms-schema-'));
Object.assign(process.env, {
  DATABASE_CLIENT: 'sqlite',
  DATABASE_FILENAME: path.join(dir, 'schema.db'),
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'warn',
  STRAPI_STARTUP_LOG: 'false',
  STRAPI_TELEMETRY_DISABLED: 'true',
  SEED_DEMO: 'false',
});
const { createStrapi } = require('@strapi/strapi');
const strapi = await createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist') }).load();
try {
  await strapi.server.listen();
  const { port } = strapi.server.httpServer.address();
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  writeFileSync(target, body.data._service.sdl);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
} finally {
  await strapi.destroy();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
