import { secretList } from './secrets';

export default ({ env }: { env: EnvFn }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  app: {
    keys: secretList('APP_KEYS'),
  },
  // No outbound calls: the update check would contact the registry on every start.
  logger: { updates: { enabled: false }, startup: { enabled: env.bool('STRAPI_STARTUP_LOG', true) } },
  webhooks: {
    populateRelations: false,
  },
});
