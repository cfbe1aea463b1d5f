import { createRequire } from 'node:module';
import path from 'node:path';
import { secret } from './secrets';

/**
 * Apollo Server sees `_service` and would add inline traces (ftv1) to every response a gateway asks it for:
 * work on each request that nobody reads here. The plugin must come from the Apollo Server copy Strapi uses.
 */
function inlineTraceDisabled(): unknown {
  const fromGraphqlPlugin = createRequire(require.resolve('@strapi/plugin-graphql/package.json'));
  return fromGraphqlPlugin('@apollo/server/plugin/disabled').ApolloServerPluginInlineTraceDisabled();
}

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
      apolloServer: { introspection: true, plugins: [inlineTraceDisabled()] },
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
});
