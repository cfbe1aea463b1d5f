/** Settings of the Stadtnetz features (submissions, webhooks, seeding); read once at start. */
export default ({ env }: { env: EnvFn }) => {
  const forumUrl = env('FORUM_URL', 'http://127.0.0.1:4001').replace(/\/+$/, '');
  return {
    forumUrl,
    forumJwksUrl: env('FORUM_JWKS_URL', `${forumUrl}/.well-known/jwks.json`),
    tokenIssuer: env('FORUM_TOKEN_ISSUER', 'stadtnetz-forum'),
    tokenAudience: env('FORUM_TOKEN_AUDIENCE', 'stadtnetz'),
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
    admin: {
      email: env('ADMIN_EMAIL', ''),
      password: env('ADMIN_PASSWORD', ''),
      firstname: env('ADMIN_FIRSTNAME', 'Stadtnetz'),
      lastname: env('ADMIN_LASTNAME', 'Admin'),
    },
  };
};
