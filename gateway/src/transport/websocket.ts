import type http from 'node:http';
import {
  GraphQLError,
  getOperationAST,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GatewayConfig } from '../config.js';
import type { GatewayContext } from '../context.js';
import { createGatewaySubscribe } from '../engine/shared-subscriptions.js';
import { formatError } from '../errors.js';
import {
  createSubscriptionCaps,
  TOO_MANY_CONNECTIONS_CLOSE_CODE,
  type ConnectionSlots,
} from '../guards/subscription-caps.js';
import { addressBucket } from '../identity/client-address.js';
import type { VerifiedMember } from '../identity/verify-token.js';
import type { Metrics } from '../observability/metrics.js';
import {
  API_KEY_HEADER,
  operationContext,
  requestIdOf,
  type AdmittedClient,
  type GatewayPlugins,
} from '../plugins/index.js';

const operationType = (document: DocumentNode, name: string | null | undefined) =>
  getOperationAST(document, name ?? undefined)?.operation ?? 'unknown';

interface ConnectionState {
  member: VerifiedMember | null;
  client: AdmittedClient;
  slots: ConnectionSlots;
}

/**
 * graphql-ws on `/graphql` — subscriptions, and any operation a client sends this way — through the same
 * plugins as HTTP: admission and identity when the connection opens, admission (the rate limit), the query
 * limits and observation for every operation. Only the socket caps are the WebSocket's own.
 */
export function graphqlOverWebSocket(options: {
  httpServer: http.Server;
  schema: () => GraphQLSchema | undefined;
  plugins: GatewayPlugins;
  subscriptions: GatewayConfig['subscriptions'];
  metrics: Metrics;
}) {
  const { plugins } = options;
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    maxPayload: 256 * 1024,
  });
  const sharedSubscribe = createGatewaySubscribe(options.metrics);
  const caps = createSubscriptionCaps(options.subscriptions);
  const refuse = (type: string, errors: GraphQLError[]) => {
    plugins.observability.countOperation(
      type,
      errors.map((error) => error.toJSON()),
    );
    return errors;
  };

  return useServer<Record<string, unknown> | undefined, { state?: ConnectionState }>(
    {
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const request = ctx.extra.request;
        const identified = await plugins.admission.identify(
          request,
          params['apiKey'] ?? request.headers[API_KEY_HEADER],
        );
        if ('refused' in identified) return false;
        let member: VerifiedMember | null;
        try {
          member = await plugins.identity.ofConnection(params, request);
        } catch {
          return false; // a bad token closes the connection with 4403 Forbidden
        }
        if ((await plugins.admission.count(identified.client)).refused) return false;
        const slots = caps.openConnection(addressBucket(identified.client.address));
        if (!slots) {
          ctx.extra.socket.close(
            TOO_MANY_CONNECTIONS_CLOSE_CODE,
            `Too many connections: at most ${options.subscriptions.connectionsPerAddress} per client address`,
          );
          return false;
        }
        ctx.extra.state = { member, client: identified.client, slots };
        return true;
      },
      onClose: (ctx) => {
        if (ctx.extra.state) caps.closeConnection(ctx.extra.state.slots);
      },
      onComplete: (ctx, id) => {
        if (ctx.extra.state) caps.closeOperation(ctx.extra.state.slots, id);
      },
      onSubscribe: async (ctx, id, payload) => {
        const state = ctx.extra.state!;
        const counted = await plugins.admission.count(state.client);
        if (counted.refused) {
          const { message, extensions } = counted.refused;
          return refuse('unknown', [new GraphQLError(message, { extensions })]);
        }
        const schema = options.schema();
        if (!schema)
          return refuse('unknown', [
            new GraphQLError('Not ready', { extensions: { code: 'UPSTREAM_UNAVAILABLE' } }),
          ]);
        const prepared = plugins.limits.prepare(schema, payload);
        if ('errors' in prepared) return refuse('unknown', prepared.errors);
        // Counted last, so an operation refused above holds no slot; released in onComplete or onClose.
        const overCap = caps.openOperation(state.slots, id);
        if (overCap) return refuse('subscription', [overCap]);
        plugins.observability.countOperation(operationType(prepared.document, payload.operationName));
        const contextValue: GatewayContext = operationContext(
          requestIdOf(undefined),
          state.member,
          state.client,
        );
        return {
          schema,
          document: prepared.document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue,
        } satisfies ExecutionArgs;
      },
      subscribe: (args) => sharedSubscribe(args),
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return result;
        return {
          ...result,
          errors: result.errors.map((error) =>
            formatError('toJSON' in error ? (error as GraphQLError).toJSON() : error),
          ),
        } as never;
      },
    },
    wsServer,
  );
}
