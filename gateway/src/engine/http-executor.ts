import { createHash } from 'node:crypto';
import { Pool } from 'undici';
import type { ExecutionRequest, ExecutionResult, Executor } from '@graphql-tools/utils';
import {
  GraphQLError,
  TypeInfo,
  getNamedType,
  print,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { ContentCache } from '../cache/content-cache.js';
import type { GatewayContext } from '../context.js';
import type { Metrics } from '../observability/metrics.js';
import { batchAnonymousQueries } from './subgraph-batching.js';

export interface Upstream {
  name: 'cms' | 'forum';
  graphqlUrl: string;
}

export const upstreamUnavailable = (service: string, detail: string) =>
  new GraphQLError(`The ${service} service is unavailable`, {
    extensions: { code: 'UPSTREAM_UNAVAILABLE', service, detail },
  });

/** The content types the CMS announces changes of; cached answers are tagged with them. */
export const CONTENT_TYPES = [
  'Project',
  'Workshop',
  'City',
  'ActionField',
  'Organisation',
  // The site's pages (single types): an editor's change shows at once too.
  'LegalNotice',
  'PrivacyPolicy',
  'AccessibilityStatement',
  'EasyLanguage',
  // The open data licence (the website's exports and catalogue).
  'OpenData',
];

/** The types whose documents leave tombstones in the CMS (its removedDocuments). */
const REMOVABLE_TYPES = ['Project', 'Workshop', 'City', 'ActionField', 'Organisation'];

const printed = new WeakMap<DocumentNode, string>();
const printOnce = (document: DocumentNode) => {
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
};

/** Which content types an operation reads, walking it with the subgraph's schema. */
export function contentTypesRead(document: DocumentNode, schema: GraphQLSchema): string[] {
  const typeInfo = new TypeInfo(schema);
  const found = new Set<string>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const type = typeInfo.getType();
        const name = type && getNamedType(type).name;
        if (name && CONTENT_TYPES.includes(name)) found.add(name);
        // Tombstones (removedDocuments) change whenever a document of ours is unpublished or deleted.
        if (name === 'RemovedDocument') for (const removable of REMOVABLE_TYPES) found.add(removable);
      },
      InlineFragment(node) {
        const name = node.typeCondition?.name.value;
        if (name && CONTENT_TYPES.includes(name)) found.add(name);
      },
    }),
  );
  return [...found].sort();
}

export interface HttpExecutorOptions {
  timeoutMs: number;
  metrics: Metrics;
  /**
   * Identical queries in flight at the same moment, for the same member, share one subgraph request (the one
   * place requests are merged). Off for engine benchmarks, where every request must do its own work.
   */
  coalesce: boolean;
  /**
   * Anonymous queries arriving together go to the subgraph in one request, this many at most (see
   * subgraph-batching.ts); 1: each alone.
   */
  batchSize: number;
  /** Given for the CMS: anonymous queries are answered from the cache when possible. */
  cache?: { store: ContentCache; schema: () => GraphQLSchema | undefined };
}

/**
 * Sends one delegated operation to a subgraph over HTTP, with the member's token, the request id and a
 * deadline. A subgraph that is down, slow or answering garbage becomes an `UPSTREAM_UNAVAILABLE` error on
 * the fields it owes, never an exception that would take the whole response down.
 */
class UpstreamTimeout extends Error {
  override name = 'UpstreamTimeout';
}

/** An executor for one subgraph, and `close` for its connections (when the schema it serves is replaced). */
export type HttpExecutor = Executor & { close(): Promise<void> };

export function createHttpExecutor(upstream: Upstream, options: HttpExecutorOptions): HttpExecutor {
  // undici's pool directly (Node's fetch is undici under web streams, whose cost showed in the profiles).
  const target = new URL(upstream.graphqlUrl);
  const graphqlPath = `${target.pathname}${target.search}`;
  const pool = new Pool(target.origin, { connections: 128, keepAliveTimeout: 10_000 });
  /** One HTTP exchange with the subgraph. */
  const post = async (request: ExecutionRequest): Promise<ExecutionResult> => {
    const context = request.context as GatewayContext | undefined;
    const body = JSON.stringify({
      query: printOnce(request.document),
      variables: request.variables,
      operationName: request.operationName,
    });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
    };
    if (context?.authorization) headers['authorization'] = context.authorization;
    if (context?.requestId) headers['x-request-id'] = context.requestId;
    if (context?.clientAddress) headers['x-forwarded-for'] = context.clientAddress;

    const stopTimer = options.metrics.upstreamDuration.startTimer({ upstream: upstream.name });
    let result: ExecutionResult;
    // One deadline for the whole exchange; at it the request is aborted and its connection closed.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new UpstreamTimeout()), options.timeoutMs);
    try {
      const response = await pool.request({
        path: graphqlPath,
        method: 'POST',
        headers,
        body,
        signal: deadline.signal,
      });
      if (response.statusCode >= 500 && response.statusCode !== 503) {
        // A GraphQL server may still answer a JSON body with errors; anything else is an outage.
        const text = await response.body.text();
        try {
          result = JSON.parse(text) as ExecutionResult;
        } catch {
          throw new Error(`HTTP ${response.statusCode}`);
        }
      } else if (response.statusCode === 503) {
        await response.body.dump();
        throw new Error('HTTP 503');
      } else {
        result = (await response.body.json()) as ExecutionResult;
      }
      stopTimer({ outcome: 'ok' });
    } catch (error) {
      const detail =
        error instanceof UpstreamTimeout
          ? `no answer within ${options.timeoutMs} ms`
          : (error as Error).message;
      stopTimer({ outcome: 'unavailable' });
      options.metrics.upstreamErrors.inc({ upstream: upstream.name });
      return { errors: [upstreamUnavailable(upstream.name, detail)] };
    } finally {
      clearTimeout(timer);
    }
    return result;
  };
  const send = options.batchSize > 1 ? batchAnonymousQueries(post, options.batchSize) : post;

  const execute = async (request: ExecutionRequest): Promise<ExecutionResult> => {
    const context = request.context as GatewayContext | undefined;
    const isQuery = request.operationType === 'query' || /^\s*(query\b|\{)/.test(printOnce(request.document));
    const cache = options.cache && isQuery && !context?.authorization ? options.cache : undefined;
    if (!cache) return send(request);

    const cacheKey = createHash('sha256')
      .update(
        JSON.stringify({
          query: printOnce(request.document),
          variables: request.variables,
          operationName: request.operationName,
        }),
      )
      .digest('base64url');
    const hit = await cache.store.get(cacheKey).catch(() => undefined);
    if (hit) {
      options.metrics.cacheLookups.inc({ result: 'hit' });
      return hit;
    }
    options.metrics.cacheLookups.inc({ result: 'miss' });
    const schema = cache.schema();
    let tags = schema ? contentTypesRead(request.document, schema) : CONTENT_TYPES;
    if (tags.length === 0) tags = ['other'];
    const epoch = await cache.store.epoch(tags).catch(() => 'unknown');
    const result = await send(request);
    if (!result.errors?.length) await cache.store.set(cacheKey, result, tags, epoch).catch(() => undefined);
    return result;
  };

  const close = () => pool.close();
  if (!options.coalesce) return Object.assign(execute, { close });
  const inFlight = new Map<string, Promise<ExecutionResult>>();
  const coalesced = (request: ExecutionRequest) => {
    if (request.operationType !== 'query') return execute(request);
    const context = request.context as GatewayContext | undefined;
    const key = [
      context?.authorization ?? '',
      printOnce(request.document),
      JSON.stringify(request.variables ?? {}),
    ].join('\u0000');
    let pending = inFlight.get(key);
    if (!pending) {
      pending = execute(request).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending;
  };
  return Object.assign(coalesced, { close });
}
