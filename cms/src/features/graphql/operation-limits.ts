import type { Core } from '@strapi/strapi';
import {
  GraphQLError,
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  visit,
  type DocumentNode,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimatorArgs } from 'graphql-query-complexity';
import type { GraphqlLimits } from '../settings';
import { MAX_SIMILAR } from '../similar/similar-projects';

/**
 * The CMS's own guards for every GraphQL operation, checked once the operation is parsed and validated and before
 * anything runs (the gateway has its own; these hold for whoever reaches the CMS directly):
 * - aliases per operation (TOO_MANY_ALIASES);
 * - an estimated cost that multiplies by the list sizes asked for — `pagination.limit` / `pageSize` (Strapi's
 *   default page size when none is given), `similar(limit)`, the representations of `_entities` — with an extra
 *   cost for the expensive fields `Project.similar` and `searchProjects` (QUERY_TOO_COMPLEX);
 * Page sizes are clamped (clampPagination) before any resolver sees them: see clampPaginationArguments.
 * Depth is Strapi's own rule (`depthLimit`); its error gets the code QUERY_TOO_DEEP in errors.ts.
 */

interface Pagination {
  page?: number | null;
  pageSize?: number | null;
  start?: number | null;
  limit?: number | null;
}

export interface PageLimits {
  defaultLimit: number;
  maxLimit: number;
}

function limitError(code: string, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  // Apollo answers errors from this stage with HTTP 500 unless told otherwise.
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status: 400 } } });
}

/**
 * A pagination argument as the CMS serves it: page sizes from 1 to the maximum, offsets from 0, pages from 1.
 * Strapi itself reads `limit: -1` as "as many as allowed" and 0 as 1; here -1, 0 and negative sizes mean the
 * default page size and sizes over the maximum mean the maximum, so no spelling returns more than a page asks
 * for. Shared by GraphQL and REST. Mixed page and offset pagination stays as it is (Strapi refuses it).
 */
export function clampPagination<T extends Pagination>(pagination: T, limits: PageLimits): T {
  const result: Pagination = { ...pagination };
  for (const key of ['limit', 'pageSize'] as const) {
    const value = result[key];
    if (value === undefined || value === null) continue;
    result[key] =
      !Number.isFinite(value) || value < 1
        ? limits.defaultLimit
        : Math.min(Math.floor(value), limits.maxLimit);
  }
  if (typeof result.start === 'number') result.start = Math.max(0, Math.floor(result.start));
  if (typeof result.page === 'number') result.page = Math.max(1, Math.floor(result.page));
  return result as T;
}

/** `similar(limit)` as served: 0 to MAX_SIMILAR, 5 when not given. */
export function clampSimilarLimit(limit: number | null | undefined): number {
  return Math.max(0, Math.min(limit ?? 5, MAX_SIMILAR));
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

function countAliases(document: DocumentNode, operationName?: string | null): number {
  let count = 0;
  for (const definition of document.definitions) {
    if (
      definition.kind === 'OperationDefinition' &&
      operationName &&
      definition.name?.value !== operationName
    )
      continue;
    visit(definition, {
      Field(node) {
        if (node.alias) count += 1;
      },
    });
  }
  return count;
}

export interface OperationCheck {
  document: DocumentNode;
  variables?: Record<string, unknown>;
  operationName?: string | null;
}

/** Throws the first limit the operation breaks; returns its estimated cost otherwise. */
export function checkOperation(
  schema: GraphQLSchema,
  { document, variables, operationName }: OperationCheck,
  limits: GraphqlLimits,
  pages: PageLimits,
): number {
  const aliases = countAliases(document, operationName);
  if (aliases > limits.maxAliases) {
    throw limitError(
      'TOO_MANY_ALIASES',
      `At most ${limits.maxAliases} aliases per operation (found ${aliases})`,
      {
        max: limits.maxAliases,
      },
    );
  }

  const estimator = ({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number => {
    const pagination = args.pagination as Pagination | undefined;
    let size = 1;
    let extra = 0;
    if (pagination) {
      const served = clampPagination(pagination, pages);
      size = served.limit ?? served.pageSize ?? pages.defaultLimit;
    } else if (field.name === 'similar' && type.name === 'Project') {
      size = clampSimilarLimit(args.limit as number | null | undefined);
    } else if (field.name === '_entities') {
      size = Array.isArray(args.representations) ? args.representations.length : 1;
    } else if (isList(field.type)) {
      size = pages.defaultLimit;
    }
    if (type.name === 'Project' && field.name === 'similar') extra = limits.similarCost;
    if (type.name === 'Query' && field.name === 'searchProjects') extra = limits.searchCost;
    const own = isCompositeType(getNamedType(field.type)) ? 1 : 0;
    return extra + Math.max(size, 0) * (own + childComplexity);
  };

  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operationName ?? undefined,
      estimators: [estimator],
    });
  } catch (error) {
    // Bad variables and the like: graphql-js's own execution reports them with its usual error.
    if (error instanceof GraphQLError && error.extensions?.code) throw error;
    return 0;
  }
  if (cost > limits.maxCost) {
    throw limitError(
      'QUERY_TOO_COMPLEX',
      `The query is too complex: estimated cost ${cost}, at most ${limits.maxCost} (list sizes multiply)`,
      { cost, max: limits.maxCost },
    );
  }
  return cost;
}

/** Page limits as Strapi's GraphQL plugin applies them (GRAPHQL_DEFAULT_LIMIT, GRAPHQL_MAX_LIMIT). */
export function pageLimits(strapi: Core.Strapi): PageLimits {
  const config = strapi.plugin('graphql').config as (key: string) => number;
  return { defaultLimit: config('defaultLimit'), maxLimit: config('maxLimit') };
}

/** The Apollo Server plugin running checkOperation on every operation. */
export function operationLimitsPlugin(strapi: Core.Strapi, limits: () => GraphqlLimits) {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({
          schema,
          document,
          request,
          operationName,
        }: {
          schema: GraphQLSchema;
          document: DocumentNode;
          request: { variables?: Record<string, unknown> };
          operationName?: string | null;
        }) {
          checkOperation(
            schema,
            { document, variables: request.variables, operationName },
            limits(),
            pageLimits(strapi),
          );
        },
      };
    },
  };
}

/**
 * Gives every field with a `pagination` argument (root lists, relation lists, searchProjects) and
 * `Project.similar` its arguments clamped before Strapi's resolver, our middlewares or the fast project list see
 * them, so all of them serve the same page. Runs once the schema is built (an Apollo plugin's serverWillStart).
 */
export function clampPaginationArguments(schema: GraphQLSchema, limits: () => PageLimits): number {
  let wrapped = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      if (field.args.some((arg) => arg.name === 'pagination')) {
        field.resolve = (parent, args, context, info) =>
          resolve(
            parent,
            args?.pagination
              ? { ...args, pagination: clampPagination(args.pagination as Pagination, limits()) }
              : args,
            context,
            info,
          );
        wrapped += 1;
      } else if (type.name === 'Project' && field.name === 'similar') {
        field.resolve = (parent, args, context, info) =>
          resolve(
            parent,
            { ...args, limit: clampSimilarLimit(args?.limit as number | null | undefined) },
            context,
            info,
          );
        wrapped += 1;
      }
    }
  }
  return wrapped;
}
