// Runs in a worker thread, so that generating load does not share an event loop with Strapi. Sends back the
// latencies of one run; the caller summarises (and may merge several runs of the same query).
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
parentPort.postMessage({ latencies, failures, seconds: (performance.now() - started) / 1000 });
