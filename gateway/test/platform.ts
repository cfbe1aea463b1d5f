import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig, type GatewayConfig } from '../src/config.js';
import { startGateway, type GatewayServer } from '../src/server.js';

export const backend = process.env['PLATFORM_TEST_BACKEND'] === 'postgres' ? 'postgres' : 'embedded';
const root = path.resolve(import.meta.dirname, '..', '..');
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const EDITOR = { email: 'redaktion@example.org', password: 'Redaktion-Test-2026' };

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, any>; path?: (string | number)[] }[];
}

async function createDatabase(prefix: string) {
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: ADMIN_URL.replace(/\/[^/]*$/, `/${name}`),
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A service in its own process; resolves with its URL once it has printed it. */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  url = '';

  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly env: Record<string, string>,
    private readonly pattern: RegExp,
  ) {}

  /** The environment it runs with (to start another instance like it). */
  get environment() {
    return { ...this.env };
  }

  async start(port = '0') {
    const child = spawn(process.execPath, [this.script], {
      cwd: root,
      env: {
        ...process.env,
        ...this.env,
        ...(this.name === 'forum' ? { FORUM_PORT: port } : { PORT: port }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let output = '';
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} did not start:\n${output}`)), 120_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = this.pattern.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited with ${code}:\n${output}`));
      });
    });
    child.removeAllListeners('exit');
    return this.url;
  }

  /** Kills the process at once, as a crash would. */
  async kill() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Starts it again on the same port. */
  async restart() {
    await this.start(new URL(this.url).port);
  }

  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

export class Platform {
  readonly gateways: GatewayServer[] = [];

  constructor(
    readonly forum: ServiceProcess,
    readonly cms: ServiceProcess,
    private readonly cleanups: (() => Promise<void>)[],
  ) {}

  get gateway() {
    return this.gateways[0]!;
  }

  /** Starts (another) gateway over this platform's forum and CMS. */
  async startGateway(overrides: Partial<GatewayConfig> = {}) {
    const config = loadConfig({
      GATEWAY_PORT: '0',
      CMS_URL: this.cms.url,
      FORUM_URL: this.forum.url,
      GATEWAY_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gateway-test-')),
      GATEWAY_REDIS_PREFIX: `gateway-test-${randomUUID()}`,
      GATEWAY_UPSTREAM_TIMEOUT_MS: '3000',
      LOG_LEVEL: 'silent',
      ...(backend === 'postgres' ? { REDIS_URL: 'redis://127.0.0.1:6379' } : {}),
    });
    const gateway = await startGateway({ ...config, ...overrides }, pino({ level: 'silent' }));
    this.gateways.push(gateway);
    return gateway;
  }

  async gql<T = any>(
    query: string,
    variables: Record<string, unknown> = {},
    options: { token?: string; apiKey?: string; gateway?: GatewayServer } = {},
  ): Promise<GraphQLResponse<T> & { status: number; headers: Headers }> {
    const response = await fetch(`${(options.gateway ?? this.gateway).url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.apiKey ? { 'x-api-key': options.apiKey } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResponse<T>;
    return { ...body, status: response.status, headers: response.headers };
  }

  async ok<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const result = await this.gql<T>(query, variables, { token });
    if (result.errors?.length) throw new Error(`GraphQL error: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }

  async register(name = `Mitglied ${randomUUID().slice(0, 6)}`, extra: Record<string, unknown> = {}) {
    const data = await this.ok(
      'mutation ($input: RegisterMemberInput!) { registerMember(input: $input) { token member { id } } }',
      {
        input: {
          email: `${randomUUID()}@example.org`,
          password: 'ein sicheres Passwort',
          displayName: name,
          sector: 'VERWALTUNG',
          ...extra,
        },
      },
    );
    return { id: data.registerMember.member.id as string, token: data.registerMember.token as string };
  }

  subscriber(options: { token?: string; gateway?: GatewayServer; retry?: boolean } = {}): Client {
    return createClient({
      url: `${(options.gateway ?? this.gateway).url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: options.token ? { authorization: `Bearer ${options.token}` } : {},
      retryAttempts: 0,
    });
  }

  /** Signs in to the Strapi admin as the editor: the way an editor changes content. */
  async editorToken() {
    const response = await fetch(`${this.cms.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(EDITOR),
    });
    return ((await response.json()) as { data: { token: string } }).data.token;
  }

  async close() {
    for (const gateway of this.gateways) await gateway.close();
    await Promise.all([this.forum.stop(), this.cms.stop()]);
    for (const cleanup of this.cleanups) await cleanup();
  }
}

async function freePort() {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The forum and the CMS (with its demo content) as separate processes, and one gateway in the test's
 * process, to which the CMS announces its content changes.
 */
export async function startPlatform() {
  const webhookPort = await freePort();
  const cleanups: (() => Promise<void>)[] = [];
  const forumEnv: Record<string, string> = {
    FORUM_DATA_DIR: 'memory://',
    FORUM_PASSWORD_HASH_COST: '10',
    FORUM_REDIS_PREFIX: `platform-test-${randomUUID()}`,
    LOG_LEVEL: 'info',
  };
  const cmsDir = mkdtempSync(path.join(tmpdir(), 'platform-cms-'));
  cleanups.push(async () => rmSync(cmsDir, { recursive: true, force: true }));
  const cmsEnv: Record<string, string> = {
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    SEED_DEMO: 'true',
    ADMIN_EMAIL: EDITOR.email,
    ADMIN_PASSWORD: EDITOR.password,
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(cmsDir, 'data.db'),
    LOG_LEVEL: 'warn',
    CMS_CONTENT_WEBHOOK_URLS: `http://127.0.0.1:${webhookPort}/webhooks/cms`,
  };
  if (backend === 'postgres') {
    const [forumDb, cmsDb] = await Promise.all([
      createDatabase('platform_forum'),
      createDatabase('platform_cms'),
    ]);
    cleanups.push(forumDb.drop, cmsDb.drop);
    Object.assign(forumEnv, { FORUM_DATABASE_URL: forumDb.url, REDIS_URL: 'redis://127.0.0.1:6379' });
    Object.assign(cmsEnv, { DATABASE_CLIENT: 'postgres', DATABASE_URL: cmsDb.url, DATABASE_POOL_MIN: '0' });
  }
  const forum = new ServiceProcess(
    'forum',
    'services/forum/dist/main.js',
    forumEnv,
    /forum listening on (http:\/\/[\d.:]+)\/graphql/,
  );
  await forum.start();
  // The CMS verifies member tokens against the forum's keys.
  Object.assign(cmsEnv, { FORUM_URL: forum.url });
  const cms = new ServiceProcess(
    'cms',
    'cms/scripts/serve-api.mjs',
    cmsEnv,
    /cms API listening on (http:\/\/[\d.:]+)/,
  );
  await cms.start();
  const platform = new Platform(forum, cms, cleanups);
  await platform.startGateway({ port: webhookPort });
  return platform;
}
