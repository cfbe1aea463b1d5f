import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import proxyAddr from 'proxy-addr';

/** Everything the gateway reads from the environment, read once and checked at start. */
export interface GatewayConfig {
  host: string;
  port: number;
  cmsUrl: string;
  forumUrl: string;
  /** The composed supergraph the gateway executes; watched, so a new one takes effect without a restart. */
  supergraphPath: string;
  /** Where to fetch the forum's token keys; defaults to `${forumUrl}/.well-known/jwks.json`. */
  jwksUrl: string;
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  /** Where API keys are kept without Redis. */
  dataDir: string;
  corsOrigins: string[];
  /** Shared secret the CMS sends with content events (header `x-webhook-secret`); unset: loopback only. */
  webhookSecret: string | undefined;
  upstreamTimeoutMs: number;
  limits: {
    maxDepth: number;
    maxAliases: number;
    maxTokens: number;
    maxCost: number;
    maxDirectives: number;
    maxPageSize: number;
    costDefaultListSize: number;
    costPerExpensiveCall: number;
  };
  rateLimit: {
    /** Requests per window for an address without an API key. */
    anonymous: number;
    /** Requests per window for a portal with an API key (unless the key says otherwise). */
    withApiKey: number;
    windowSeconds: number;
  };
  subscriptions: {
    /** Operations one WebSocket connection may have open at once. */
    perConnection: number;
    /** Operations all connections from one client address may have open at once. */
    perAddress: number;
    /** WebSocket connections one client address may hold open at once. */
    connectionsPerAddress: number;
  };
  cache: { enabled: boolean; ttlSeconds: number };
  /** Identical subgraph queries in flight for the same member share one request (`GATEWAY_COALESCE`). */
  coalesce: boolean;
  /**
   * Anonymous subgraph queries arriving together go in one request, this many at most; 1: each alone
   * (`GATEWAY_SUBGRAPH_BATCH`).
   */
  subgraphBatch: number;
  /** What plans and runs queries and mutations: Hive Router's query planner, or graphql-tools' stitching. */
  engine: 'planner' | 'stitching';
  /**
   * The proxies whose `X-Forwarded-For` is believed (addresses, subnets, or `loopback`, `linklocal`,
   * `uniquelocal`), as Express's "trust proxy" list: the client is the right-most address not on it.
   * Empty: nobody's; the client is the socket's peer.
   */
  trustProxy: string[];
  /**
   * Shared with the website (`CLIENT_ADDRESS_SECRET`): a request that carries it in `x-client-address-secret`
   * names its visitor in `x-client-address`, and that address is believed.
   */
  clientAddressSecret: string | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function optional(env: NodeJS.ProcessEnv, name: string) {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
) {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function url(env: NodeJS.ProcessEnv, name: string, fallback: string | undefined, protocols: string[]) {
  const raw = optional(env, name) ?? fallback;
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL: "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.join(' or ')}, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean) {
  const raw = optional(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = optional(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  const found = allowed.find((value) => value === raw);
  if (!found) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return found;
}

function proxyList(env: NodeJS.ProcessEnv, name: string) {
  const raw = optional(env, name) ?? '';
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 1 && entries[0]!.toLowerCase() === 'none') return [];
  // proxy-addr would read "1" as the address 0.0.0.1, not as Express's hop count: only spelled-out addresses.
  const names = ['loopback', 'linklocal', 'uniquelocal'];
  const unclear = entries.find((entry) => !names.includes(entry) && net.isIP(entry.split('/')[0]!) === 0);
  if (unclear !== undefined)
    throw new ConfigError(
      `${name} must list proxy addresses or subnets (or loopback, linklocal, uniquelocal), comma-separated; "${unclear}" is none of these`,
    );
  try {
    proxyAddr.compile(entries);
  } catch (error) {
    throw new ConfigError(
      `${name} must list proxy addresses or subnets (or loopback, linklocal, uniquelocal), comma-separated: ${(error as Error).message}`,
    );
  }
  return entries;
}

function secretOf(env: NodeJS.ProcessEnv, name: string, minLength: number) {
  const value = optional(env, name);
  if (value !== undefined && value.length < minLength)
    throw new ConfigError(`${name} must be at least ${minLength} characters long`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const logLevel = (optional(env, 'LOG_LEVEL') ?? 'info') as GatewayConfig['logLevel'];
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of debug, info, warn, error, silent; got "${logLevel}"`);
  }
  const forumUrl = url(env, 'FORUM_URL', 'http://127.0.0.1:4001', ['http:', 'https:'])!;
  return {
    host: optional(env, 'GATEWAY_HOST') ?? '127.0.0.1',
    port: integer(env, 'GATEWAY_PORT', 4000, 0, 65535),
    cmsUrl: url(env, 'CMS_URL', 'http://127.0.0.1:1337', ['http:', 'https:'])!,
    forumUrl,
    supergraphPath: path.resolve(
      optional(env, 'SUPERGRAPH_PATH') ?? path.join(packageRoot, '../schema/supergraph.graphql'),
    ),
    jwksUrl: url(env, 'FORUM_JWKS_URL', `${forumUrl}/.well-known/jwks.json`, ['http:', 'https:'])!,
    redisUrl: url(env, 'REDIS_URL', undefined, ['redis:', 'rediss:']),
    redisKeyPrefix: optional(env, 'GATEWAY_REDIS_PREFIX') ?? 'stadtnetz-gateway',
    dataDir: path.resolve(optional(env, 'GATEWAY_DATA_DIR') ?? path.join(packageRoot, '.data')),
    corsOrigins: (optional(env, 'CORS_ORIGINS') ?? 'http://127.0.0.1:3000,http://localhost:3000')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    webhookSecret: optional(env, 'CMS_WEBHOOK_SECRET'),
    upstreamTimeoutMs: integer(env, 'GATEWAY_UPSTREAM_TIMEOUT_MS', 10_000, 100),
    limits: {
      maxDepth: integer(env, 'GATEWAY_MAX_DEPTH', 12, 2),
      maxAliases: integer(env, 'GATEWAY_MAX_ALIASES', 15, 1),
      maxTokens: integer(env, 'GATEWAY_MAX_TOKENS', 2000, 50),
      maxCost: integer(env, 'GATEWAY_MAX_COST', 20_000, 100),
      maxDirectives: integer(env, 'GATEWAY_MAX_DIRECTIVES', 20, 1),
      maxPageSize: integer(env, 'GATEWAY_MAX_PAGE_SIZE', 100, 1, 1000),
      costDefaultListSize: integer(env, 'GATEWAY_COST_DEFAULT_LIST_SIZE', 20, 1, 1000),
      costPerExpensiveCall: integer(env, 'GATEWAY_COST_EXPENSIVE_CALL', 500, 0),
    },
    rateLimit: {
      anonymous: integer(env, 'GATEWAY_RATE_LIMIT', 600, 1),
      withApiKey: integer(env, 'GATEWAY_RATE_LIMIT_API_KEY', 6000, 1),
      windowSeconds: integer(env, 'GATEWAY_RATE_LIMIT_WINDOW_SECONDS', 60, 1),
    },
    cache: {
      enabled: flag(env, 'GATEWAY_CACHE', true),
      ttlSeconds: integer(env, 'GATEWAY_CACHE_TTL_SECONDS', 3600, 1),
    },
    coalesce: flag(env, 'GATEWAY_COALESCE', true),
    subgraphBatch: integer(env, 'GATEWAY_SUBGRAPH_BATCH', 8, 1, 30),
    engine: oneOf(env, 'GATEWAY_ENGINE', ['planner', 'stitching'], 'planner'),
    subscriptions: {
      perConnection: integer(env, 'GATEWAY_MAX_SUBSCRIPTIONS_PER_CONNECTION', 50, 1),
      perAddress: integer(env, 'GATEWAY_MAX_SUBSCRIPTIONS_PER_ADDRESS', 500, 1),
      connectionsPerAddress: integer(env, 'GATEWAY_MAX_CONNECTIONS_PER_ADDRESS', 100, 1),
    },
    trustProxy: proxyList(env, 'GATEWAY_TRUST_PROXY'),
    clientAddressSecret: secretOf(env, 'CLIENT_ADDRESS_SECRET', 16),
    logLevel,
  };
}
