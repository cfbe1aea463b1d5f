import path from 'node:path';
import { fileURLToPath } from 'node:url';
import proxyaddr from 'proxy-addr';

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
  /**
   * Express "trust proxy": which hops' `X-Forwarded-For` is believed. The client is the right-most address
   * not trusted (the gateway, the website and a proxy are hops; what they pass on names the visitor).
   */
  trustProxy: boolean | number | string;
  signInLimits: {
    /** Sign-in attempts per account per window that may fail (from any address). */
    perAccount: number;
    /** Different accounts whose sign-in failed from one client address per window (credential stuffing). */
    perAddress: number;
    windowSeconds: number;
  };
  /** Registration attempts per client address per window. */
  registrationLimits: { perAddress: number; windowSeconds: number };
  /** scrypt needs 128 MiB per hash at the default cost: how many run at once, and how many may wait. */
  passwordHashing: { concurrency: number; maxQueue: number };
  /** The CMS's base URL (its GraphQL is at /graphql): checks the CMS documents members and threads name. */
  cmsUrl: string;
  cmsTimeoutMs: number;
  /** Shared with the CMS, which sends it with its content events; unset: accepted from loopback only. */
  cmsWebhookSecret: string | undefined;
  /** Days after a workshop's end until its registrations are anonymised (privacy policy). */
  registrationRetentionDays: number;
  /** Shared with the CMS: its admin reads and changes workshop registrations through `/editor`. Unset: off. */
  editorSecret: string | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  mail: MailConfig;
}

/** Outgoing mail: where it goes, whom it is from, and how the outbox worker paces itself. */
export interface MailConfig {
  /** smtp:// or smtps:// with optional user:password@. Default: MailDev as `npm start` runs it. */
  smtpUrl: string;
  /** The From header: `Name <address>` or a bare address. */
  from: { name: string; address: string };
  /** The website's public address: every link in a mail starts with it. */
  websiteUrl: string;
  /** Whether the outbox worker runs in this process (off in the digest script's own process). */
  worker: boolean;
  /** How often the worker looks for due mails when nobody woke it, in ms. */
  pollMs: number;
  /** Attempts before a mail is given up (temporary failures only). */
  maxAttempts: number;
  /** First retry after this many ms; each next one waits twice as long, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long a worker may hold a claimed mail before another may take it, in seconds. */
  leaseSeconds: number;
  /** "Immediately" notifications are collected this long, so a busy thread is one mail. */
  collectSeconds: number;
  /** Mails claimed per round. */
  batchSize: number;
  /** How often the worker checks for due digests, in seconds (0: only `npm run digest`). */
  digestCheckSeconds: number;
  /** Reset and verification mails per account and per client address per window. */
  limits: { perAccount: number; perAddress: number; windowSeconds: number };
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

/** A shared secret: long enough that guessing it is hopeless. */
function secret(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = optional(env, name);
  if (raw !== undefined && raw.length < 16)
    throw new ConfigError(`${name} must be at least 16 characters long`);
  return raw;
}

/** FORUM_TRUST_PROXY as Express reads it: true/false, a hop count, or addresses, subnets and names. */
function trustProxy(env: NodeJS.ProcessEnv): ForumConfig['trustProxy'] {
  const raw = optional(env, 'FORUM_TRUST_PROXY') ?? 'loopback';
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw.split(',').map((entry) => entry.trim());
  try {
    proxyaddr.compile(list);
  } catch (error) {
    throw new ConfigError(
      `FORUM_TRUST_PROXY must be true, false, a hop count or a comma-separated list of addresses, subnets or loopback/linklocal/uniquelocal: ${(error as Error).message}`,
    );
  }
  return list.join(',');
}

/** `Name <address>` or `address`; anything else is refused at start rather than by the relay later. */
export function parseMailbox(raw: string, name = 'MAIL_FROM'): MailConfig['from'] {
  const match = /^\s*(?:"?([^"<>]*?)"?\s*<([^<>\s]+)>|([^<>\s]+))\s*$/.exec(raw);
  const address = match?.[2] ?? match?.[3];
  if (!match || !address || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) {
    throw new ConfigError(`${name} must be "Name <address@example.org>" or an address, got "${raw}"`);
  }
  return { name: (match[1] ?? '').trim(), address };
}

function mailConfig(env: NodeJS.ProcessEnv): MailConfig {
  const smtpUrl = url(env, 'SMTP_URL', ['smtp:', 'smtps:']) ?? 'smtp://127.0.0.1:1025';
  const websiteUrl = (url(env, 'WEBSITE_URL', ['http:', 'https:']) ?? 'http://127.0.0.1:3000').replace(
    /\/+$/,
    '',
  );
  const worker = optional(env, 'MAIL_WORKER') ?? 'true';
  if (worker !== 'true' && worker !== 'false') {
    throw new ConfigError(`MAIL_WORKER must be true or false, got "${worker}"`);
  }
  return {
    smtpUrl,
    from: parseMailbox(optional(env, 'MAIL_FROM') ?? 'Stadtnetz Integration <no-reply@stadtnetz.localhost>'),
    websiteUrl,
    worker: worker === 'true',
    pollMs: integer(env, 'MAIL_POLL_MS', 2000, 10, 600_000),
    maxAttempts: integer(env, 'MAIL_MAX_ATTEMPTS', 12, 1, 1000),
    retryBaseMs: integer(env, 'MAIL_RETRY_BASE_MS', 30_000, 1, 86_400_000),
    retryMaxMs: integer(env, 'MAIL_RETRY_MAX_MS', 6 * 3600_000, 1, 7 * 86_400_000),
    leaseSeconds: integer(env, 'MAIL_LEASE_SECONDS', 120, 1, 86_400),
    collectSeconds: integer(env, 'MAIL_COLLECT_SECONDS', 180, 0, 86_400),
    batchSize: integer(env, 'MAIL_BATCH_SIZE', 20, 1, 1000),
    digestCheckSeconds: integer(env, 'MAIL_DIGEST_CHECK_SECONDS', 900, 0, 86_400),
    limits: {
      perAccount: integer(env, 'MAIL_LIMIT_PER_ACCOUNT', 5, 1),
      perAddress: integer(env, 'MAIL_LIMIT_PER_ADDRESS', 20, 1),
      windowSeconds: integer(env, 'MAIL_LIMIT_WINDOW_SECONDS', 3600, 1),
    },
  };
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
    trustProxy: trustProxy(env),
    signInLimits: {
      perAccount: integer(env, 'FORUM_SIGNIN_LIMIT_PER_ACCOUNT', 5, 1),
      perAddress: integer(env, 'FORUM_SIGNIN_LIMIT_PER_ADDRESS', 30, 1),
      windowSeconds: integer(env, 'FORUM_SIGNIN_WINDOW_SECONDS', 15 * 60, 1),
    },
    registrationLimits: {
      perAddress: integer(env, 'FORUM_REGISTRATION_LIMIT_PER_ADDRESS', 20, 1),
      windowSeconds: integer(env, 'FORUM_REGISTRATION_WINDOW_SECONDS', 60 * 60, 1),
    },
    passwordHashing: {
      concurrency: integer(env, 'FORUM_PASSWORD_HASH_CONCURRENCY', 2, 1, 64),
      maxQueue: integer(env, 'FORUM_PASSWORD_HASH_QUEUE', 32, 0, 10_000),
    },
    cmsUrl: (url(env, 'CMS_URL', ['http:', 'https:']) ?? 'http://127.0.0.1:1337').replace(/\/+$/, ''),
    cmsTimeoutMs: integer(env, 'FORUM_CMS_TIMEOUT_MS', 5000, 100, 120_000),
    editorSecret: secret(env, 'FORUM_EDITOR_SECRET'),
    cmsWebhookSecret: secret(env, 'CMS_WEBHOOK_SECRET'),
    registrationRetentionDays: integer(env, 'FORUM_REGISTRATION_RETENTION_DAYS', 90, 0, 3650),
    logLevel,
    mail: mailConfig(env),
  };
}
