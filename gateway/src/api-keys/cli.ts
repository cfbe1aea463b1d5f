#!/usr/bin/env node
// npm run apikey -w gateway -- create "Portal Name" [--limit 10000] | list | revoke <id>
import { Redis } from 'ioredis';
import { ConfigError, loadConfig } from '../config.js';
import { createFileApiKeyStore, createRedisApiKeyStore, type ApiKeyStore } from './api-key-store.js';

const usage = `usage:
  npm run apikey -- create "Portal Name" [--limit <requests per window>]
  npm run apikey -- list
  npm run apikey -- revoke <id>`;

async function main(args: string[]) {
  const config = loadConfig();
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  const store: ApiKeyStore = redis
    ? createRedisApiKeyStore(redis, config.redisKeyPrefix)
    : createFileApiKeyStore(config.dataDir);
  try {
    const [command, ...rest] = args;
    if (command === 'create') {
      const limitAt = rest.indexOf('--limit');
      const limit = limitAt >= 0 ? Number(rest[limitAt + 1]) : undefined;
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
        throw new Error('--limit must be a positive integer');
      const name = rest
        .filter((_, index) => limitAt < 0 || (index !== limitAt && index !== limitAt + 1))
        .join(' ');
      const { key, record } = await store.create(name, limit);
      console.log(`Created API key ${record.id} for "${record.name}" (${store.kind}).`);
      console.log('Give the portal this key; it is shown only now. Send it as the header "x-api-key":');
      console.log(key);
      return 0;
    }
    if (command === 'list') {
      const records = await store.list();
      if (records.length === 0) console.log('No API keys.');
      for (const record of records) {
        console.log(
          `${record.id}  ${record.createdAt}  ${record.limit ? `limit ${record.limit}` : 'default limit'}  ${record.name}`,
        );
      }
      return 0;
    }
    if (command === 'revoke' && rest[0]) {
      const revoked = await store.revoke(rest[0]);
      console.log(revoked ? `Revoked ${rest[0]}.` : `No API key ${rest[0]}.`);
      return revoked ? 0 : 1;
    }
    console.error(usage);
    return 64;
  } finally {
    await redis?.quit();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof ConfigError ? `configuration error: ${error.message}` : (error as Error).message,
    );
    process.exit(1);
  },
);
