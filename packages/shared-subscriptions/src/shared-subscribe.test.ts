import { EventEmitter } from 'node:events';
import { Repeater } from '@repeaterjs/repeater';
import {
  GraphQLInt,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  createSharedSubscribe,
  keyUnlessReplaying,
  subscribeWithContextPerEvent,
  type SubscriptionStream,
} from './index.js';

/** A schema with one subscription, `tick(channel)`, and a count of how often it is subscribed and executed. */
function fixture() {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const counts = { subscribed: 0, executed: 0, open: 0 };
  const contexts: object[] = [];
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLInt } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        tick: {
          type: GraphQLInt,
          args: { channel: { type: GraphQLString }, after: { type: GraphQLInt } },
          subscribe: (_root, { channel }: { channel: string }) => {
            counts.subscribed++;
            return new Repeater<number>(async (push, stop) => {
              counts.open++;
              const listener = (value: number | Error) =>
                value instanceof Error ? stop(value) : void push(value);
              events.on(channel, listener);
              await stop;
              events.off(channel, listener);
              counts.open--;
            });
          },
          resolve: (value: number, _args: unknown, context: object) => {
            counts.executed++;
            contexts.push(context);
            return value;
          },
        },
      },
    }),
  });
  const args = (channel: string, viewer = 'anonymous', after?: number): ExecutionArgs => ({
    schema,
    document: parse(
      'subscription Tick($channel: String, $after: Int) { tick(channel: $channel, after: $after) }',
    ),
    variableValues: { channel, ...(after === undefined ? {} : { after }) },
    contextValue: { viewer },
  });
  return { events, counts, contexts, args };
}

const keyedByViewer = keyUnlessReplaying((args) => (args.contextValue as { viewer: string }).viewer);

/** Reads a stream at once, as graphql-ws does, keeping what arrives. */
function listen(stream: SubscriptionStream | ExecutionResult) {
  const client = { values: [] as unknown[], ended: false, stream: stream as SubscriptionStream };
  void (async () => {
    for await (const result of client.stream)
      client.values.push(result.errors ? `error: ${result.errors[0]?.message}` : result.data?.['tick']);
    client.ended = true;
  })();
  return client;
}

async function until(condition: () => boolean) {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('shared subscriptions', () => {
  it('run one subscription and one execution per event for every client with the same operation', async () => {
    const { events, counts, args } = fixture();
    const subscribe = createSharedSubscribe({ keyOf: keyedByViewer });
    const clients = (await Promise.all(Array.from({ length: 50 }, () => subscribe(args('a'))))).map(listen);
    await settle();
    events.emit('a', 7);
    events.emit('a', 8);
    await until(() => clients.every((client) => client.values.length === 2));
    expect(clients.map((client) => client.values)).toEqual(Array(50).fill([7, 8]));
    expect(counts.subscribed).toBe(1);
    expect(counts.executed).toBe(2);
  });

  it('keep different operations, variables and viewers apart', async () => {
    const { events, counts, args } = fixture();
    const subscribe = createSharedSubscribe({ keyOf: keyedByViewer });
    const a = listen(await subscribe(args('a', 'anna')));
    const b = listen(await subscribe(args('b', 'anna')));
    const aForBen = listen(await subscribe(args('a', 'ben')));
    await settle();
    events.emit('a', 1);
    events.emit('b', 2);
    await until(() => a.values.length + b.values.length + aForBen.values.length === 3);
    expect([a.values, b.values, aForBen.values]).toEqual([[1], [2], [1]]);
    expect(counts.subscribed).toBe(3);
  });

  it('give a client of its own a subscription of its own', async () => {
    const { events, counts, args } = fixture();
    const subscribe = createSharedSubscribe({ keyOf: keyedByViewer });
    const first = listen(await subscribe(args('a', 'anna', 5)));
    const second = listen(await subscribe(args('a', 'anna', 5)));
    await settle();
    events.emit('a', 9);
    await until(() => first.values.length === 1 && second.values.length === 1);
    expect(counts.subscribed).toBe(2);
  });

  it('start one source for clients that arrive together', async () => {
    const { counts, args } = fixture();
    const subscribe = createSharedSubscribe({ keyOf: keyedByViewer });
    const clients = await Promise.all([subscribe(args('a')), subscribe(args('a')), subscribe(args('a'))]);
    clients.map(listen);
    await settle();
    expect(counts.subscribed).toBe(1);
  });

  it('end the source when its last client leaves, and start afresh for the next', async () => {
    const { events, counts, args } = fixture();
    const sourceCounts: number[] = [];
    const subscribe = createSharedSubscribe({
      keyOf: keyedByViewer,
      onSharedSourceCount: (count) => sourceCounts.push(count),
    });
    const one = listen(await subscribe(args('a')));
    const two = listen(await subscribe(args('a')));
    await settle();
    await one.stream.return?.();
    events.emit('a', 3);
    await until(() => two.values.length === 1);
    expect(one.values).toEqual([]);
    expect(counts.open).toBe(1);
    await two.stream.return?.();
    await until(() => counts.open === 0);
    expect(sourceCounts.at(-1)).toBe(0);
    const three = listen(await subscribe(args('a')));
    await settle();
    events.emit('a', 4);
    await until(() => three.values.length === 1);
    expect(counts.subscribed).toBe(2);
  });

  it('end a client that falls too far behind, without holding up the others', async () => {
    const { events, args } = fixture();
    const subscribe = createSharedSubscribe({ keyOf: keyedByViewer, bufferSize: 3 });
    const slow = (await subscribe(args('a'))) as SubscriptionStream;
    const fast = listen(await subscribe(args('a')));
    const firstOfSlow = slow.next(); // registers the slow client, which then reads nothing more
    await settle();
    for (let value = 1; value <= 8; value++) {
      events.emit('a', value);
      await settle();
    }
    await until(() => fast.values.length === 8);
    expect(fast.values).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await firstOfSlow).value.data.tick).toBe(1);
    const rest: unknown[] = [];
    for await (const result of slow) rest.push(result.data?.['tick']);
    expect(rest).toEqual([2, 3, 4]); // its buffer, then the end: it resubscribes
  });

  it('tell every client when the source fails, then end their streams', async () => {
    const { events, args } = fixture();
    const subscribe = createSharedSubscribe({
      keyOf: keyedByViewer,
      failureResult: (error) => ({ errors: [{ message: `gone: ${(error as Error).message}` } as never] }),
    });
    const clients = (await Promise.all([subscribe(args('a')), subscribe(args('a'))])).map(listen);
    await settle();
    events.emit('a', new Error('upstream closed'));
    await until(() => clients.every((client) => client.ended));
    expect(clients.map((client) => client.values)).toEqual([
      ['error: gone: upstream closed'],
      ['error: gone: upstream closed'],
    ]);
  });

  it('return a failed subscription as the result, and share nothing for it', async () => {
    const { counts, args } = fixture();
    const subscribe = createSharedSubscribe({ keyOf: keyedByViewer });
    const broken = { ...args('a'), document: parse('subscription { nope }') };
    const result = (await subscribe(broken)) as ExecutionResult;
    expect(result.errors?.[0]?.message).toMatch(/nope/);
    expect(counts.subscribed).toBe(0);
  });

  it('count open clients, shared or not', async () => {
    const { args } = fixture();
    let open = 0;
    const subscribe = createSharedSubscribe({
      keyOf: keyedByViewer,
      onClientCountChange: (delta) => (open += delta),
    });
    const shared = listen(await subscribe(args('a')));
    const own = listen(await subscribe(args('a', 'anna', 1)));
    await settle();
    expect(open).toBe(2);
    await shared.stream.return?.();
    await own.stream.return?.();
    await until(() => open === 0);
  });

  it('can execute each event with a context of its own, made from the subscription’s', async () => {
    const { events, contexts, counts, args } = fixture();
    const subscribe = createSharedSubscribe({
      keyOf: keyedByViewer,
      subscribe: subscribeWithContextPerEvent((context) => ({ ...(context as object), perEvent: true })),
    });
    const client = listen(await subscribe(args('a', 'anna')));
    await settle();
    events.emit('a', 1);
    events.emit('a', 2);
    await until(() => client.values.length === 2);
    expect(client.values).toEqual([1, 2]);
    expect(contexts).toHaveLength(2);
    expect(contexts[0]).not.toBe(contexts[1]);
    expect(contexts).toEqual([
      { viewer: 'anna', perEvent: true },
      { viewer: 'anna', perEvent: true },
    ]);
    await client.stream.return?.();
    await until(() => counts.open === 0);
  });
});
