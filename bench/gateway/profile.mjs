// Where the gateway's time goes: `node bench/gateway/profile.mjs [forumOnly|crossService]` starts the platform
// as the gateway benchmark does, runs that scenario's varied-variables traffic against one gateway with a V8
// CPU profile (cache and coalescing off), and prints the functions and packages with the most self time.
// The profile itself is kept under bench/.profiles/ (open it in Chrome's DevTools).
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { freePort } from '@stadtnetz/platform';
import { GATEWAY_LIMITS_LIFTED, launchPlatform, root } from '../lib/harness.mjs';

const scenario = process.argv[2] ?? 'crossService';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const between = (low, high) => low + Math.floor(Math.random() * (high - low + 1));
const SCENARIOS = {
  forumOnly: [
    'query T($n: Int!) { threads(first: $n) { edges { node { id title author { displayName } } } } }',
    () => ({ n: between(1, 50) }),
  ],
  crossService: [
    'query P($s: Int!, $p: Int!) { projects(pagination: { pageSize: $s, page: $p }) { title city { name } discussions { title } } }',
    () => ({ s: between(1, 25), p: between(1, 3) }),
  ],
};
const [query, variables] = SCENARIOS[scenario];
const profileDir = path.join(root, 'bench', '.profiles', `gateway-${scenario}-${Date.now()}`);
mkdirSync(profileDir, { recursive: true });

const platform = await launchPlatform('gateway-profile', {
  shape: 'production',
  only: ['forum', 'cms'],
  replicas: { forum: 1, gateway: 1 },
  env: { gateway: GATEWAY_LIMITS_LIFTED },
});
let result;
try {
  // Its own process with the launcher's gateway environment (V8 takes --cpu-prof only on the command line).
  const port = await freePort();
  const gatewayUrl = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, path.join(root, 'gateway/dist/main.js')],
    {
      env: {
        ...process.env,
        ...platform.envOf('gateway', 0),
        GATEWAY_PORT: String(port),
        GATEWAY_CACHE: 'false',
        GATEWAY_COALESCE: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  for (let tries = 0; ; tries++) {
    const up = await fetch(`${gatewayUrl}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (tries > 150) throw new Error('the profiled gateway did not start');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const gateway = {
    url: gatewayUrl,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
  const options = {
    url: `${gateway.url}/graphql`,
    method: 'POST',
    connections: 50,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ query, variables: variables() }) }),
      },
    ],
  };
  await autocannon({ ...options, duration: 5 });
  result = await autocannon({ ...options, duration: SECONDS });
  await gateway.stop();
} finally {
  await platform.stop();
}

const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile written to ${profileDir}`);
const profile = JSON.parse(readFileSync(path.join(profileDir, file), 'utf8'));
const selfTime = new Map();
const byPackage = new Map();
const intervals = profile.timeDeltas;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const samples = new Map();
profile.samples.forEach((id, index) => samples.set(id, (samples.get(id) ?? 0) + (intervals[index] ?? 0)));
let total = 0;
for (const [id, micros] of samples) {
  const { callFrame } = nodes.get(id);
  total += micros;
  const where = callFrame.url.replace(/^file:\/\//, '').replace(root, '');
  const pkg =
    /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1] ??
    (where.includes('/gateway/dist/')
      ? 'gateway (ours)'
      : where
        ? 'node:internal'
        : callFrame.functionName || '(vm)');
  const key = `${callFrame.functionName || '(anonymous)'} ${where.split('/').slice(-2).join('/')}:${callFrame.lineNumber}`;
  selfTime.set(key, (selfTime.get(key) ?? 0) + micros);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
}
const top = (map, n) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, micros]) => `${((100 * micros) / total).toFixed(1).padStart(5)} %  ${name}`);
console.log(
  `${scenario}: ${result.requests.average} req/s, p99 ${result.latency.p99} ms; profile: ${path.relative(root, profileDir)}/${file}`,
);
console.log('\nself time by package:\n' + top(byPackage, 25).join('\n'));
console.log('\nself time by function:\n' + top(selfTime, 40).join('\n'));
process.exit(0);
