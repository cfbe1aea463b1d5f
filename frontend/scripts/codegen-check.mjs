#!/usr/bin/env node
// Fails when src/lib/graphql-env.d.ts (the typed view of ../schema/public.graphql) is stale.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const here = path.resolve(import.meta.dirname, '..');
const committed = path.join(here, 'src/lib/graphql-env.d.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'codegen-check-'));
const fresh = path.join(dir, 'graphql-env.d.ts');
const result = spawnSync('npx', ['gql.tada', 'generate', 'output', '--output', fresh], {
  cwd: here,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (result.status !== 0) process.exit(result.status ?? 1);
// The committed file is Prettier-formatted (the root lint checks it): compare like with like.
const formatted = spawnSync(
  'npx',
  ['prettier', '--config', path.join(here, '../.prettierrc.json'), '--write', fresh],
  { cwd: here, stdio: ['ignore', 'ignore', 'inherit'] },
);
if (formatted.status !== 0) process.exit(formatted.status ?? 1);
const same = readFileSync(fresh, 'utf8') === readFileSync(committed, 'utf8');
rmSync(dir, { recursive: true, force: true });
if (!same) {
  console.error('src/lib/graphql-env.d.ts is stale: run `npm run codegen -w frontend` and commit it.');
  process.exit(1);
}
console.log('typed operations match schema/public.graphql');
