import pLimit from 'p-limit';

type LimitFunction = ReturnType<typeof pLimit>;

/**
 * Runs tasks of the same key one after another (different keys in parallel). A rush of registrations for one
 * workshop then waits here, in memory, instead of every request holding a database connection while it waits
 * for the workshop's row lock: the pool stays free for everything else the forum does.
 */
export function oneAtATimePerKey() {
  const queues = new Map<string, LimitFunction>();
  return async function run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let queue = queues.get(key);
    if (!queue) {
      queue = pLimit(1);
      queues.set(key, queue);
    }
    try {
      return await queue(task);
    } finally {
      if (queue.activeCount === 0 && queue.pendingCount === 0) queues.delete(key);
    }
  };
}
