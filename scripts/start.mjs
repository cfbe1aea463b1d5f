#!/usr/bin/env node
// `npm start` on a bare machine: installs the dependencies when they are missing or older than the lockfile,
// builds the launcher (packages/platform), and hands over to it. Only progress lines reach the console; npm's
// output goes to .data/logs/install.log.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const logDir = path.join(root, '.data', 'logs');
mkdirSync(logDir, { recursive: true });
const say = (message) => console.log(`\x1b[1m[start]\x1b[0m ${message}`);

/** Runs a command with its output in `logFile`; on failure prints its last lines and the log's path. */
function run(command, args, logFile) {
  return new Promise((resolve) => {
    const log = createWriteStream(logFile, { flags: 'w' });
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const onData = (chunk) => {
      log.write(chunk);
      tail = (tail + chunk.toString()).slice(-3000);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      log.end();
      if (code === 0) return resolve();
      console.error(`\n\x1b[31m[start] "${command} ${args.join(' ')}" failed:\x1b[0m\n${tail.trim()}`);
      console.error(`[start] the whole log: ${path.relative(process.cwd(), logFile)}`);
      process.exit(code ?? 1);
    });
  });
}

const installed = path.join(root, 'node_modules', '.package-lock.json');
if (
  !existsSync(installed) ||
  statSync(installed).mtimeMs < statSync(path.join(root, 'package-lock.json')).mtimeMs
) {
  say('installing dependencies (the first start takes a few minutes)…');
  await run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=warn'], path.join(logDir, 'install.log'));
}

await run(
  process.execPath,
  [
    path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    'packages/platform/tsconfig.build.json',
  ],
  path.join(logDir, 'launcher-build.log'),
);
const { main } = await import(pathToFileURL(path.join(root, 'packages', 'platform', 'dist', 'cli.js')).href);
await main();
