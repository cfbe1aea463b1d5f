// npm test: every workspace's tests, one after the other (two cores; several start whole platforms), and at
// the end a summary of the whole run — which workspace failed, which tests and why, which passed only when run
// again. CI keeps only the end of a run's output; that is where the answer has to be.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { formatEntries, readEntries } from './test-report.mjs';

const root = path.resolve(import.meta.dirname, '..');
const rootPackage = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** The workspaces with a test script, in the order package.json lists them (as npm runs them). */
function workspacesWithTests() {
  return rootPackage.workspaces
    .flatMap((pattern) => {
      if (!pattern.endsWith('/*')) return [pattern];
      const parent = pattern.slice(0, -2);
      return readdirSync(path.join(root, parent))
        .sort()
        .map((name) => `${parent}/${name}`);
    })
    .filter((dir) => {
      const file = path.join(root, dir, 'package.json');
      return existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).scripts?.test;
    });
}

/** Runs one workspace's tests with its output passed through; keeps its last lines for the summary. */
function runWorkspace(dir, env) {
  return new Promise((resolve) => {
    const started = Date.now();
    const tail = [];
    let partial = '';
    const keep = (chunk) => {
      const lines = (partial + stripVTControlCharacters(chunk.toString())).split('\n');
      partial = lines.pop() ?? '';
      tail.push(...lines.filter((line) => line.trim() !== ''));
      if (tail.length > 400) tail.splice(0, tail.length - 400);
    };
    const child = spawn('npm', ['run', 'test', '--workspace', dir], {
      cwd: root,
      env,
      stdio: ['inherit', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      keep(chunk);
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      keep(chunk);
    });
    child.on('close', (code, signal) => {
      if (partial.trim()) tail.push(partial);
      resolve({ dir, code: code ?? 1, signal, seconds: Math.round((Date.now() - started) / 1000), tail });
    });
  });
}

const reportDir = mkdtempSync(path.join(os.tmpdir(), 'stadtnetz-test-report-'));
const env = { ...process.env, TEST_REPORT_DIR: reportDir };
const results = [];
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (stopping = true));

// `npm test -- cms gateway` runs only those workspaces.
const only = process.argv.slice(2).map((dir) => dir.replace(/\/$/, ''));
for (const dir of workspacesWithTests().filter((dir) => only.length === 0 || only.includes(dir))) {
  if (stopping) break;
  results.push(await runWorkspace(dir, env));
}

const entries = readEntries(reportDir);
rmSync(reportDir, { recursive: true, force: true });
const failed = results.filter((result) => result.code !== 0);
const out = ['', `== npm test on Node ${process.version}: summary ==`];
// A workspace that failed without a failed test to show (a crashed setup, a build error): its last lines.
for (const result of failed) {
  if (entries.some((entry) => entry.outcome === 'failed' && result.dir.endsWith(entry.workspace))) continue;
  out.push(`-- the last lines of ${result.dir}:`, ...result.tail.slice(-25).map((line) => `    ${line}`));
}
out.push(...formatEntries(entries));
for (const result of results) {
  const ran = result.tail.findLast((line) => /^\s*Tests\s+\d/.test(line))?.trim() ?? '';
  out.push(
    `${result.code === 0 ? 'ok    ' : 'FAILED'} ${result.dir.padEnd(30)} ${String(result.seconds).padStart(5)} s  ${ran}`,
  );
}
const flaky = entries.filter((entry) => entry.outcome !== 'failed').length;
out.push(
  failed.length === 0
    ? `All ${results.length} workspaces passed${flaky ? `; ${flaky} test(s) only when run again (listed above)` : ''}.`
    : `${failed.length} of ${results.length} workspaces FAILED: ${failed.map((result) => result.dir).join(', ')}.`,
);
console.log(out.join('\n'));
process.exitCode = failed.length > 0 || stopping ? 1 : 0;
