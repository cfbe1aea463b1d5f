import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Compiles the identity package the CMS loads and the CMS (TypeScript → dist) once before any suite boots it. */
export default function setup() {
  const cmsDir = path.resolve(import.meta.dirname, '..', '..');
  const tsc = require.resolve('typescript/bin/tsc');
  for (const project of ['../packages/identity/tsconfig.build.json', 'tsconfig.json']) {
    execFileSync(process.execPath, [tsc, '-p', project], { cwd: cmsDir, stdio: 'inherit' });
  }
}
