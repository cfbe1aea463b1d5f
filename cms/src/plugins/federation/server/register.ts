import type { Core } from '@strapi/strapi';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { resolveEntities, type Representation } from './entities';
import { toSubgraphSdl, type SubgraphOptions } from './subgraph-sdl';

/** GraphQL type name → content type; every one of them is an entity keyed by documentId. */
export const ENTITY_TYPES: Readonly<Record<string, string>> = {
  Project: 'api::project.project',
  Workshop: 'api::workshop.workshop',
  City: 'api::city.city',
  ActionField: 'api::action-field.action-field',
  Organisation: 'api::organisation.organisation',
};

export const SUBGRAPH_OPTIONS: SubgraphOptions = {
  entityTypes: Object.keys(ENTITY_TYPES),
  publicMutations: ['submitProject', 'submitAccessibilityFeedback'],
  hiddenQueryField: (name) =>
    name === 'me' ||
    name.startsWith('usersPermissions') ||
    name.startsWith('uploadFile') ||
    name.startsWith('uploadFolder') ||
    name.startsWith('reviewWorkflows') ||
    name.startsWith('contentReleases'),
  // users-permissions' `me` and `resetPassword`: the forum owns the public fields of these names (members, their passwords).
  omittedFields: ['Query.me', 'Mutation.resetPassword'],
  hiddenFields: [
    'UploadFile.provider',
    'UploadFile.provider_metadata',
    'UploadFile.related',
    'UploadFile.related_connection',
    'UploadFileFiltersInput.provider',
    'UploadFileFiltersInput.provider_metadata',
  ],
};

const typeDefs = /* GraphQL */ `
  scalar _Any

  union _Entity = ${Object.keys(ENTITY_TYPES).join(' | ')}

  type _Service {
    sdl: String
  }

  extend type Query {
    _service: _Service!
    _entities(representations: [_Any!]!): [_Entity]!
  }
`;

/** Caps one `_entities` call; a gateway batches per request, so this is generous. */
const MAX_REPRESENTATIONS = 1000;

export function registerFederation(strapi: Core.Strapi): void {
  let cachedSdl: string | null = null;
  strapi
    .plugin('graphql')
    .service('extension')
    .use(() => ({
      typeDefs,
      resolvers: {
        _Entity: {
          __resolveType: (value: { __typename?: string }) => value.__typename ?? null,
        },
        Query: {
          // The schema does not change while Strapi runs; print it once.
          _service: (_parent: unknown, _args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
            cachedSdl ??= toSubgraphSdl(info.schema, SUBGRAPH_OPTIONS);
            return { sdl: cachedSdl };
          },
          _entities: (_parent: unknown, args: { representations: Representation[] }) => {
            if (args.representations.length > MAX_REPRESENTATIONS) {
              throw new GraphQLError(`At most ${MAX_REPRESENTATIONS} representations per request`, {
                extensions: { code: 'BAD_USER_INPUT', field: 'representations', max: MAX_REPRESENTATIONS },
              });
            }
            return resolveEntities(strapi, ENTITY_TYPES, args.representations);
          },
        },
      },
      resolversConfig: {
        // The gateway calls these without a user; _entities only returns published content.
        'Query._service': { auth: false },
        'Query._entities': { auth: false },
      },
    }));
}
