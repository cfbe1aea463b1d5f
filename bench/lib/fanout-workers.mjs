// Many graphql-ws subscribers spread over worker threads, as real readers are spread over many machines: one
// thread receiving five thousand sockets measures its own parsing as much as the server's fan-out. Each worker
// keeps its readers' arrival times per event and reports them once all its readers have the event.
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

/** Milliseconds on a clock every thread of this process shares. */
export const now = () => performance.timeOrigin + performance.now();

/**
 * Opens `subscribers` readers of `{ query, variables }` at `wsUrl`, spread over `threads` workers. `received(id)`
 * resolves with every reader's arrival time (on `now()`'s clock) of the event whose `idOf(data)` is `id`.
 */
export async function openSubscriberThreads({ wsUrl, query, variables, subscribers, threads = 2 }) {
  const workers = [];
  const waiting = new Map(); // event id → { reports: number[][], resolve, reject }
  const failures = [];
  const entryOf = (id) => {
    let entry = waiting.get(id);
    if (!entry) {
      let resolve;
      const promise = new Promise((done) => (resolve = done));
      entry = { reports: [], promise, resolve };
      waiting.set(id, entry);
    }
    return entry;
  };
  const ready = [];
  for (let i = 0; i < threads; i++) {
    const share = Math.floor(subscribers / threads) + (i < subscribers % threads ? 1 : 0);
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { wsUrl, query, variables, subscribers: share },
    });
    workers.push(worker);
    ready.push(
      new Promise((resolve, reject) => {
        worker.on('message', (message) => {
          if (message.type === 'ready') resolve();
          else if (message.type === 'failure') failures.push(message.detail);
          else if (message.type === 'event') {
            const entry = entryOf(message.id);
            entry.reports.push(message.times);
            if (entry.reports.length === threads) entry.resolve(entry.reports.flat());
          }
        });
        worker.once('error', reject);
      }),
    );
  }
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`subscribers not connected within 60 s; failures: ${failures.slice(0, 3).join(' | ')}`),
        ),
      60_000,
    );
  });
  try {
    await Promise.race([Promise.all(ready), timeout]);
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return {
    failures,
    /** Every reader's arrival time of event `id`, or an error after `timeoutMs`. */
    async received(id, timeoutMs = 60_000) {
      const entry = entryOf(id);
      let timer;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => {
          const got = entry.reports.reduce((sum, times) => sum + times.length, 0);
          reject(new Error(`event ${id}: ${got}/${subscribers} deliveries within ${timeoutMs} ms`));
        }, timeoutMs);
      });
      try {
        return await Promise.race([entry.promise, timeout]);
      } finally {
        clearTimeout(timer);
        waiting.delete(id);
      }
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

async function runWorker() {
  const { createClient } = await import('graphql-ws');
  const { default: WebSocket } = await import('ws');
  const { wsUrl, query, variables, subscribers } = workerData;
  const arrivals = new Map(); // event id → arrival times
  const onEvent = (id) => {
    const at = now();
    let times = arrivals.get(id);
    if (!times) arrivals.set(id, (times = []));
    times.push(at);
    if (times.length === subscribers) {
      arrivals.delete(id);
      parentPort.postMessage({ type: 'event', id, times });
    }
  };
  const failed = (detail) =>
    parentPort.postMessage({ type: 'failure', detail: String(detail).slice(0, 300) });
  // Sockets connect in batches, each waiting for the one before (a burst of thousands of handshakes
  // overflows the server's accept queue, which answers with resets).
  const BATCH = 250;
  for (let start = 0; start < subscribers; start += BATCH) {
    const batch = [];
    for (let i = start; i < Math.min(start + BATCH, subscribers); i++) {
      batch.push(
        new Promise((connected) => {
          const client = createClient({
            url: wsUrl,
            webSocketImpl: WebSocket,
            retryAttempts: 0,
            on: { connected, closed: connected },
          });
          client.subscribe(
            { query, variables },
            {
              next: (result) =>
                result.data
                  ? onEvent(Object.values(result.data)[0].id)
                  : failed(JSON.stringify(result.errors)),
              error: (error) => failed(error?.reason ?? error?.message ?? JSON.stringify(error)),
              complete: () => {},
            },
          );
        }),
      );
    }
    await Promise.all(batch);
  }
  parentPort.postMessage({ type: 'ready' });
}

if (!isMainThread && workerData?.wsUrl) await runWorker();
