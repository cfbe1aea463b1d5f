import { FixedBuffer, Repeater } from '@repeaterjs/repeater';
import { Kind, print, subscribe, visit, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { GatewayContext } from '../context.js';
import type { Metrics } from '../observability/metrics.js';

type Stream = AsyncIterableIterator<ExecutionResult>;

interface SharedStream {
  listeners: Set<{ push: (value: ExecutionResult) => Promise<unknown>; stop: () => void }>;
  source: Stream;
}

/**
 * Clients that subscribe with the same operation, variables and member share one stream: one upstream
 * subscription at the forum and one execution per event, whose result goes to all of them. Five thousand
 * readers of a thread cost the forum one subscriber, not five thousand.
 */
export function createSharedSubscribe(metrics: Metrics) {
  const streams = new Map<string, SharedStream>();

  return async function sharedSubscribe(args: ExecutionArgs): Promise<Stream | ExecutionResult> {
    // A subscription that first replays from a cursor (`after`) belongs to its one client: a client joining
    // an existing stream would miss the replay it asked for.
    if (replaysFromCursor(args)) {
      metrics.openSubscriptions.inc();
      const result = await subscribe(args);
      if (!(Symbol.asyncIterator in result)) {
        metrics.openSubscriptions.dec();
        return result;
      }
      return countWhileOpen(result as Stream, metrics);
    }
    const context = args.contextValue as GatewayContext;
    const key = [
      print(args.document),
      args.operationName ?? '',
      JSON.stringify(args.variableValues ?? {}),
      context.authorization ?? '',
    ].join('\u0000');
    let shared = streams.get(key);
    if (!shared) {
      const result = await subscribe(args);
      if (!(Symbol.asyncIterator in result)) return result; // an error: nothing to share
      const created: SharedStream = { listeners: new Set(), source: result as Stream };
      shared = created;
      streams.set(key, created);
      metrics.sharedUpstreamSubscriptions.set(streams.size);
      void (async () => {
        try {
          for await (const value of created.source) {
            // Never wait for the slowest reader: each has a buffer; one that overflows it is ended.
            for (const listener of created.listeners) listener.push(value).catch(() => listener.stop());
          }
        } catch (error) {
          const failure: ExecutionResult = {
            errors: [
              { message: (error as Error).message, extensions: { code: 'UPSTREAM_UNAVAILABLE' } } as never,
            ],
          };
          for (const listener of created.listeners) listener.push(failure).catch(() => undefined);
        } finally {
          if (streams.get(key) === created) streams.delete(key);
          metrics.sharedUpstreamSubscriptions.set(streams.size);
          for (const listener of created.listeners) listener.stop();
        }
      })();
    }
    const stream = shared;
    return new Repeater<ExecutionResult>(async (push, stop) => {
      const listener = { push, stop: () => stop() };
      stream.listeners.add(listener);
      metrics.openSubscriptions.inc();
      await stop;
      metrics.openSubscriptions.dec();
      stream.listeners.delete(listener);
      if (stream.listeners.size === 0 && streams.get(key) === stream) {
        streams.delete(key);
        metrics.sharedUpstreamSubscriptions.set(streams.size);
        await stream.source.return?.();
      }
    }, new FixedBuffer(256)) as unknown as Stream;
  };
}

function replaysFromCursor(args: ExecutionArgs) {
  let replays = false;
  visit(args.document, {
    Argument(node) {
      if (node.name.value !== 'after') return;
      if (node.value.kind === Kind.VARIABLE) {
        if (args.variableValues?.[node.value.name.value] != null) replays = true;
      } else if (node.value.kind !== Kind.NULL) {
        replays = true;
      }
    },
  });
  return replays;
}

async function* countWhileOpen(stream: Stream, metrics: Metrics): Stream {
  try {
    yield* stream;
  } finally {
    metrics.openSubscriptions.dec();
  }
}
