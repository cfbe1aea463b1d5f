import { Supergraph } from '@apollo/federation-internals';
import { getStitchedSchemaFromSupergraphSdl } from '@graphql-tools/federation';
import type { Executor } from '@graphql-tools/utils';
import { filterSchema, pruneSchema } from '@graphql-tools/utils';
import {
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import type { ContentCache } from '../cache/content-cache.js';
import type { Metrics } from '../observability/metrics.js';
import { createForumSubscriptionExecutor } from './forum-subscriptions.js';
import { createHttpExecutor } from './http-executor.js';

export interface GatewaySchemaOptions {
  cmsUrl: string;
  forumUrl: string;
  timeoutMs: number;
  metrics: Metrics;
  /** Merge identical subgraph queries in flight (see http-executor.ts). */
  coalesce: boolean;
  cache?: ContentCache;
}

export interface GatewaySchema {
  schema: GraphQLSchema;
  dispose(): Promise<void>;
}

const fieldsOf = (type: GraphQLNamedType | undefined | null) =>
  type && (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))
    ? type.getFields()
    : undefined;

/**
 * Keeps exactly what the supergraph's API schema offers: no @inaccessible element (CMS write mutations,
 * users-permissions, upload internals), no `_entities`/`_service`, no join types. The final stitched schema is
 * filtered — filtering the subschemas instead silently breaks the joins between them.
 */
function restrictToApi(stitched: GraphQLSchema, api: GraphQLSchema): GraphQLSchema {
  const filtered = filterSchema({
    schema: stitched,
    typeFilter: (name) => name.startsWith('__') || api.getType(name) !== undefined,
    rootFieldFilter: (operation, field) => {
      const root =
        operation === 'Query'
          ? api.getQueryType()
          : operation === 'Mutation'
            ? api.getMutationType()
            : api.getSubscriptionType();
      return Boolean(root?.getFields()[field]);
    },
    objectFieldFilter: (type, field) => Boolean(fieldsOf(api.getType(type))?.[field]),
    interfaceFieldFilter: (type, field) => Boolean(fieldsOf(api.getType(type))?.[field]),
    inputObjectFieldFilter: (type, field) => Boolean(fieldsOf(api.getType(type))?.[field]),
  });
  return pruneSchema(filtered);
}

/** Builds the one public, executable schema from the supergraph: CMS over HTTP, forum over HTTP and WebSocket. */
export function buildGatewaySchema(supergraphSdl: string, options: GatewaySchemaOptions): GatewaySchema {
  let cmsSchema: GraphQLSchema | undefined;
  const forumSubscriptions = createForumSubscriptionExecutor(
    `${options.forumUrl.replace(/^http/, 'ws')}/graphql`,
  );
  const stitched = getStitchedSchemaFromSupergraphSdl({
    supergraphSdl,
    batch: true,
    onSubschemaConfig(config) {
      const name = config.name.toLowerCase();
      if (name === 'cms') {
        cmsSchema = config.schema;
        config.executor = createHttpExecutor(
          { name: 'cms', graphqlUrl: `${options.cmsUrl}/graphql` },
          {
            timeoutMs: options.timeoutMs,
            metrics: options.metrics,
            coalesce: options.coalesce,
            cache: options.cache ? { store: options.cache, schema: () => cmsSchema } : undefined,
          },
        );
      } else if (name === 'forum') {
        const http = createHttpExecutor(
          { name: 'forum', graphqlUrl: `${options.forumUrl}/graphql` },
          { timeoutMs: options.timeoutMs, metrics: options.metrics, coalesce: options.coalesce },
        );
        config.executor = ((request) =>
          request.operationType === 'subscription' ? forumSubscriptions(request) : http(request)) as Executor;
      } else {
        throw new Error(`The supergraph names a subgraph this gateway does not know: ${config.name}`);
      }
    },
  });
  const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  return { schema: restrictToApi(stitched, api), dispose: () => forumSubscriptions.dispose() };
}
