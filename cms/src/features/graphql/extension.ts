import type { Core } from '@strapi/strapi';
import type { GraphQLSchema } from 'graphql';
import { graphqlDraftGuard, queryFieldsOf } from '../drafts/draft-guard';
import { addApolloPlugin, plainFieldsPlugin } from './plain-fields';
import { projectListMiddleware } from '../project-list/project-list';
import { batchedRelationsConfig, servePreloadedRelations } from '../relations/batched-relations';
import { searchResolvers, searchTypeDefs } from '../search/search.graphql';
import { similarResolvers, similarTypeDefs } from '../similar/similar-projects';
import { submissionResolvers, submissionTypeDefs } from '../submission/submission.graphql';
import { CONTENT_TYPE_UIDS, settings } from '../settings';

type Middlewares = { middlewares: unknown[] };

function draftGuardConfig(strapi: Core.Strapi) {
  const config: Record<string, Middlewares> = {};
  for (const uid of CONTENT_TYPE_UIDS) {
    const { info } = strapi.getModel(uid as never) as unknown as {
      info: { singularName: string; pluralName: string };
    };
    for (const field of queryFieldsOf(info.singularName, info.pluralName)) {
      config[`Query.${field}`] = { middlewares: [graphqlDraftGuard] };
    }
  }
  // The public project list's fast path runs after the guard (Strapi merges configs of one field by array
  // index, so both go in one list).
  const enabled = () => settings(strapi).projectListFastPath;
  config['Query.projects']?.middlewares.push(projectListMiddleware(strapi, { enabled }));
  config['Query.projects_connection']?.middlewares.push(
    projectListMiddleware(strapi, { enabled, connection: true }),
  );
  return config;
}

/** Everything the Stadtnetz features add to Strapi's generated GraphQL schema. */
export function registerGraphqlExtension(strapi: Core.Strapi): void {
  // "Type.field" paths this extension gives a resolver or a resolver configuration; they keep Strapi's wrapper.
  const configured = new Set<string>();
  addApolloPlugin(
    strapi,
    plainFieldsPlugin(strapi, () => configured),
  );
  // Relation fields answer from relations their entries brought along (the fast project list).
  addApolloPlugin(strapi, {
    async serverWillStart({ schema }: { schema: GraphQLSchema }) {
      const served = servePreloadedRelations(schema);
      strapi.log.debug(`GraphQL: ${served.length} relation fields answer from preloaded relations`);
    },
  });
  strapi
    .plugin('graphql')
    .service('extension')
    .use(() => {
      const search = searchResolvers(strapi);
      const similar = similarResolvers(strapi);
      const submission = submissionResolvers(strapi);
      const resolvers: Record<string, Record<string, unknown>> = {
        Query: { ...search.Query, ...submission.Query },
        Mutation: { ...submission.Mutation },
        Project: { ...similar.Project },
      };
      const resolversConfig: Record<string, unknown> = {
        ...batchedRelationsConfig(strapi),
        ...draftGuardConfig(strapi),
        // Search reads what `projects` reads: the same permission.
        'Query.searchProjects': { auth: { scope: ['api::project.project.find'] } },
        'Project.similar': { auth: false },
        // These check the forum token themselves (UNAUTHENTICATED without a valid one).
        'Query.mySubmissions': { auth: false },
        'Mutation.submitProject': { auth: false },
      };
      for (const [type, fields] of Object.entries(resolvers))
        for (const field of Object.keys(fields)) configured.add(`${type}.${field}`);
      for (const path of Object.keys(resolversConfig)) configured.add(path);
      return {
        typeDefs: [searchTypeDefs, similarTypeDefs, submissionTypeDefs].join('\n'),
        resolvers,
        resolversConfig,
      };
    });
}
