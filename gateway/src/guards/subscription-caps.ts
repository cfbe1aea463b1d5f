import { GraphQLError } from 'graphql';
import type { GatewayConfig } from '../config.js';

/** One WebSocket connection's open operations, by their graphql-ws id. */
export interface ConnectionSlots {
  bucket: string;
  operations: Set<string>;
}

/**
 * Caps what one client can keep open at this gateway instance: operations per WebSocket connection,
 * operations over all connections of one client address (its rate-limit bucket), and connections per
 * address. Each open operation holds memory here and, when distinct, an upstream operation at the forum;
 * each connection a file descriptor. Counted in memory: the caps hold per instance.
 */
export function createSubscriptionCaps(limits: GatewayConfig['subscriptions']) {
  const operationsPerBucket = new Map<string, number>();
  const connectionsPerBucket = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, delta: number) => {
    const next = (map.get(key) ?? 0) + delta;
    if (next > 0) map.set(key, next);
    else map.delete(key);
  };

  return {
    /** A connection's slots, or undefined when its address holds too many connections already. */
    openConnection(bucket: string): ConnectionSlots | undefined {
      if ((connectionsPerBucket.get(bucket) ?? 0) >= limits.connectionsPerAddress) return undefined;
      add(connectionsPerBucket, bucket, 1);
      return { bucket, operations: new Set() };
    },

    closeConnection(slots: ConnectionSlots) {
      add(operationsPerBucket, slots.bucket, -slots.operations.size);
      slots.operations.clear();
      add(connectionsPerBucket, slots.bucket, -1);
    },

    /** Takes a slot for operation `id`, or says which cap it is over. */
    openOperation(slots: ConnectionSlots, id: string): GraphQLError | undefined {
      if (slots.operations.size >= limits.perConnection) {
        return tooMany(
          `At most ${limits.perConnection} subscriptions may be open on one connection; complete one first`,
          'connection',
          limits.perConnection,
        );
      }
      if ((operationsPerBucket.get(slots.bucket) ?? 0) >= limits.perAddress) {
        return tooMany(
          `At most ${limits.perAddress} subscriptions may be open from one client address; complete one first`,
          'address',
          limits.perAddress,
        );
      }
      slots.operations.add(id);
      add(operationsPerBucket, slots.bucket, 1);
      return undefined;
    },

    closeOperation(slots: ConnectionSlots, id: string) {
      if (slots.operations.delete(id)) add(operationsPerBucket, slots.bucket, -1);
    },
  };
}

const tooMany = (message: string, scope: 'connection' | 'address', max: number) =>
  new GraphQLError(message, { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', scope, max } });

/** graphql-ws close code for a connection refused by the per-address cap (4xxx: the application's own). */
export const TOO_MANY_CONNECTIONS_CLOSE_CODE = 4429;
