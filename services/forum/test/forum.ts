import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { Logger } from 'typeorm';
import { loadConfig, type ForumConfig, type MailConfig } from '../src/config.js';
import { startForum, type ForumServer } from '../src/server.js';
import { CmsStub } from './cms-stub.js';

/** Counts SQL statements, the way a DBA would read a query log. */
export class CountingLogger implements Logger {
  statements = 0;
  logQuery(query: string) {
    if (!/^(START TRANSACTION|COMMIT|ROLLBACK)/i.test(query.trim())) this.statements++;
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

export const backend = process.env['FORUM_TEST_BACKEND'] === 'postgres' ? 'postgres' : 'embedded';
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, any>; path?: (string | number)[] }[];
}

/** A fresh, empty database for one test file: PostgreSQL (and Redis) or in-memory PGlite. */
export async function createTestDatabase() {
  if (backend === 'embedded') return { databaseUrl: undefined, drop: async () => {} };
  const name = `forum_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    databaseUrl: `postgres://postgres@127.0.0.1:5432/${name}`,
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export class TestForum {
  constructor(
    readonly server: ForumServer,
    private readonly dropDatabase: () => Promise<void>,
    private readonly ownsDatabase: boolean,
    /** The stand-in CMS the forum checks references with (unless the test named another CMS_URL). */
    readonly cms?: CmsStub,
  ) {}

  get url() {
    return this.server.url;
  }

  async gql<T = any>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T> & { status: number; headers: Headers }> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResponse<T>;
    return { ...body, status: response.status, headers: response.headers };
  }

  /** Like gql, but fails the test on any error. */
  async ok<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const result = await this.gql<T>(query, variables, token);
    if (result.errors?.length) throw new Error(`GraphQL error: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }

  /** Registers a member and signs them in; their address is confirmed unless `verified: false`. */
  async register(name = `Mitglied ${randomUUID().slice(0, 6)}`, extra: Record<string, unknown> = {}) {
    const email = `${randomUUID()}@example.org`;
    const { verified, ...input } = extra;
    await this.ok(
      `mutation ($input: RegisterMemberInput!) { registerMember(input: $input) { email mailSent } }`,
      {
        input: {
          email,
          password: 'ein sicheres Passwort',
          displayName: name,
          sector: 'VERWALTUNG',
          ...input,
        },
      },
    );
    // Most tests are not about verification: their members have confirmed their address (as by the link).
    if (verified !== false) {
      await this.server.services.dataSource.query(
        'UPDATE member SET email_verified_at = now() WHERE lower(email) = $1',
        [email],
      );
    }
    const data = await this.ok(
      'mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { token member { id handle displayName } } }',
      { email, password: 'ein sicheres Passwort' },
    );
    return { ...data.signIn.member, token: data.signIn.token as string, email } as {
      id: string;
      handle: string;
      displayName: string;
      token: string;
      email: string;
    };
  }

  async categoryId(slug = 'allgemeines') {
    const data = await this.ok('{ categories { id slug } }');
    return data.categories.find((category: { slug: string }) => category.slug === slug).id as string;
  }

  async createThread(token: string, input: Record<string, unknown> = {}) {
    const data = await this.ok(
      `mutation ($input: CreateThreadInput!) { createThread(input: $input) { id title } }`,
      {
        input: {
          title: 'Wie organisiert ihr Sprachcafés?',
          body: 'Erste Frage',
          categoryId: await this.categoryId(),
          ...input,
        },
      },
      token,
    );
    return data.createThread as { id: string; title: string };
  }

  async addPost(token: string, threadId: string, body: string, replyToId?: string) {
    const data = await this.ok(
      `mutation ($input: AddPostInput!) { addPost(input: $input) { id cursor body } }`,
      { input: { threadId, body, replyToId } },
      token,
    );
    return data.addPost as { id: string; cursor: string; body: string };
  }

  /** Makes a member a moderator or admin directly in the database (there is no first admin otherwise). */
  async setRole(memberId: string, role: 'MEMBER' | 'MODERATOR' | 'ADMIN') {
    await this.server.services.dataSource.query('UPDATE member SET role = $2 WHERE id = $1', [
      memberId,
      role,
    ]);
  }

  subscriber(token?: string): Client {
    return createClient({
      url: `${this.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      lazy: true,
    });
  }

  async close() {
    await this.server.close();
    await this.cms?.close();
    if (this.ownsDatabase) await this.dropDatabase();
  }
}

export interface TestForumOptions {
  config?: Partial<ForumConfig>;
  sqlLogger?: Logger;
  /** Share another instance's database (scale-out tests). */
  databaseUrl?: string;
  /**
   * Mail settings; given, the outbox worker runs (quick polling and retries, nothing collected). Without it
   * no mail leaves the test (the outbox still fills).
   */
  mail?: Partial<MailConfig>;
  /** Embedded database files in this folder (restart tests); default in memory. */
  dataDir?: string;
}

export async function startTestForum(options: TestForumOptions = {}) {
  const database = options.databaseUrl
    ? { databaseUrl: options.databaseUrl, drop: async () => {} }
    : await createTestDatabase();
  const cms = options.config?.cmsUrl ? undefined : await CmsStub.start();
  const config = loadConfig({
    FORUM_PORT: '0',
    FORUM_DATA_DIR: options.dataDir ?? 'memory://',
    FORUM_PASSWORD_HASH_COST: '10',
    FORUM_REDIS_PREFIX: `forum-test-${randomUUID()}`,
    // A test file registers many members from 127.0.0.1; the limit has its own tests.
    FORUM_REGISTRATION_LIMIT_PER_ADDRESS: '10000',
    LOG_LEVEL: 'silent',
    ...(cms ? { CMS_URL: cms.url } : {}),
    ...(database.databaseUrl
      ? { FORUM_DATABASE_URL: database.databaseUrl, REDIS_URL: 'redis://127.0.0.1:6379' }
      : {}),
  });
  const mail: MailConfig = {
    ...config.mail,
    worker: options.mail !== undefined,
    pollMs: 20,
    retryBaseMs: 20,
    retryMaxMs: 200,
    collectSeconds: 0,
    digestCheckSeconds: 0,
    websiteUrl: 'http://website.test',
    ...options.mail,
  };
  const server = await startForum({ ...config, mail, ...options.config }, { sqlLogger: options.sqlLogger });
  return new TestForum(server, database.drop, !options.databaseUrl, cms);
}

/** Collects the next `count` events of a subscription. */
export function collect<T = any>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  count: number,
) {
  const events: GraphQLResponse<T>[] = [];
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  const done = new Promise<GraphQLResponse<T>[]>((resolve, reject) => {
    const unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: (event) => {
          events.push(event as GraphQLResponse<T>);
          if (events.length >= count) {
            unsubscribe();
            resolve(events);
          }
        },
        error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
        complete: () => resolve(events),
      },
    );
  });
  client.on('connected', () => ready());
  return { started, done, events };
}

export const waitFor = async (predicate: () => boolean | Promise<boolean>, timeoutMs = 5000) => {
  const until = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};
