import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Redis } from 'ioredis';

/** A portal's key. The secret is shown once, at creation; only its SHA-256 is kept. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  secretHash: string;
  /** Requests per rate-limit window; unset: the configured default for keys. */
  limit?: number;
  createdAt: string;
}

export interface ApiKeyStore {
  create(name: string, limit?: number): Promise<{ key: string; record: ApiKeyRecord }>;
  list(): Promise<ApiKeyRecord[]>;
  revoke(id: string): Promise<boolean>;
  /** The record for a presented key, or null if it is unknown, malformed or revoked. */
  verify(presented: string): Promise<ApiKeyRecord | null>;
  readonly kind: 'redis' | 'file';
}

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');
// sn_<id>_<secret>: the id finds the record without scanning, the secret proves the key.
const keyPattern = /^sn_([a-z0-9]{12})_([A-Za-z0-9_-]{32,64})$/;

function newKey(name: string, limit?: number) {
  const id = randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 12)
    .padEnd(12, '0');
  const secret = randomBytes(32).toString('base64url');
  const record: ApiKeyRecord = {
    id,
    name,
    secretHash: hash(secret),
    createdAt: new Date().toISOString(),
    ...(limit ? { limit } : {}),
  };
  return { key: `sn_${id}_${secret}`, record };
}

function matches(record: ApiKeyRecord | undefined, secret: string) {
  if (!record) return false;
  const expected = Buffer.from(record.secretHash, 'hex');
  const actual = Buffer.from(hash(secret), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function validateName(name: string) {
  const trimmed = name.trim();
  if (trimmed.length < 2 || trimmed.length > 100)
    throw new Error('The portal name must have 2 to 100 characters');
  return trimmed;
}

/** Keys in Redis, shared by every gateway replica; a revoked key stops working everywhere at once. */
export function createRedisApiKeyStore(redis: Redis, prefix: string): ApiKeyStore {
  const hashKey = `${prefix}:api-keys`;
  return {
    kind: 'redis',
    async create(name, limit) {
      const created = newKey(validateName(name), limit);
      await redis.hset(hashKey, created.record.id, JSON.stringify(created.record));
      return created;
    },
    async list() {
      return Object.values(await redis.hgetall(hashKey)).map((raw) => JSON.parse(raw) as ApiKeyRecord);
    },
    async revoke(id) {
      return (await redis.hdel(hashKey, id)) > 0;
    },
    async verify(presented) {
      const match = keyPattern.exec(presented.trim());
      if (!match) return null;
      const raw = await redis.hget(hashKey, match[1]!);
      const record = raw ? (JSON.parse(raw) as ApiKeyRecord) : undefined;
      return matches(record, match[2]!) ? record! : null;
    },
  };
}

/** Keys in a JSON file under the gateway's data folder (one gateway, no Redis); re-read when it changes. */
export function createFileApiKeyStore(dataDir: string): ApiKeyStore {
  const file = path.join(dataDir, 'api-keys.json');
  let cached: { mtimeMs: number; records: Record<string, ApiKeyRecord> } | undefined;
  const load = async (): Promise<Record<string, ApiKeyRecord>> => {
    const info = await stat(file).catch(() => null);
    if (!info) return {};
    if (cached?.mtimeMs === info.mtimeMs) return cached.records;
    const records = JSON.parse(await readFile(file, 'utf8')) as Record<string, ApiKeyRecord>;
    cached = { mtimeMs: info.mtimeMs, records };
    return records;
  };
  const save = async (records: Record<string, ApiKeyRecord>) => {
    await mkdir(dataDir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(records, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, file);
    cached = undefined;
  };
  return {
    kind: 'file',
    async create(name, limit) {
      const created = newKey(validateName(name), limit);
      await save({ ...(await load()), [created.record.id]: created.record });
      return created;
    },
    async list() {
      return Object.values(await load());
    },
    async revoke(id) {
      const records = { ...(await load()) };
      if (!records[id]) return false;
      delete records[id];
      await save(records);
      return true;
    },
    async verify(presented) {
      const match = keyPattern.exec(presented.trim());
      if (!match) return null;
      const record = (await load())[match[1]!];
      return matches(record, match[2]!) ? record! : null;
    },
  };
}
