#!/usr/bin/env node
// Serves the compiled CMS: GraphQL, REST, the admin API, and the admin panel when it is built
// (`strapi build`; without it the API alone, as the gateway's tests need). What the launcher starts in every
// shape and the image runs. Compile first: `npx tsc -p .` (or `npm run build`).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distDir = path.join(appDir, 'dist');
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
process.env.STRAPI_STARTUP_LOG ??= 'false';

const { createStrapi } = require('@strapi/strapi');
const strapi = await createStrapi({
  appDir,
  distDir,
  serveAdminPanel: existsSync(path.join(distDir, 'build', 'index.html')),
}).load();
// strapi.listen() binds the configured HOST and PORT (PORT=0: any free port, printed below).
await strapi.listen();
const { address, port } = strapi.server.httpServer.address();
console.log(`cms listening on http://${address === '0.0.0.0' ? '127.0.0.1' : address}:${port}`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    strapi.destroy().finally(() => process.exit(0));
  });
}
