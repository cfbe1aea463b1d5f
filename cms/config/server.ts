import { secretList } from './secrets';

export default ({ env }: { env: EnvFn }) => ({
  // Loopback unless told otherwise: the admin and the CMS's GraphQL are meant for editors and the gateway, not for
  // the network at large. The container image sets HOST=0.0.0.0 (its port is published on 127.0.0.1 only).
  host: env('HOST', '127.0.0.1'),
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
