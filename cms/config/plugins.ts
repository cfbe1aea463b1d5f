import { createRequire } from 'node:module';
import path from 'node:path';
import { secret } from './secrets';

/**
 * Two of Apollo Server's default plugins do work on each request that nobody reads here; the switches must come
 * from the Apollo Server copy Strapi uses.
 * - Inline traces (ftv1): Apollo sees `_service` and would add them to every response a gateway asks for.
 * - Cache control: a hook on every resolved field (some 400 for a page of 20 projects, with two LRU lookups
 *   each) to compute a cache policy from hints that this schema never gives; the answer was always `no-store`,
 *   which `noStoreHeader` keeps sending.
 */
function apolloDefaultsOff(): unknown[] {
  const fromGraphqlPlugin = createRequire(require.resolve('@strapi/plugin-graphql/package.json'));
  const disabled = fromGraphqlPlugin('@apollo/server/plugin/disabled');
  return [
    disabled.ApolloServerPluginInlineTraceDisabled(),
    disabled.ApolloServerPluginCacheControlDisabled(),
  ];
}

/** GraphQL answers are not to be stored by browsers or proxies (drafts for preview tokens, members' data). */
const noStoreHeader = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }: { response: { http: { headers: Map<string, string> } } }) {
        if (!response.http.headers.has('cache-control'))
          response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};

export default ({ env }: { env: EnvFn }) => ({
  graphql: {
    enabled: true,
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      // Explicit limits (Strapi's maxLimit is unbounded by default).
      defaultLimit: env.int('GRAPHQL_DEFAULT_LIMIT', 20),
      maxLimit: env.int('GRAPHQL_MAX_LIMIT', 100),
      depthLimit: env.int('GRAPHQL_DEPTH_LIMIT', 10),
      landingPage: env.bool('GRAPHQL_LANDING_PAGE', process.env.NODE_ENV !== 'production'),
      // Artifacts would be written into the source tree on every development start.
      generateArtifacts: false,
      apolloServer: { introspection: true, plugins: [...apolloDefaultsOff(), noStoreHeader] },
    },
  },
  'users-permissions': {
    config: {
      jwtSecret: secret('JWT_SECRET'),
    },
  },
  // Local plugin: makes the CMS an Apollo Federation 2 subgraph. Resolved from the compiled copy
  // (this file runs from dist/config).
  federation: {
    enabled: true,
    resolve: path.join(__dirname, '..', 'src', 'plugins', 'federation'),
  },
  'workshop-registrations': {
    enabled: true,
    resolve: path.join(__dirname, '..', 'src', 'plugins', 'workshop-registrations'),
  },
});
