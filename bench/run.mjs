#!/usr/bin/env node
// `npm run bench`: runs every benchmark (one at a time: the machine has two cores), then writes
// bench/results.json and the table bench/RESULTS.md. BENCH_ONLY=forum,cms runs a subset.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from './lib/harness.mjs';

const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
/** Each suite is a folder with `<name>.bench.mjs` or `run.mjs` that prints its results as JSON. */
const entryOf = (name) =>
  [`${name}.bench.mjs`, 'run.mjs']
    .map((file) => path.join(root, 'bench', name, file))
    .find((file) => existsSync(file));
const suites = readdirSync(path.join(root, 'bench'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'lib')
  .map((entry) => entry.name)
  .filter((name) => !only || only.includes(name))
  .filter((name) => entryOf(name));

// Benchmarks run the built services, as production does.
for (const workspace of ['services/forum', 'cms', 'gateway', 'frontend']) {
  if (!existsSync(path.join(root, workspace, 'package.json'))) continue;
  const needed = {
    'services/forum': ['forum'],
    cms: ['cms', 'gateway'],
    gateway: ['gateway'],
    frontend: ['frontend'],
  }[workspace];
  if (!needed.some((suite) => suites.includes(suite))) continue;
  console.error(`[bench] building ${workspace}…`);
  const built = spawnSync('npm', ['run', 'build', '-w', workspace], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const results = {
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: (() => {
      try {
        return execSync('psql --version', { encoding: 'utf8' }).trim();
      } catch {
        return 'unknown';
      }
    })(),
  },
  date: new Date().toISOString(),
  suites: {},
};

for (const suite of suites) {
  console.error(`[bench] ${suite}…`);
  // One process per suite: a suite's leftovers (sockets, timers, memory) never colour the next one's figures.
  const run = spawnSync(process.execPath, [entryOf(suite)], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const printed = run.stdout.slice(run.stdout.indexOf('{'));
  try {
    results.suites[suite] = JSON.parse(printed);
  } catch {
    results.suites[suite] = {
      error: `exit code ${run.status}; no JSON result`,
      output: run.stdout.slice(-2000),
    };
  }
}

writeFileSync(path.join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
const lines = [
  '# Benchmark results',
  '',
  `Measured ${results.date} on ${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memoryGb} GiB, Node ${results.machine.node}, ${results.machine.postgres}.`,
  'Every figure comes with its baseline, run side by side in the same run. Regenerate with `npm run bench`.',
  '',
];
for (const [suite, result] of Object.entries(results.suites)) {
  lines.push(
    `## ${suite}`,
    '',
    result.setup ? `${result.setup}.` : '',
    '',
    '```json',
    JSON.stringify(result, null, 2),
    '```',
    '',
  );
}
writeFileSync(path.join(root, 'bench', 'RESULTS.md'), `${lines.join('\n')}\n`);
console.error('[bench] wrote bench/results.json and bench/RESULTS.md');
process.exit(0);
