import type { Core } from '@strapi/strapi';
import { graphqlDraftGuard, queryFieldsOf } from '../drafts/draft-guard';
import { batchedRelationsConfig } from '../relations/batched-relations';
import { searchResolvers, searchTypeDefs } from '../search/search.graphql';
import { similarResolvers, similarTypeDefs } from '../similar/similar-projects';
import { submissionResolvers, submissionTypeDefs } from '../submission/submission.graphql';
import { CONTENT_TYPE_UIDS } from '../settings';

function draftGuardConfig(strapi: Core.Strapi) {
  const config: Record<string, { middlewares: (typeof graphqlDraftGuard)[] }> = {};
  for (const uid of CONTENT_TYPE_UIDS) {
    const { info } = strapi.getModel(uid as never) as unknown as {
      info: { singularName: string; pluralName: string };
    };
    for (const field of queryFieldsOf(info.singularName, info.pluralName)) {
      config[`Query.${field}`] = { middlewares: [graphqlDraftGuard] };
    }
  }
  return config;
}

/** Everything the Stadtnetz features add to Strapi's generated GraphQL schema. */
export function registerGraphqlExtension(strapi: Core.Strapi): void {
  strapi
    .plugin('graphql')
    .service('extension')
    .use(() => {
      const search = searchResolvers(strapi);
      const similar = similarResolvers(strapi);
      const submission = submissionResolvers(strapi);
      return {
        typeDefs: [searchTypeDefs, similarTypeDefs, submissionTypeDefs].join('\n'),
        resolvers: {
          Query: { ...search.Query, ...submission.Query },
          Mutation: { ...submission.Mutation },
          Project: { ...similar.Project },
        },
        resolversConfig: {
          ...batchedRelationsConfig(strapi),
          ...draftGuardConfig(strapi),
          // Search reads what `projects` reads: the same permission.
          'Query.searchProjects': { auth: { scope: ['api::project.project.find'] } },
          'Project.similar': { auth: false },
          // These check the forum token themselves (UNAUTHENTICATED without a valid one).
          'Query.mySubmissions': { auth: false },
          'Mutation.submitProject': { auth: false },
        },
      };
    });
}
