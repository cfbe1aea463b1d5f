import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Everything the forum reads from the environment, read once and checked at start. */
export interface ForumConfig {
  host: string;
  port: number;
  /** postgres://… — unset means embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Where embedded PGlite keeps its files; `memory://` keeps nothing (tests). */
  dataDir: string;
  /** Redis for live events and shared rate limits; unset means in-memory (one instance only). */
  redisUrl: string | undefined;
  /** Prefix of this forum's keys in Redis (rate limits), so several installations can share one Redis. */
  redisKeyPrefix: string;
  /** PKCS8 PEM or private JWK (Ed25519). Unset: the key is generated once and kept in the database. */
  jwtPrivateKey: string | undefined;
  tokenTtlSeconds: number;
  /** log2 of scrypt's cost parameter N for new password hashes. */
  passwordHashCost: number;
  /** E-mail addresses that become admins when they register. */
  adminEmails: ReadonlySet<string>;
  /** Express "trust proxy" setting, so the sign-in limiter sees the client's address behind the gateway. */
  trustProxy: string;
  signInLimits: { perAccount: number; perAddress: number; windowSeconds: number };
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function optional(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL: "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  }
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ForumConfig {
  const logLevel = (optional(env, 'LOG_LEVEL') ?? 'info') as ForumConfig['logLevel'];
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of debug, info, warn, error, silent; got "${logLevel}"`);
  }
  const dataDir = optional(env, 'FORUM_DATA_DIR') ?? path.join(packageRoot, '.data');
  return {
    host: optional(env, 'FORUM_HOST') ?? '127.0.0.1',
    port: integer(env, 'FORUM_PORT', 4001, 0, 65535),
    databaseUrl: url(env, 'FORUM_DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: dataDir === 'memory://' ? dataDir : path.resolve(dataDir),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisKeyPrefix: optional(env, 'FORUM_REDIS_PREFIX') ?? 'stadtnetz-forum',
    jwtPrivateKey: optional(env, 'FORUM_JWT_PRIVATE_KEY'),
    tokenTtlSeconds: integer(env, 'FORUM_TOKEN_TTL_SECONDS', 7 * 24 * 3600, 60),
    passwordHashCost: integer(env, 'FORUM_PASSWORD_HASH_COST', 17, 10, 20),
    adminEmails: new Set(
      (optional(env, 'FORUM_ADMIN_EMAILS') ?? '')
        .split(',')
        .map((email) => email.trim().toLowerCase())
        .filter(Boolean),
    ),
    trustProxy: optional(env, 'FORUM_TRUST_PROXY') ?? 'loopback',
    signInLimits: {
      perAccount: integer(env, 'FORUM_SIGNIN_LIMIT_PER_ACCOUNT', 5, 1),
      perAddress: integer(env, 'FORUM_SIGNIN_LIMIT_PER_ADDRESS', 30, 1),
      windowSeconds: integer(env, 'FORUM_SIGNIN_WINDOW_SECONDS', 15 * 60, 1),
    },
    logLevel,
  };
}
