#!/usr/bin/env node
// Serves the compiled CMS API (GraphQL, REST, admin API) without building the admin panel's web app:
// what the gateway's and the platform's tests start as a separate process. Compile first: `npx tsc -p .`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
process.env.STRAPI_STARTUP_LOG ??= 'false';

const { createStrapi } = require('@strapi/strapi');
const strapi = await createStrapi({
  appDir,
  distDir: path.join(appDir, 'dist'),
  serveAdminPanel: false,
}).load();
// strapi.listen() binds the configured HOST and PORT (PORT=0: any free port, printed below).
await strapi.listen();
const { port } = strapi.server.httpServer.address();
console.log(`cms API listening on http://127.0.0.1:${port}`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    strapi.destroy().finally(() => process.exit(0));
  });
}
