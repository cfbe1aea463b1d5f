import {
  GraphQLError,
  Kind,
  createSourceEventStream,
  execute,
  print,
  subscribe as executeSubscription,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';

export type SubscriptionStream = AsyncIterableIterator<ExecutionResult>;
type Subscribe = (args: ExecutionArgs) => Promise<SubscriptionStream | ExecutionResult>;

export interface SharedSubscribeOptions {
  /**
   * Which clients may share a stream: those whose operations get the same key. `undefined` gives the
   * client a stream of its own (for instance one that first replays from a cursor).
   */
  keyOf(args: ExecutionArgs): string | undefined;
  /** Runs the subscription once per stream; graphql-js's `subscribe` by default. */
  subscribe?: (args: ExecutionArgs) => unknown;
  /** Events a slow client may fall behind before its subscription is ended (it resubscribes). */
  bufferSize?: number;
  /** What every client of a stream receives when its source fails. */
  failureResult?(error: unknown): ExecutionResult;
  /** Called with +1 when a client's subscription opens and -1 when it ends (for a gauge). */
  onClientCountChange?(delta: 1 | -1): void;
  /** Called with the number of shared sources whenever it changes (for a gauge). */
  onSharedSourceCount?(count: number): void;
}

interface SharedSource {
  listeners: Set<ClientStream>;
  stream: SubscriptionStream;
  ended: boolean;
}

const isStream = (result: unknown): result is SubscriptionStream =>
  typeof result === 'object' && result !== null && Symbol.asyncIterator in result;

/**
 * Clients that subscribe with the same key share one source: the subscription runs once, each event is
 * executed once, and the one result goes to all of them. Five thousand readers of a thread cost one
 * subscriber, not five thousand. Every client has its own buffer, so the slowest never holds up the rest.
 */
export function createSharedSubscribe(options: SharedSubscribeOptions): Subscribe {
  const run = (options.subscribe ?? executeSubscription) as (args: ExecutionArgs) => unknown;
  const bufferSize = options.bufferSize ?? 256;
  const failureResult =
    options.failureResult ??
    ((error: unknown): ExecutionResult => ({
      errors: [new GraphQLError(error instanceof Error ? error.message : String(error))],
    }));
  const countClient = options.onClientCountChange ?? (() => undefined);
  const reportSources = options.onSharedSourceCount ?? (() => undefined);
  // A pending entry is a promise, so clients that arrive together while the source starts join it
  // instead of each starting (and leaking) one of their own.
  const sources = new Map<string, Promise<SharedSource | ExecutionResult>>();

  async function own(args: ExecutionArgs): Promise<SubscriptionStream | ExecutionResult> {
    const result = await run(args);
    if (!isStream(result)) return result as ExecutionResult;
    countClient(1);
    return countWhileOpen(result, () => countClient(-1));
  }

  function start(key: string, args: ExecutionArgs) {
    const entry: Promise<SharedSource | ExecutionResult> = Promise.resolve(args)
      .then(run)
      .then((result) => {
        if (!isStream(result)) return result as ExecutionResult;
        const source: SharedSource = { listeners: new Set(), stream: result, ended: false };
        void pump(key, entry, source);
        return source;
      });
    // A failed start is not shared: the next client tries afresh.
    const forget = () => {
      if (sources.get(key) === entry) sources.delete(key);
      reportSources(sources.size);
    };
    entry.then((result) => 'listeners' in result || forget(), forget);
    sources.set(key, entry);
    reportSources(sources.size);
    return entry;
  }

  async function pump(key: string, entry: Promise<unknown>, source: SharedSource) {
    try {
      for await (const value of source.stream) {
        for (const listener of source.listeners) listener.offer(value);
      }
    } catch (error) {
      const failure = failureResult(error);
      for (const listener of source.listeners) listener.offer(failure);
    } finally {
      source.ended = true;
      if (sources.get(key) === entry) sources.delete(key);
      reportSources(sources.size);
      for (const listener of source.listeners) listener.finish();
    }
  }

  return async function sharedSubscribe(args) {
    const key = options.keyOf(args);
    if (key === undefined) return own(args);
    const entry = sources.get(key) ?? start(key, args);
    const source = await entry;
    if (!('listeners' in source)) return source;
    if (source.ended) return emptyStream(); // it ended while this client was joining
    const client = new ClientStream(bufferSize, () => {
      countClient(-1);
      source.listeners.delete(client);
      if (source.listeners.size === 0 && sources.get(key) === entry) {
        sources.delete(key);
        reportSources(sources.size);
        void source.stream.return?.();
      }
    });
    source.listeners.add(client);
    countClient(1);
    return client;
  };
}

/**
 * One client's view of a shared source, with a buffer of its own. A client that falls `limit` events
 * behind gets what its buffer holds and then the end of its stream, rather than holding up the source
 * or silently missing events; it resubscribes (from its cursor, where the subscription has one).
 */
class ClientStream implements SubscriptionStream {
  private readonly queue: ExecutionResult[] = [];
  private waiting: ((result: IteratorResult<ExecutionResult>) => void) | undefined;
  private finished = false;
  private closed = false;

  constructor(
    private readonly limit: number,
    private readonly onClose: () => void,
  ) {}

  offer(value: ExecutionResult) {
    if (this.finished) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ done: false, value });
    } else if (this.queue.length < this.limit) {
      this.queue.push(value);
    } else {
      this.finish();
    }
  }

  /** No more events: what is buffered is still delivered. */
  finish() {
    this.finished = true;
    this.close();
    if (this.waiting && this.queue.length === 0) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ done: true, value: undefined });
    }
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const value = this.queue.shift();
    if (value) return Promise.resolve({ done: false, value });
    if (this.finished) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    this.queue.length = 0;
    this.finish();
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  private close() {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
  }
}

function emptyStream(): SubscriptionStream {
  const done = () => Promise.resolve({ done: true as const, value: undefined });
  return { next: done, return: done, [Symbol.asyncIterator]: () => emptyStream() };
}

/**
 * graphql-js's `subscribe`, except that each event is executed with a context of its own, made from the
 * subscription's by `contextFor`. Caches that live as long as a context (DataLoaders, the stitching
 * planner's batching executors) then live for one event, not for the whole life of the subscription,
 * where they would keep every event they ever loaded.
 */
export function subscribeWithContextPerEvent(contextFor: (subscriptionContext: unknown) => unknown) {
  return async (args: ExecutionArgs): Promise<SubscriptionStream | ExecutionResult> => {
    const stream = await createSourceEventStream(args);
    if (!isStream(stream)) return stream as ExecutionResult;
    const source = stream[Symbol.asyncIterator]();
    const executeEvent = async (payload: unknown) =>
      (await execute({
        ...args,
        rootValue: payload,
        contextValue: contextFor(args.contextValue),
      })) as ExecutionResult;
    const mapped: SubscriptionStream = {
      async next() {
        const event = await source.next();
        return event.done ? event : { done: false, value: await executeEvent(event.value) };
      },
      async return() {
        await source.return?.();
        return { done: true, value: undefined };
      },
      async throw(error?: unknown) {
        await source.return?.();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return mapped;
      },
    };
    return mapped;
  };
}

// A document the gateway has validated before is the same object for every client that sends it: printed once.
const printed = new WeakMap<DocumentNode, string>();
const printOnce = (document: DocumentNode) => {
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
};

/** The operation, its variables and whoever asks: clients that agree on all three see the same events. */
export function operationKey(args: ExecutionArgs, audience: string): string {
  return [
    printOnce(args.document),
    args.operationName ?? '',
    JSON.stringify(args.variableValues ?? {}),
    audience,
  ].join('\u0000');
}

/**
 * The key both services use: the operation, its variables and `audienceOf` (whoever asks). A subscription
 * that passes `after` first replays from that cursor for its one client, so it is never shared: a client
 * joining an existing stream would miss the replay it asked for.
 */
export function keyUnlessReplaying(audienceOf: (args: ExecutionArgs) => string) {
  return (args: ExecutionArgs): string | undefined =>
    passesArgument(args, 'after') ? undefined : operationKey(args, audienceOf(args));
}

/** Whether the operation passes a non-null value to any argument called `name` (literal or variable). */
export function passesArgument(args: ExecutionArgs, name: string): boolean {
  let passes = false;
  visit(args.document, {
    Argument(node) {
      if (node.name.value !== name) return;
      if (node.value.kind === Kind.VARIABLE) {
        if (args.variableValues?.[node.value.name.value] != null) passes = true;
      } else if (node.value.kind !== Kind.NULL) {
        passes = true;
      }
    },
  });
  return passes;
}

/** The stream, calling `onEnd` once when it finishes, fails or is returned (even before its first event). */
function countWhileOpen(stream: SubscriptionStream, onEnd: () => void): SubscriptionStream {
  let open = true;
  const end = () => {
    if (!open) return;
    open = false;
    onEnd();
  };
  return {
    async next() {
      try {
        const result = await stream.next();
        if (result.done) end();
        return result;
      } catch (error) {
        end();
        throw error;
      }
    },
    async return(value?: unknown) {
      end();
      return (await stream.return?.(value)) ?? { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      end();
      if (stream.throw) return stream.throw(error);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
