import { Supergraph } from '@apollo/federation-internals';
import { getStitchedSchemaFromSupergraphSdl } from '@graphql-tools/federation';
import type { ExecutionRequest, ExecutionResult, Executor } from '@graphql-tools/utils';
import { filterSchema, pruneSchema } from '@graphql-tools/utils';
import {
  Kind,
  execute,
  getOperationAST,
  getVariableValues,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type DocumentNode,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import type { ContentCache } from '../cache/content-cache.js';
import type { Metrics } from '../observability/metrics.js';
import { createForumSubscriptionExecutor } from './forum-subscriptions.js';
import { createHttpExecutor, type HttpExecutor } from './http-executor.js';
import { createPlannedExecutor } from './query-planner.js';

export interface GatewaySchemaOptions {
  cmsUrl: string;
  forumUrl: string;
  timeoutMs: number;
  metrics: Metrics;
  /** Merge identical subgraph queries in flight (see http-executor.ts). */
  coalesce: boolean;
  /** Anonymous queries arriving together, sent to a subgraph in one request (see subgraph-batching.ts). */
  subgraphBatch: number;
  /** What plans and runs queries and mutations (`GATEWAY_ENGINE`). */
  engine: 'planner' | 'stitching';
  cache?: ContentCache;
}

export interface GatewaySchema {
  schema: GraphQLSchema;
  /**
   * Runs a query or mutation: planned by Hive Router's query planner (engine `planner`), or through the
   * stitched schema (engine `stitching`). Subscriptions always run on the stitched schema.
   */
  execute(request: ExecutionRequest): Promise<ExecutionResult>;
  dispose(): Promise<void>;
}

/** Introspection, answered from our own API schema (the planner's schema would show internal types). */
function isIntrospection(document: DocumentNode): boolean {
  return document.definitions.every(
    (definition) =>
      definition.kind !== Kind.OPERATION_DEFINITION ||
      definition.selectionSet.selections.every(
        (selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith('__'),
      ),
  );
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
export async function buildGatewaySchema(
  supergraphSdl: string,
  options: GatewaySchemaOptions,
): Promise<GatewaySchema> {
  let cmsSchema: GraphQLSchema | undefined;
  const executors: Record<string, HttpExecutor> = {};
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
        config.executor = executors['cms'] = createHttpExecutor(
          { name: 'cms', graphqlUrl: `${options.cmsUrl}/graphql` },
          {
            timeoutMs: options.timeoutMs,
            metrics: options.metrics,
            coalesce: options.coalesce,
            batchSize: options.subgraphBatch,
            cache: options.cache ? { store: options.cache, schema: () => cmsSchema } : undefined,
          },
        );
      } else if (name === 'forum') {
        const http = (executors['forum'] = createHttpExecutor(
          { name: 'forum', graphqlUrl: `${options.forumUrl}/graphql` },
          {
            timeoutMs: options.timeoutMs,
            metrics: options.metrics,
            coalesce: options.coalesce,
            batchSize: options.subgraphBatch,
          },
        ));
        config.executor = ((request) =>
          request.operationType === 'subscription' ? forumSubscriptions(request) : http(request)) as Executor;
      } else {
        throw new Error(`The supergraph names a subgraph this gateway does not know: ${config.name}`);
      }
    },
  });
  const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  const schema = restrictToApi(stitched, api);
  // `execute` answers synchronously when nothing needs waiting for (introspection); always a promise.
  const throughStitching = async (request: ExecutionRequest) =>
    (await execute({
      schema,
      document: request.document,
      contextValue: request.context,
      variableValues: request.variables,
      operationName: request.operationName,
    })) as ExecutionResult;
  const planner =
    options.engine === 'planner' ? await createPlannedExecutor(supergraphSdl, executors) : undefined;
  /**
   * The plan executor takes variables as given: coerce them first, as graphql-js's execute does, so a missing
   * or wrong-typed variable is the client's error (and the subgraphs get proper values), never a crash.
   */
  const planned = async (request: ExecutionRequest): Promise<ExecutionResult> => {
    const operation = getOperationAST(request.document, request.operationName);
    if (!operation || !planner) return throughStitching(request);
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, {
      maxErrors: 50,
    });
    if (coerced.errors) return { errors: coerced.errors };
    return planner({ ...request, variables: coerced.coerced });
  };
  return {
    schema,
    execute: (request) =>
      planner && !isIntrospection(request.document) ? planned(request) : throughStitching(request),
    async dispose() {
      await forumSubscriptions.dispose();
      await Promise.all(Object.values(executors).map((executor) => executor.close()));
    },
  };
}
