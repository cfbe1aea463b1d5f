import type { ExecutionResult } from 'graphql';
import type { Redis } from 'ioredis';

/**
 * Cached answers of the CMS, tagged with the content types they contain. When the CMS announces a change of a
 * Project, every answer tagged `Project` goes, at once — so an editor's change shows within a second and no
 * answer waits for a TTL. Answers fetched while an invalidation happened are not stored (epochs).
 */
export interface ContentCache {
  get(key: string): Promise<ExecutionResult | undefined>;
  /** Snapshot to pass to `set`, taken before fetching: a change in between keeps the answer out. */
  epoch(tags: string[]): Promise<string>;
  set(key: string, value: ExecutionResult, tags: string[], epoch: string): Promise<void>;
  invalidate(tags: string[]): Promise<void>;
  readonly kind: 'memory' | 'redis';
}

export function createMemoryContentCache(ttlSeconds: number, maxEntries = 5000): ContentCache {
  const entries = new Map<string, { value: ExecutionResult; expires: number; tags: string[] }>();
  const byTag = new Map<string, Set<string>>();
  const epochs = new Map<string, number>();
  const epochOf = (tags: string[]) => tags.map((tag) => epochs.get(tag) ?? 0).join(',');
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    for (const tag of entry.tags) byTag.get(tag)?.delete(key);
  };
  return {
    kind: 'memory',
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expires < Date.now()) {
        remove(key);
        return undefined;
      }
      return entry.value;
    },
    async epoch(tags) {
      return epochOf(tags);
    },
    async set(key, value, tags, epoch) {
      if (epochOf(tags) !== epoch) return;
      if (entries.size >= maxEntries) remove(entries.keys().next().value!);
      entries.set(key, { value, expires: Date.now() + ttlSeconds * 1000, tags });
      for (const tag of tags) {
        let keys = byTag.get(tag);
        if (!keys) byTag.set(tag, (keys = new Set()));
        keys.add(key);
      }
    },
    async invalidate(tags) {
      for (const tag of tags) {
        epochs.set(tag, (epochs.get(tag) ?? 0) + 1);
        for (const key of [...(byTag.get(tag) ?? [])]) remove(key);
      }
    },
  };
}

/** The same in Redis, shared by every gateway replica. */
export function createRedisContentCache(redis: Redis, prefix: string, ttlSeconds: number): ContentCache {
  const entryKey = (key: string) => `${prefix}:cache:${key}`;
  const tagKey = (tag: string) => `${prefix}:cache-tag:${tag}`;
  const epochKey = (tag: string) => `${prefix}:cache-epoch:${tag}`;
  const epochOf = async (tags: string[]) =>
    tags.length === 0
      ? ''
      : ((await redis.mget(...tags.map(epochKey))) as (string | null)[]).map((v) => v ?? '0').join(',');
  return {
    kind: 'redis',
    async get(key) {
      const raw = await redis.get(entryKey(key));
      return raw ? (JSON.parse(raw) as ExecutionResult) : undefined;
    },
    epoch: epochOf,
    async set(key, value, tags, epoch) {
      if ((await epochOf(tags)) !== epoch) return;
      const pipeline = redis.multi().set(entryKey(key), JSON.stringify(value), 'EX', ttlSeconds);
      for (const tag of tags) pipeline.sadd(tagKey(tag), entryKey(key)).expire(tagKey(tag), ttlSeconds * 2);
      await pipeline.exec();
    },
    async invalidate(tags) {
      for (const tag of tags) {
        await redis.incr(epochKey(tag));
        const keys = await redis.smembers(tagKey(tag));
        if (keys.length > 0) await redis.del(...keys);
        await redis.del(tagKey(tag));
      }
    },
  };
}
