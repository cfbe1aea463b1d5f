#!/usr/bin/env node
// `npm start`: the whole platform on the embedded defaults, for a newcomer on a bare machine.
// Installs what is missing, builds what is not built, starts each part in order, waits until it answers,
// prints the addresses, and stops everything on Ctrl-C. Data stays between starts.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** In start order: each part waits for the ones before it. */
const parts = [
  {
    name: 'cms',
    folder: 'cms',
    command: ['node_modules/@strapi/strapi/bin/strapi.js', 'start'],
    built: 'dist/build/index.html',
    health: 'http://127.0.0.1:1337/_health',
    env: { SEED_DEMO: 'true', STRAPI_TELEMETRY_DISABLED: 'true' },
    shows: [['Strapi admin', 'http://127.0.0.1:1337/admin']],
  },
  {
    name: 'forum',
    folder: 'services/forum',
    command: ['services/forum/dist/main.js'],
    built: 'dist/main.js',
    health: 'http://127.0.0.1:4001/health',
    env: {},
    shows: [['Forum subgraph', 'http://127.0.0.1:4001/graphql']],
  },
  {
    name: 'gateway',
    folder: 'gateway',
    command: ['gateway/dist/main.js'],
    built: 'dist/main.js',
    health: 'http://127.0.0.1:4000/health',
    env: {},
    shows: [['GraphQL API', 'http://127.0.0.1:4000/graphql']],
  },
  {
    name: 'frontend',
    folder: 'frontend',
    command: ['frontend/build/index.js'],
    built: 'build/index.js',
    health: 'http://127.0.0.1:3000/',
    env: {},
    shows: [['Website', 'http://127.0.0.1:3000']],
  },
].filter((part) => existsSync(path.join(root, part.folder, 'package.json')));

const say = (message) => console.log(`\x1b[1m[start]\x1b[0m ${message}`);

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`[start] "${command} ${args.join(' ')}" failed in ${cwd}`);
    process.exit(result.status ?? 1);
  }
}

if (!existsSync(path.join(root, 'node_modules'))) {
  say('installing dependencies (first start; this takes a few minutes)…');
  run('npm', ['ci', '--no-audit', '--no-fund'], root);
}

// Development secrets and the first editor's account, made once and kept in cms/.env (git-ignored).
const cmsEnv = path.join(root, 'cms', '.env');
if (existsSync(path.join(root, 'cms', 'package.json')) && !existsSync(cmsEnv)) {
  const secret = () => randomBytes(24).toString('base64url');
  writeFileSync(
    cmsEnv,
    [
      '# Made by `npm start` on the first start: development secrets and the first editor. Keep it private.',
      `APP_KEYS=${[secret(), secret(), secret(), secret()].join(',')}`,
      `ADMIN_JWT_SECRET=${secret()}`,
      `API_TOKEN_SALT=${secret()}`,
      `TRANSFER_TOKEN_SALT=${secret()}`,
      `ENCRYPTION_KEY=${secret()}`,
      `JWT_SECRET=${secret()}`,
      'ADMIN_EMAIL=redaktion@stadtnetz.local',
      `ADMIN_PASSWORD=Redaktion-${secret().slice(0, 12)}`,
      'CMS_CONTENT_WEBHOOK_URLS=http://127.0.0.1:4000/webhooks/cms',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  say('created cms/.env with development secrets and the first editor account');
}

for (const part of parts) {
  if (!existsSync(path.join(root, part.folder, part.built))) {
    say(`building ${part.name} (first start)…`);
    run('npm', ['run', 'build'], path.join(root, part.folder));
  }
}

const children = [];
let stopping = false;

async function waitUntilHealthy(part, child) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${part.name} exited with code ${child.exitCode}`);
    try {
      const response = await fetch(part.health);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${part.name} did not answer at ${part.health} within 3 minutes`);
}

function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  }, 10_000);
  Promise.all(
    children.map((child) => (child.exitCode !== null ? null : new Promise((r) => child.once('exit', r)))),
  ).then(() => {
    clearTimeout(force);
    process.exit(code);
  });
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

try {
  for (const part of parts) {
    say(`starting ${part.name}…`);
    // Node itself, not `npm run start`: npm does not pass signals on reliably, and Ctrl-C must stop everything.
    const child = spawn(
      process.execPath,
      part.command.map((arg, i) => (i === 0 ? path.join(root, arg) : arg)),
      {
        cwd: path.join(root, part.folder),
        env: { ...process.env, ...part.env },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    children.push(child);
    child.once('exit', (code) => {
      if (!stopping) {
        console.error(`[start] ${part.name} stopped unexpectedly (exit code ${code}); stopping the rest.`);
        stopAll(1);
      }
    });
    await waitUntilHealthy(part, child);
  }
} catch (error) {
  console.error(`[start] ${error.message}`);
  stopAll(1);
}

if (!stopping) {
  say('ready:');
  for (const part of parts)
    for (const [label, url] of part.shows) console.log(`    ${label.padEnd(16)} ${url}`);
  const editor = path.join(root, 'cms', '.env');
  if (existsSync(editor)) {
    const env = Object.fromEntries(
      readFileSync(editor, 'utf8')
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')).trim(), line.slice(line.indexOf('=') + 1).trim()]),
    );
    if (env.ADMIN_EMAIL)
      console.log(`    Strapi sign-in   ${env.ADMIN_EMAIL} / ${env.ADMIN_PASSWORD ?? '(see cms/.env)'}`);
  }
  say('press Ctrl-C to stop everything.');
}
