import type { Core } from '@strapi/strapi';
import type { GraphQLSchema } from 'graphql';
import { graphqlDraftGuard, queryFieldsOf } from '../drafts/draft-guard';
import { deadlinePlugin } from './deadline';
import { describeSchema } from './descriptions';
import { addUpdatedSince, mirroringResolvers, mirroringTypeDefs } from '../mirroring/mirroring';
import { noSubscriptionsPlugin } from './fragment-guard';
import { createFormatError } from './errors';
import { clampPaginationArguments, operationLimitsPlugin, pageLimits } from './operation-limits';
import { addApolloPlugin, plainFieldsPlugin } from './plain-fields';
import { projectListMiddleware } from '../project-list/project-list';
import { batchedRelationsConfig } from '../relations/batched-relations';
import { oneLocaleRelationsConfig } from '../relations/one-locale-relations';
import { searchResolvers, searchTypeDefs } from '../search/search.graphql';
import { similarResolvers, similarTypeDefs } from '../similar/similar-projects';
import { submissionResolvers, submissionTypeDefs } from '../submission/submission.graphql';
import {
  translationFieldPaths,
  translationResolvers,
  translationTypeDefs,
} from '../translation/translation.graphql';
import { feedbackResolvers, feedbackTypeDefs } from '../feedback/accessibility-feedback.graphql';
import { CONTENT_TYPE_UIDS, FEEDBACK_TYPE_UID, PAGE_TYPE_UIDS, settings } from '../settings';

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
  // The site's pages are single types: one query field each (`legalNotice`, …).
  for (const uid of PAGE_TYPE_UIDS) {
    const { info } = strapi.getModel(uid as never) as unknown as { info: { singularName: string } };
    config[`Query.${queryFieldsOf(info.singularName, info.singularName)[0]}`] = {
      middlewares: [graphqlDraftGuard],
    };
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
/**
 * Errors carry a code and never a stack trace (in every NODE_ENV); every operation passes the CMS's own limits
 * (aliases, cost, page sizes) and runs against a deadline.
 */
function guardGraphql(strapi: Core.Strapi): void {
  const key = 'plugin::graphql.apolloServer';
  const apolloServer = (strapi.config.get(key) ?? {}) as Record<string, unknown>;
  strapi.config.set(key, {
    ...apolloServer,
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError((error) => strapi.log.error(error)),
  });
  const limits = () => settings(strapi).graphqlLimits;
  addApolloPlugin(strapi, noSubscriptionsPlugin);
  addApolloPlugin(strapi, operationLimitsPlugin(strapi, limits));
  addApolloPlugin(strapi, {
    async serverWillStart({ schema }: { schema: GraphQLSchema }) {
      const wrapped = clampPaginationArguments(schema, () => pageLimits(strapi));
      strapi.log.debug(`GraphQL: ${wrapped} fields take clamped page sizes`);
    },
  });
  addApolloPlugin(
    strapi,
    deadlinePlugin(() => limits().timeoutMs),
  );
  // Descriptions for portal developers on Strapi's generated types, fields and arguments; `updatedSince` on the
  // public lists (mirroring).
  addApolloPlugin(strapi, {
    async serverWillStart({ schema }: { schema: GraphQLSchema }) {
      strapi.log.debug(`GraphQL: updatedSince on ${addUpdatedSince(schema)} lists`);
      strapi.log.debug(`GraphQL: ${describeSchema(schema)} descriptions set`);
    },
  });
}

export function registerGraphqlExtension(strapi: Core.Strapi): void {
  guardGraphql(strapi);
  // "Type.field" paths this extension gives a resolver or a resolver configuration; they keep Strapi's wrapper.
  const configured = new Set<string>();
  addApolloPlugin(
    strapi,
    plainFieldsPlugin(strapi, () => configured),
  );
  // Feedback is written through submitAccessibilityFeedback only; no generated query or mutation reads it.
  strapi.plugin('graphql').service('extension').shadowCRUD(FEEDBACK_TYPE_UID).disable();
  strapi
    .plugin('graphql')
    .service('extension')
    .use(() => {
      const feedback = feedbackResolvers(strapi);
      const search = searchResolvers(strapi);
      const similar = similarResolvers(strapi);
      const submission = submissionResolvers(strapi);
      const translation = translationResolvers(strapi);
      const mirroring = mirroringResolvers(strapi);
      const resolvers: Record<string, Record<string, unknown>> = {
        Query: { ...search.Query, ...submission.Query, ...mirroring.Query },
        Mutation: { ...submission.Mutation, ...feedback.Mutation },
        Project: { ...similar.Project, ...translation['Project'] },
        Workshop: { ...translation['Workshop'] },
        ActionField: { ...translation['ActionField'] },
      };
      const resolversConfig: Record<string, unknown> = {
        ...batchedRelationsConfig(strapi),
        ...oneLocaleRelationsConfig(strapi),
        ...draftGuardConfig(strapi),
        // Search reads what `projects` reads: the same permission.
        'Query.searchProjects': { auth: { scope: ['api::project.project.find'] } },
        'Project.similar': { auth: false },
        // Tombstones hold a type, a documentId and a moment of documents that were public: anyone may read them.
        'Query.removedDocuments': { auth: false },
        // A translation reads the same document's other localisation: whoever read the entry may read it.
        ...Object.fromEntries(translationFieldPaths.map((path) => [path, { auth: false }])),
        // These check the forum token themselves (UNAUTHENTICATED without a valid one).
        'Query.mySubmissions': { auth: false },
        'Mutation.submitProject': { auth: false },
        // Anyone may report a barrier (limited per client address).
        'Mutation.submitAccessibilityFeedback': { auth: false },
      };
      for (const [type, fields] of Object.entries(resolvers))
        for (const field of Object.keys(fields)) configured.add(`${type}.${field}`);
      for (const path of Object.keys(resolversConfig)) configured.add(path);
      return {
        typeDefs: [
          searchTypeDefs,
          similarTypeDefs,
          submissionTypeDefs,
          feedbackTypeDefs,
          translationTypeDefs,
          mirroringTypeDefs,
        ].join('\n'),
        resolvers,
        resolversConfig,
      };
    });
}
