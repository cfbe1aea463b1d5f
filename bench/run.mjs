#!/usr/bin/env node
// `npm run bench`: runs every benchmark (one at a time: the machine has two cores), then writes
// bench/results.json and the table bench/RESULTS.md. BENCH_ONLY=forum,cms runs a subset.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

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

// The suites start the platform with the launcher (packages/platform), and import its build.
console.error('[bench] building the launcher…');
const launcher = spawnSync('npm', ['run', 'build', '-w', '@stadtnetz/platform'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (launcher.status !== 0) process.exit(launcher.status ?? 1);
const { build } = await import('@stadtnetz/platform');

// Benchmarks run the built parts, as production does: what each suite starts, built by the launcher (only
// what is stale). The Strapi admin is not built: no benchmark uses it.
const PARTS = {
  cms: ['cms'],
  forum: ['shared', 'forum'],
  gateway: ['shared', 'forum', 'cms', 'gateway'],
  soak: ['shared', 'forum', 'cms', 'gateway'],
  frontend: ['shared', 'forum', 'cms', 'gateway', 'website'],
  mail: ['shared', 'forum'],
  'open-data': ['shared', 'forum', 'cms', 'gateway', 'website'],
};
const everyPart = ['shared', 'forum', 'cms', 'gateway', 'website'];
try {
  await build([...new Set(suites.flatMap((suite) => PARTS[suite] ?? everyPart))], {
    progress: (message) => console.error(`[bench] ${message}`),
  });
} catch (error) {
  console.error(`[bench] ${error.message}`);
  process.exit(1);
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

// RESULTS.md keeps one section per suite: a subset run (BENCH_ONLY) replaces the sections it measured and
// keeps the others, each saying when it was measured.
const resultsFile = path.join(root, 'bench', 'RESULTS.md');
const earlier = new Map();
if (existsSync(resultsFile)) {
  const text = readFileSync(resultsFile, 'utf8');
  for (const section of text.split(/^(?=## )/m).slice(1)) {
    const name = /^## (\S+)/.exec(section)?.[1];
    if (name) earlier.set(name, section.trimEnd());
  }
}
const machine = `${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memoryGb} GiB, Node ${results.machine.node}, ${results.machine.postgres}`;
const measured = new Map(
  Object.entries(results.suites).map(([suite, result]) => [
    suite,
    [
      `## ${suite}`,
      '',
      `Measured ${results.date} on ${machine}.`,
      '',
      result.setup ? `${result.setup}.` : '',
      '',
      '```json',
      JSON.stringify(result, null, 2),
      '```',
    ].join('\n'),
  ]),
);
const names = [...new Set([...earlier.keys(), ...measured.keys()])].sort();
const lines = [
  '# Benchmark results',
  '',
  'Every figure comes with its baseline, run side by side in the same run. Regenerate with `npm run bench`',
  '(`BENCH_ONLY=mail,open-data` re-measures those suites and keeps the other sections as they were).',
  `Last run: ${results.date}, ${Object.keys(results.suites).join(', ')}.`,
  '',
  ...names.map((name) => `${measured.get(name) ?? earlier.get(name)}\n`),
];
writeFileSync(resultsFile, `${lines.join('\n')}\n`);
console.error('[bench] wrote bench/results.json and bench/RESULTS.md');
process.exit(0);
