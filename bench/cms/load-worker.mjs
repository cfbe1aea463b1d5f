// Runs in a worker thread, so that generating load does not share an event loop with Strapi. autocannon keeps
// the load generator's own CPU small (it shares the two cores with Strapi and PostgreSQL); every answer is
// checked. Each request carries one of `bodies`, picked at random (each its own variables, as real clients send).
// Sends back the latencies of one run; the caller summarises (and may merge several runs).
import autocannon from 'autocannon';
import { parentPort, workerData } from 'node:worker_threads';

const { url, bodies, connections, durationMs, warmup } = workerData;
const texts = bodies.map((body) => JSON.stringify(body));
const options = {
  url,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  requests: [
    { setupRequest: (request) => ({ ...request, body: texts[Math.floor(Math.random() * texts.length)] }) },
  ],
  connections,
  // A benchmark of wrong answers is worthless: a response with GraphQL errors counts as a failure.
  verifyBody: (text) => !text.includes('"errors"'),
};

if (warmup > 0) await autocannon({ ...options, amount: warmup });
const latencies = [];
const run = autocannon({ ...options, duration: durationMs / 1000 });
run.on('response', (_client, statusCode, _bytes, responseTime) => {
  if (statusCode === 200) latencies.push(responseTime);
});
const result = await run;
const failures = result.errors + result.timeouts + result.non2xx + (result.mismatches ?? 0);
parentPort.postMessage({ latencies, failures, seconds: result.duration });
