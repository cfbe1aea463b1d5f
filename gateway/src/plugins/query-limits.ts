import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import type { GatewayConfig } from '../config.js';
import type { GatewayContext } from '../context.js';
import { costError } from '../guards/query-cost.js';
import { costOptions, limitCodeFor, limitRules, pageSizeError } from '../guards/query-limits.js';

/** Codes of refusals for what the client sent: such a request is answered 400, never 500. */
const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'QUERY_TOO_COMPLEX',
  'QUERY_TOO_LARGE',
  'TOO_MANY_DIRECTIVES',
  'PAGE_SIZE_TOO_LARGE',
  'OPERATION_RESOLUTION_FAILURE',
]);

export interface Operation {
  schema: GraphQLSchema;
  document: DocumentNode;
  variables: Record<string, unknown> | undefined;
  operationName: string | null | undefined;
}

export interface QueryLimits {
  /** For the parser: the token limit. */
  parseOptions: { maxTokens: number };
  /** Depth, aliases and directives, beside graphql's own rules. */
  validationRules: ValidationRule[];
  /** After validation: which operation to run, the page sizes, the cost (list sizes multiplied). */
  check(operation: Operation): GraphQLError | undefined;
  /**
   * Parse, validate and check an operation that arrives without Apollo (over WebSocket). A document this
   * schema has validated before is not parsed and validated again (Apollo keeps the same store for HTTP):
   * five thousand readers of a thread send one document. The checks that depend on the variables run
   * every time.
   */
  prepare(
    schema: GraphQLSchema,
    payload: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null },
  ): { document: DocumentNode } | { errors: GraphQLError[] };
  /** The same rules for Apollo (HTTP): the checks after validation, and 400 for refused input. */
  apolloPlugin: ApolloServerPlugin<GatewayContext>;
}

/** graphql-armor's rules throw when a limit is exceeded rather than report: either way, one error with a code. */
function codedValidationErrors(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.map(
    (error) =>
      new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
        nodes: error.nodes,
        extensions: { code: limitCodeFor(error.message) ?? 'GRAPHQL_VALIDATION_FAILED' },
      }),
  );
}

export function createQueryLimits(limits: GatewayConfig['limits']): QueryLimits {
  const cost = costOptions(limits);
  const validationRules = limitRules(limits);
  const allRules = [...specifiedRules, ...validationRules];
  // Per schema: a new supergraph validates afresh. Only documents that passed are kept.
  const validatedDocuments = new WeakMap<GraphQLSchema, LRUCache<string, DocumentNode>>();
  const validatedFor = (schema: GraphQLSchema) => {
    let documents = validatedDocuments.get(schema);
    if (!documents) validatedDocuments.set(schema, (documents = new LRUCache({ max: 1_000 })));
    return documents;
  };

  const check: QueryLimits['check'] = ({ schema, document, variables, operationName }) => {
    if (!getOperationAST(document, operationName ?? undefined)) {
      return new GraphQLError(
        operationName
          ? `Unknown operation named "${operationName.slice(0, 100)}"`
          : 'Must provide operation name if query contains multiple operations',
        { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
      );
    }
    return (
      pageSizeError(document, variables ?? {}, limits.maxPageSize) ??
      costError(schema, document, variables ?? {}, operationName, cost)
    );
  };

  function parseAndValidate(schema: GraphQLSchema, query: string): DocumentNode | { errors: GraphQLError[] } {
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: limits.maxTokens });
    } catch (error) {
      const message = (error as Error).message;
      return {
        errors: [
          new GraphQLError(message, {
            extensions: { code: limitCodeFor(message) ?? 'GRAPHQL_PARSE_FAILED' },
          }),
        ],
      };
    }
    let errors: readonly GraphQLError[];
    try {
      errors = validate(schema, document, allRules);
    } catch (error) {
      errors = [error instanceof GraphQLError ? error : new GraphQLError((error as Error).message)];
    }
    return errors.length > 0 ? { errors: codedValidationErrors(errors) } : document;
  }

  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules,
    check,
    prepare(schema, payload) {
      const validated = validatedFor(schema);
      const document = validated.get(payload.query) ?? parseAndValidate(schema, payload.query);
      if ('errors' in document) return document;
      validated.set(payload.query, document);
      const refused = check({
        schema,
        document,
        variables: payload.variables ?? undefined,
        operationName: payload.operationName,
      });
      return refused ? { errors: [refused] } : { document };
    },
    apolloPlugin: {
      async requestDidStart() {
        return {
          async didResolveOperation(requestContext) {
            const refused = check({
              schema: requestContext.schema,
              document: requestContext.document,
              variables: requestContext.request.variables,
              operationName: requestContext.request.operationName,
            });
            if (refused) throw refused;
          },
          async willSendResponse(requestContext) {
            // Refused before execution for what the client sent: the client's error (400), even when a guard
            // refused it while parsing, which Apollo would otherwise answer with 500.
            const body = requestContext.response.body;
            if (body.kind !== 'single') return;
            const { data, errors } = body.singleResult;
            if (
              data === undefined &&
              errors !== undefined &&
              errors.length > 0 &&
              errors.every((error) => CLIENT_ERROR_CODES.has(String(error.extensions?.['code'])))
            )
              requestContext.response.http.status = 400;
          },
        };
      },
    },
  };
}
