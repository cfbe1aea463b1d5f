import { createBatchingExecutor } from '@graphql-tools/batch-execute';
import {
  getOperationASTFromRequest,
  type ExecutionRequest,
  type ExecutionResult,
  type Executor,
} from '@graphql-tools/utils';
import type { GatewayContext } from '../context.js';

/** A batch answered as a whole with an error (it belongs to no one request): each is sent again on its own. */
class BatchFailedAsAWhole extends Error {
  override name = 'BatchFailedAsAWhole';
}

const failedAsAWhole = (result: ExecutionResult) =>
  result.data == null ||
  (result.errors ?? []).some(
    // A subgraph that is down or silent is so for each request: resending each alone would only wait again.
    (error) => !error.path && error.extensions?.['code'] !== 'UPSTREAM_UNAVAILABLE',
  );

export type SendToSubgraph = (request: ExecutionRequest) => Promise<ExecutionResult>;

/**
 * Anonymous queries for one subgraph that arrive within the same turn of the event loop — different clients'
 * different queries — go out as one HTTP request: their root fields aliased apart and their variables renamed
 * (graphql-tools' batch-execute), the answer split back. A subgraph's cost is mostly per request, not per field
 * (side by side: the CMS answers 3× the queries per second in batches of 8, the forum 2.7×), and portals send
 * many small, different queries. Each request still gets its own answer and its own errors; a batch that fails
 * as a whole (data null, or an error of no one request's, such as a limit the merged operation exceeds) is
 * sent again one request at a time, so no request fails for another's sake. Members' queries (their token) and
 * mutations go alone.
 */
export function batchAnonymousQueries(send: SendToSubgraph, maxBatchSize: number): SendToSubgraph {
  const originals = new WeakSet<ExecutionRequest>();
  const merged: Executor = async (request) => {
    const result = await send(request);
    // batch-execute hands a request that found no company through unchanged.
    if (!originals.has(request) && failedAsAWhole(result)) throw new BatchFailedAsAWhole();
    return result;
  };
  const batched = createBatchingExecutor(merged, {
    cache: false,
    maxBatchSize,
    // What arrives while this turn's I/O is read joins the batch; nothing waits on a timer.
    batchScheduleFn: (flush) => setImmediate(flush),
  });
  return async (request) => {
    const context = request.context as GatewayContext | undefined;
    const type = request.operationType ?? getOperationASTFromRequest(request)?.operation;
    if (type !== 'query' || context?.authorization) return send(request);
    originals.add(request);
    try {
      return (await batched(request)) as ExecutionResult;
    } catch (error) {
      if (error instanceof BatchFailedAsAWhole) return send(request);
      throw error;
    }
  };
}
