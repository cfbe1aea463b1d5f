// The whole platform as separate processes, as production runs it: forum (PGlite in memory), CMS (SQLite in
// a scratch folder, demo content), gateway and the built frontend. Used by the end-to-end tests and by
// bench/frontend; `node e2e/platform.mjs` starts it for development and prints the addresses.
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const frontendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const root = path.resolve(frontendDir, '..');
export const EDITOR = { email: 'redaktion@example.org', password: 'Redaktion-Test-2026' };

/** Compiles the shared package, the forum, the CMS and the gateway (tsc) and builds the frontend (vite). */
export function buildAll({ frontend = true } = {}) {
  const tsc = require.resolve('typescript/bin/tsc');
  for (const project of [
    'packages/shared-subscriptions/tsconfig.build.json',
    'services/forum/tsconfig.build.json',
    'cms/tsconfig.json',
    'gateway/tsconfig.build.json',
  ])
    execFileSync(process.execPath, [tsc, '-p', project], { cwd: root, stdio: 'inherit' });
  if (frontend)
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: frontendDir, stdio: 'inherit' });
}

export async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function startProcess(name, args, env, ready, { cwd = root, quiet = true } = {}) {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const done = new Promise((resolve, reject) => {
    const timer = ready
      ? setTimeout(() => reject(new Error(`${name} did not start:\n${output.slice(-3000)}`)), 180_000)
      : undefined;
    const onData = (chunk) => {
      output += chunk.toString();
      if (!quiet) process.stderr.write(`[${name}] ${chunk}`);
      if (ready?.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (ready) reject(new Error(`${name} exited with ${code}:\n${output.slice(-3000)}`));
    });
  });
  // Only awaited when a ready pattern is given; never an unhandled rejection.
  done.catch(() => {});
  return {
    child,
    done,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitForHttp(url, name, child) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // starting
    }
    if (Date.now() > deadline) throw new Error(`${name} did not answer at ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Starts everything on free ports. `frontendPort` fixed if given. Returns the URLs and `close()`.
 * @param {{ frontendPort?: number, frontend?: boolean, gatewayEnv?: Record<string,string>, quiet?: boolean }} [options]
 */
export async function startPlatform(options = {}) {
  const quiet = options.quiet ?? true;
  const [forumPort, cmsPort, gatewayPort, frontendPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    options.frontendPort ?? freePort(),
  ]);
  const cmsDir = mkdtempSync(path.join(tmpdir(), 'frontend-e2e-cms-'));
  // On disk, so that the forum can be restarted with its data (and its signing key).
  const forumDir = mkdtempSync(path.join(tmpdir(), 'frontend-e2e-forum-'));
  const gatewayDir = mkdtempSync(path.join(tmpdir(), 'frontend-e2e-gateway-'));
  const processes = [];
  const forumUrl = `http://127.0.0.1:${forumPort}`;
  const cmsUrl = `http://127.0.0.1:${cmsPort}`;
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const frontendUrl = `http://127.0.0.1:${frontendPort}`;
  const close = async () => {
    for (const p of processes.reverse()) await p.stop();
    rmSync(cmsDir, { recursive: true, force: true });
    rmSync(forumDir, { recursive: true, force: true });
    rmSync(gatewayDir, { recursive: true, force: true });
  };
  try {
    const forumEnv = {
      FORUM_PORT: String(forumPort),
      FORUM_DATA_DIR: forumDir,
      FORUM_PASSWORD_HASH_COST: '10',
      FORUM_REDIS_PREFIX: `frontend-e2e-${randomUUID()}`,
      LOG_LEVEL: 'warn',
    };
    let forum = startProcess('forum', ['services/forum/dist/main.js'], forumEnv, null, { quiet });
    processes.push(forum);
    await waitForHttp(`${forumUrl}/health`, 'forum', forum.child);
    /** Stops the forum and starts it again on the same port and data, as a deployment would. */
    const restartForum = async () => {
      await forum.stop();
      processes.splice(processes.indexOf(forum), 1);
      forum = startProcess('forum', ['services/forum/dist/main.js'], forumEnv, null, { quiet });
      processes.unshift(forum);
      await waitForHttp(`${forumUrl}/health`, 'forum', forum.child);
    };
    const cms = startProcess(
      'cms',
      ['cms/scripts/serve-api.mjs'],
      {
        HOST: '127.0.0.1',
        PORT: String(cmsPort),
        NODE_ENV: 'test',
        SEED_DEMO: 'true',
        ADMIN_EMAIL: EDITOR.email,
        ADMIN_PASSWORD: EDITOR.password,
        DATABASE_CLIENT: 'sqlite',
        DATABASE_FILENAME: path.join(cmsDir, 'data.db'),
        LOG_LEVEL: 'warn',
        FORUM_URL: forumUrl,
        CMS_CONTENT_WEBHOOK_URLS: `${gatewayUrl}/webhooks/cms`,
      },
      /cms API listening on/,
      { quiet },
    );
    processes.push(cms);
    await cms.done;
    const gateway = startProcess(
      'gateway',
      ['gateway/dist/main.js'],
      {
        GATEWAY_PORT: String(gatewayPort),
        CMS_URL: cmsUrl,
        FORUM_URL: forumUrl,
        CORS_ORIGINS: `${frontendUrl},http://localhost:${frontendPort}`,
        GATEWAY_DATA_DIR: gatewayDir,
        GATEWAY_REDIS_PREFIX: `frontend-e2e-${randomUUID()}`,
        LOG_LEVEL: 'warn',
        ...options.gatewayEnv,
      },
      null,
      { quiet },
    );
    processes.push(gateway);
    await waitForHttp(`${gatewayUrl}/health`, 'gateway', gateway.child);
    if (options.frontend === false)
      return {
        forumUrl,
        cmsUrl,
        gatewayUrl,
        frontendUrl,
        processes: { forum, cms, gateway },
        restartForum,
        close,
      };
    const frontend = startProcess(
      'frontend',
      ['build/index.js'],
      {
        PORT: String(frontendPort),
        HOST: '127.0.0.1',
        ORIGIN: frontendUrl,
        GATEWAY_URL: gatewayUrl,
        PUBLIC_GATEWAY_URL: gatewayUrl,
      },
      null,
      { cwd: frontendDir, quiet },
    );
    processes.push(frontend);
    await waitForHttp(`${frontendUrl}/`, 'frontend', frontend.child);
    return {
      forumUrl,
      cmsUrl,
      gatewayUrl,
      frontendUrl,
      processes: { forum, cms, gateway, frontend },
      restartForum,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // --backend-only: everything but the frontend (then `npm run dev` with GATEWAY_URL set).
  const backendOnly = process.argv.includes('--backend-only');
  if (!process.argv.includes('--no-build')) buildAll({ frontend: !backendOnly });
  const platform = await startPlatform({
    quiet: false,
    frontend: !backendOnly,
    gatewayEnv: process.env.GATEWAY_PORT ? {} : {},
    frontendPort: Number(process.env.PORT ?? 3000),
  });
  console.log(platform);
  const stop = () => platform.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
