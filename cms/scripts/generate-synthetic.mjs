// Fills the configured database (DATABASE_CLIENT / DATABASE_URL, as for `npm start`) with synthetic projects
// until N of them exist: `npm run seed:synthetic -w cms -- 10000`. Used by bench/cms.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const cmsDir = path.resolve(import.meta.dirname, '..');
const count = Number(process.argv[2] ?? 10000);

execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], {
  cwd: cmsDir,
  stdio: 'inherit',
});
Object.assign(process.env, {
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  STRAPI_STARTUP_LOG: 'false',
  STRAPI_TELEMETRY_DISABLED: 'true',
});
const { createStrapi } = require('@strapi/strapi');
const { generateSyntheticProjects } = require(path.join(cmsDir, 'dist/src/features/seed/synthetic.js'));
const strapi = await createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist') }).load();
try {
  const started = Date.now();
  const created = await generateSyntheticProjects(strapi, count, {
    onProgress: (done, total) => console.log(`${done}/${total} synthetic projects`),
  });
  console.log(`created ${created} synthetic projects in ${Math.round((Date.now() - started) / 1000)} s`);
} finally {
  await strapi.destroy();
}
process.exit(0);
