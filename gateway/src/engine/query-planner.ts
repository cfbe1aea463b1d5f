import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import type { ExecutionRequest, ExecutionResult, Executor } from '@graphql-tools/utils';
import { buildASTSchema, parse } from 'graphql';

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
  return async (request) => (await executor(request)) as ExecutionResult;
}
