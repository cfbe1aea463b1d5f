/* eslint-disable @typescript-eslint/no-explicit-any -- tests read untyped GraphQL responses and Strapi documents */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Core } from '@strapi/strapi';

const require = createRequire(import.meta.url);
export const CMS_DIR = path.resolve(import.meta.dirname, '..', '..');
const ADMIN_DB_URL = process.env.CMS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type DatabaseKind = 'sqlite' | 'postgres';
export const databaseKind: DatabaseKind =
  process.env.CMS_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_DB_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Whether this project's database is here. PostgreSQL suites are skipped on a machine without it, but never
 * in CI, where a missing database must fail the run.
 */
export const databaseAvailable =
  databaseKind === 'sqlite' ||
  (await postgresReachable()) ||
  (process.env.CI !== undefined && process.env.CI !== '');

export interface TestCms {
  strapi: Core.Strapi;
  url: string;
  /** POST a GraphQL request; returns the parsed body. */
  graphql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLBody<T>>;
  /** Counts SQL statements issued while `work` runs. */
  countQueries(work: () => Promise<unknown>): Promise<number>;
  stop(): Promise<void>;
}

export interface GraphQLBody<T> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

/** Boots the compiled CMS on a fresh database of its own (SQLite file or `cms_test_<random>`). */
export async function startCms(env: Record<string, string> = {}): Promise<TestCms> {
  const name = `cms_test_${randomBytes(5).toString('hex')}`;
  let cleanup: () => Promise<void>;
  if (databaseKind === 'postgres') {
    const admin = new pg.Client({ connectionString: ADMIN_DB_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    Object.assign(process.env, {
      DATABASE_CLIENT: 'postgres',
      DATABASE_URL: ADMIN_DB_URL.replace(/\/[^/]*$/, `/${name}`),
      DATABASE_POOL_MIN: '0',
    });
    cleanup = async () => {
      const client = new pg.Client({ connectionString: ADMIN_DB_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'cms-test-'));
    Object.assign(process.env, { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  Object.assign(process.env, {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    STRAPI_STARTUP_LOG: 'false',
    STRAPI_TELEMETRY_DISABLED: 'true',
    SEED_DEMO: 'false',
    ...env,
  });

  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  let strapi: Core.Strapi;
  try {
    strapi = await createStrapi({ appDir: CMS_DIR, distDir: path.join(CMS_DIR, 'dist') }).load();
    await strapi.server.listen();
  } catch (error) {
    await cleanup();
    throw error;
  }
  const address = strapi.server.httpServer.address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;

  let stopping: Promise<void> | undefined;
  return {
    strapi,
    url,
    async graphql(query, variables, headers = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLBody<any>;
    },
    async countQueries(work) {
      let count = 0;
      const listener = () => {
        count += 1;
      };
      strapi.db.connection.on('query', listener);
      try {
        await work();
      } finally {
        strapi.db.connection.removeListener('query', listener);
      }
      return count;
    },
    stop() {
      // Once: a test that timed out may leave its CMS to the afterAll that stops it again.
      stopping ??= stopOnce();
      return stopping;
    },
  };

  /**
   * Strapi builds its events' payloads once a transaction commits, on the connection pool (a seed in one
   * transaction leaves about 2,000 reads); destroy() would abort what is still queued. At most 10 s.
   */
  async function poolIdle() {
    const { pool } = strapi.db.connection.client as {
      pool?: { numUsed(): number; numPendingAcquires(): number };
    };
    const until = Date.now() + 10_000;
    while (pool && pool.numUsed() + pool.numPendingAcquires() > 0 && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 50));
  }

  async function stopOnce() {
    {
      // Strapi's destroy() ends with process.removeAllListeners(), which would also cut the test worker's
      // channel to vitest; keep the listeners that were there before and put them back.
      const saved = process.eventNames().map((event) => [event, process.listeners(event as never)] as const);
      try {
        await poolIdle();
        await strapi.destroy();
      } finally {
        for (const [event, listeners] of saved) {
          for (const listener of listeners) {
            if (!process.listeners(event as never).includes(listener))
              process.on(event as never, listener as never);
          }
        }
        await cleanup();
      }
    }
  }
}
