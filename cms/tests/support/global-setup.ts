import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Compiles the CMS (TypeScript → dist) once before any suite boots it. */
export default function setup() {
  const cmsDir = path.resolve(import.meta.dirname, '..', '..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], {
    cwd: cmsDir,
    stdio: 'inherit',
  });
}
