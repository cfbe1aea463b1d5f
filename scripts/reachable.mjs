import net from 'node:net';

/** Whether something listens on 127.0.0.1:port — how the test configs tell if PostgreSQL and Redis are here. */
export function reachable(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/**
 * PostgreSQL and Redis of this machine are used when they answer; in CI they must.
 * Returns whether the tests should also run against them.
 */
export async function realServicesAvailable(label) {
  const [postgres, redis] = await Promise.all([reachable(5432), reachable(6379)]);
  if (postgres && redis) return true;
  if (process.env.CI) {
    throw new Error(`${label}: CI must test against PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379)`);
  }
  console.warn(
    `${label}: PostgreSQL or Redis not reachable on 127.0.0.1, testing the embedded defaults only`,
  );
  return false;
}
