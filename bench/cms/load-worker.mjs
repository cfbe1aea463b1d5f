// Runs in a worker thread, so that generating load does not share an event loop with Strapi.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { url, body, connections, durationMs, warmup } = workerData;
const payload = JSON.stringify(body);

async function once() {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: payload,
  });
  const text = await response.text();
  if (response.status !== 200 || text.includes('"errors"'))
    throw new Error(`bad response ${response.status}: ${text.slice(0, 300)}`);
  return performance.now() - started;
}

for (let i = 0; i < warmup; i += 1) await once();
const latencies = [];
let failures = 0;
const deadline = performance.now() + durationMs;
const started = performance.now();
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (performance.now() < deadline) {
      try {
        latencies.push(await once());
      } catch {
        failures += 1;
      }
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
parentPort.postMessage({
  requests: latencies.length,
  failures,
  seconds: Number(elapsed.toFixed(1)),
  rps: Math.round(latencies.length / elapsed),
  p50: Number(at(0.5).toFixed(1)),
  p95: Number(at(0.95).toFixed(1)),
  p99: Number(at(0.99).toFixed(1)),
});
