import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  registerVerified,
  startPlatform as launch,
  type Platform as LaunchedPlatform,
  type ServiceProcess,
} from '@stadtnetz/platform';
import { pino } from 'pino';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig, type GatewayConfig } from '../src/config.js';
import { startGateway, type GatewayServer } from '../src/server.js';

export { standalonePart, type ServiceProcess } from '@stadtnetz/platform';

/** `embedded`: the platform as `npm start` runs it; `postgres`: docker-compose.yml's shape (PostgreSQL, Redis). */
export const backend = process.env['PLATFORM_TEST_BACKEND'] === 'postgres' ? 'postgres' : 'embedded';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, any>; path?: (string | number)[] }[];
}

export class Platform {
  readonly gateways: GatewayServer[] = [];

  constructor(readonly launched: LaunchedPlatform) {}

  get forum(): ServiceProcess {
    return this.launched.forums[0]!;
  }

  get cms(): ServiceProcess {
    return this.launched.cms;
  }

  /**
   * An origin the website's pages are served from, which the gateway allows: the public address in the
   * production shape; on an `npm start`, the website under the name `localhost`.
   */
  get websiteOrigin(): string {
    return this.launched.envOf('gateway', 0)['CORS_ORIGINS']!.split(',').at(-1)!;
  }

  /** The Strapi admin the launcher created. */
  get editor() {
    return this.launched.admin;
  }

  get gateway() {
    return this.gateways[0]!;
  }

  /**
   * Starts (another) gateway over this platform's forum and CMS, in the test's own process, with the
   * environment the launcher gives a gateway: the first on the port the CMS sends its content events to.
   */
  async startGateway(overrides: Partial<GatewayConfig> = {}) {
    const config = loadConfig({
      ...this.launched.envOf('gateway', 0),
      ...(this.gateways.length > 0 ? { GATEWAY_PORT: '0' } : {}),
      GATEWAY_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gateway-test-')),
      GATEWAY_REDIS_PREFIX: `gateway-test-${randomUUID()}`,
      GATEWAY_UPSTREAM_TIMEOUT_MS: '3000',
      LOG_LEVEL: 'silent',
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

  /** Registers a member, opens the verification link from the platform's inbox (MailDev), signs in. */
  async register(name = `Mitglied ${randomUUID().slice(0, 6)}`, extra: Record<string, unknown> = {}) {
    const mailUrl = this.launched.urls.mail;
    if (!mailUrl) throw new Error('the platform runs no inbox (SMTP_URL is set): members cannot be verified');
    const member = await registerVerified(this.gateway.url, mailUrl, {
      email: `${randomUUID()}@example.org`,
      password: 'ein sicheres Passwort',
      displayName: name,
      sector: 'VERWALTUNG',
      ...extra,
    });
    return { id: member.id, token: member.token };
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
      body: JSON.stringify(this.editor),
    });
    return ((await response.json()) as { data: { token: string } }).data.token;
  }

  async close() {
    for (const gateway of this.gateways) await gateway.close();
    await this.launched.stop();
  }
}

/**
 * The forum and the CMS (with its demo content) as separate processes, started by the launcher as `npm start`
 * (embedded) or docker-compose.yml (postgres) starts them, and one gateway in the test's process, to which
 * the CMS announces its content changes.
 */
export async function startPlatform() {
  const launched = await launch({
    shape: backend === 'postgres' ? 'production' : 'embedded',
    only: ['forum', 'cms'],
    replicas: { forum: 1, gateway: 1 },
    env: {
      // Hashing at the production cost would make every registration of the suite take a quarter second.
      forum: { FORUM_PASSWORD_HASH_COST: '10', LOG_LEVEL: 'info' },
      cms: { LOG_LEVEL: 'warn' },
    },
  });
  const platform = new Platform(launched);
  try {
    await platform.startGateway();
  } catch (error) {
    await platform.close();
    throw error;
  }
  return platform;
}
