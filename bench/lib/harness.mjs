// Shared pieces of the benchmarks: the platform through the launcher (packages/platform), the peers' own
// processes, a process's memory, latency summaries and GraphQL requests.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPlatform } from '@stadtnetz/platform';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// A benchmark that stops early (an error, a timeout, a signal) must not leave its processes running.
const children = new Set();
const platforms = new Set();
const servicesOf = (platform) =>
  [platform.cms, ...platform.forums, ...platform.gateways, platform.website, platform.proxy].filter(Boolean);
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  // No time left to stop them gently (nor to drop their scratch databases).
  for (const platform of platforms)
    for (const service of servicesOf(platform)) if (service.running) process.kill(service.pid, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    for (const child of children) child.kill('SIGKILL');
    for (const platform of platforms) await platform.stop().catch(() => {});
    process.exit(1);
  });
}

/** What every benchmark sets on top of the launcher's environment: the parts log warnings only. */
const QUIET = { LOG_LEVEL: 'warn' };

/** A forum setting of the benchmarks that register members: hashing at the production cost is not measured. */
export const FAST_PASSWORD_HASHING = { FORUM_PASSWORD_HASH_COST: '10' };

/** Every client of a benchmark comes from 127.0.0.1: the gateway's limits per client address, lifted. */
export const GATEWAY_LIMITS_LIFTED = {
  GATEWAY_RATE_LIMIT: '100000000',
  GATEWAY_MAX_CONNECTIONS_PER_ADDRESS: '100000000',
  GATEWAY_MAX_SUBSCRIPTIONS_PER_ADDRESS: '100000000',
};

/**
 * Starts the platform with the launcher (`startPlatform` of @stadtnetz/platform: its shapes, environments and
 * free ports), as a benchmark runs it: the parts log warnings only, each part's output goes to
 * bench/.logs/<suite>/<part>.log (stdout carries the benchmark's JSON result only), and it is stopped if the
 * benchmark is interrupted. `options.env` holds the benchmark's own settings per part (its limits), no more.
 */
export async function launchPlatform(suite, options = {}) {
  const env = { ...options.env };
  for (const part of ['cms', 'forum', 'gateway']) env[part] = { ...QUIET, ...env[part] };
  const logDir = path.join(root, 'bench', '.logs', suite);
  rmSync(logDir, { recursive: true, force: true });
  console.error(`[bench ${suite}] the parts' output: ${path.relative(root, logDir)}/`);
  const platform = await startPlatform({ logDir, ...options, env });
  platforms.add(platform);
  const stop = platform.stop;
  platform.stop = async () => {
    await stop();
    platforms.delete(platform);
  };
  return platform;
}

/**
 * Starts `node <script>` with env and waits until `health` answers as `healthy` wants (200 by default): for the
 * peers a benchmark runs beside the platform (they are not parts of it).
 */
export async function startProcess(name, script, env, health, healthy = (response) => response.ok) {
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env: { ...process.env, ...QUIET, ...env },
    // Their output goes to stderr: stdout carries the benchmark's JSON result only.
    stdio: ['ignore', 2, 2],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    try {
      if (healthy(await fetch(health))) break;
    } catch {
      // starting
    }
    if (Date.now() > deadline) throw new Error(`${name} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 8000);
      await exited;
      clearTimeout(force);
    },
  };
}

export function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarise(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1)),
  };
}

export const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function gql(url, query, variables = {}, token) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}
