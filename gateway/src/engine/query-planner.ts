import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import type { ExecutionRequest, ExecutionResult, Executor } from '@graphql-tools/utils';
import { GraphQLError, buildASTSchema, parse, type GraphQLFormattedError } from 'graphql';

/**
 * Queries and mutations planned by Hive Router's query planner (Rust, native) and run by its plan executor;
 * every subgraph fetch of a plan goes through our own executors (deadlines, the member's token, request id,
 * cache, metrics). Plans are cached per document and operation. Subscriptions stay on the stitched schema.
 */
export async function createPlannedExecutor(
  supergraphSdl: string,
  subgraphs: Record<string, Executor>,
): Promise<(request: ExecutionRequest) => Promise<ExecutionResult>> {
  const handled = await unifiedGraphHandler({
    unifiedGraph: buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true }),
    getUnifiedGraphSDL: () => supergraphSdl,
    onSubgraphExecute: (subgraphName: string, request: ExecutionRequest) => {
      const executor = subgraphs[subgraphName.toLowerCase()];
      if (!executor) throw new Error(`The plan names a subgraph this gateway does not know: ${subgraphName}`);
      return executor(request);
    },
  });
  const executor = handled.executor;
  if (!executor) throw new Error('Hive Router gave no executor');
  return async (request) => asGraphQLResult((await executor(request)) as PlannedResult);
}

/**
 * The plan executor answers errors as plain objects and leaves `data` out when nothing resolved; Apollo wants
 * GraphQLErrors (or it reports each as an internal error) and `data: null`, as graphql-js gives them.
 */
/** What the plan executor gives: errors formatted, or GraphQLErrors where it created them itself. */
interface PlannedResult {
  data?: Record<string, unknown> | null;
  errors?: readonly (GraphQLError | GraphQLFormattedError)[];
  extensions?: Record<string, unknown>;
}

function asGraphQLResult({ errors, ...result }: PlannedResult): ExecutionResult {
  if (!errors?.length) return result;
  return {
    ...result,
    data: result.data ?? null,
    errors: errors.map((error) =>
      error instanceof GraphQLError
        ? error
        : new GraphQLError(error.message, {
            path: error.path,
            extensions: error.extensions,
          }),
    ),
  };
}
