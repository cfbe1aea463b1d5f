// Many WebSocket subscribers in this process, and the time each one receives an event.
import { performance } from 'node:perf_hooks';

/** Opens n subscribers with `subscribe(onEvent)`; `received` maps an event id to its arrival times. */
export async function openSubscribers(n, subscribe) {
  const clients = [];
  const received = new Map();
  for (let i = 0; i < n; i++) {
    clients.push(
      subscribe((id) => {
        const now = performance.now();
        const times = received.get(id);
        if (times) times.push(now);
        else received.set(id, [now]);
      }),
    );
    // Let the sockets connect in batches rather than queue thousands of handshakes at once.
    if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
  }
  return { clients, received };
}

export async function waitForDeliveries(received, id, count, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while ((received.get(id)?.length ?? 0) < count) {
    if (Date.now() > until)
      throw new Error(`only ${received.get(id)?.length ?? 0}/${count} deliveries of ${id}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
