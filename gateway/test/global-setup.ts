import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..', '..');

/** The tests run the forum and the CMS as they run in production: compiled, as separate processes. */
export default function setup() {
  const tsc = require.resolve('typescript/bin/tsc');
  for (const project of [
    'packages/shared-subscriptions/tsconfig.build.json',
    'services/forum/tsconfig.build.json',
  ])
    execFileSync(process.execPath, [tsc, '-p', project], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [tsc, '-p', 'cms/tsconfig.json'], { cwd: root, stdio: 'inherit' });
}
