/** A whole number from the environment within bounds; anything else stops the start with a clear message. */
function integer(
  env: EnvFn,
  name: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = env(name, '').trim();
  if (raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}

/** An http(s) address without a trailing slash; anything else stops the start. */
function httpUrl(env: EnvFn, name: string, fallback: string): string {
  const raw = env(name, fallback).trim().replace(/\/+$/, '');
  if (raw === '') return '';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must be an http(s) address, not "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`${name} must be an http(s) address, not "${raw}"`);
  return raw;
}

/** A shared secret: empty (the feature is off) or at least 16 characters. */
function sharedSecret(env: EnvFn, name: string): string {
  const value = env(name, '');
  if (value !== '' && value.length < 16) throw new Error(`${name} must have at least 16 characters`);
  return value;
}

/** Settings of the Stadtnetz features (submissions, webhooks, seeding, GraphQL limits); read once at start. */
export default ({ env }: { env: EnvFn }) => {
  const forumUrl = env('FORUM_URL', 'http://127.0.0.1:4001').replace(/\/+$/, '');
  return {
    forumUrl,
    forumJwksUrl: env('FORUM_JWKS_URL', `${forumUrl}/.well-known/jwks.json`),
    // Shared with the forum: the admin's workshop registrations are read and changed through its editor API.
    forumEditorSecret: sharedSecret(env, 'FORUM_EDITOR_SECRET'),
    submissionRateLimit: {
      points: env.int('SUBMISSION_RATE_LIMIT', 5),
      durationSeconds: env.int('SUBMISSION_RATE_WINDOW_SECONDS', 3600),
    },
    redisUrl: env('REDIS_URL', ''),
    contentWebhookUrls: env('CMS_CONTENT_WEBHOOK_URLS', '')
      .split(',')
      .map((url) => url.trim())
      .filter(Boolean),
    webhookTimeoutMs: env.int('CMS_CONTENT_WEBHOOK_TIMEOUT_MS', 3000),
    webhookSecret: env('CMS_WEBHOOK_SECRET', ''),
    seedDemo: env.bool('SEED_DEMO', false),
    projectListFastPath: env.bool('CMS_PROJECT_LIST_FAST_PATH', true),
    // The CMS's own GraphQL guards (the gateway has its own; these hold for anyone who reaches port 1337).
    graphqlLimits: {
      maxAliases: integer(env, 'GRAPHQL_MAX_ALIASES', 30, 1),
      maxCost: integer(env, 'GRAPHQL_MAX_COST', 200_000, 100),
      similarCost: integer(env, 'GRAPHQL_COST_SIMILAR', 100, 0),
      searchCost: integer(env, 'GRAPHQL_COST_SEARCH', 100, 0),
      timeoutMs: integer(env, 'GRAPHQL_TIMEOUT_MS', 5000, 100, 600_000),
    },
    admin: {
      email: env('ADMIN_EMAIL', ''),
      password: env('ADMIN_PASSWORD', ''),
      firstname: env('ADMIN_FIRSTNAME', 'Stadtnetz'),
      lastname: env('ADMIN_LASTNAME', 'Admin'),
    },
    // The everyday account: the Editor role (content and media, no roles, plugins or settings).
    editor: {
      email: env('EDITOR_EMAIL', ''),
      password: env('EDITOR_PASSWORD', ''),
      firstname: env('EDITOR_FIRSTNAME', 'Stadtnetz'),
      lastname: env('EDITOR_LASTNAME', 'Redaktion'),
    },
    preview: {
      websiteUrl: httpUrl(env, 'WEBSITE_URL', 'http://127.0.0.1:3000'),
      secret: sharedSecret(env, 'PREVIEW_SECRET'),
      ttlSeconds: integer(env, 'PREVIEW_TTL_SECONDS', 3600, 60, 7 * 86_400),
    },
  };
};
