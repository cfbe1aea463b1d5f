import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type {
  GatewayGraphQLRequestContext,
  GatewayInterface,
  GatewaySchemaLoadOrUpdateCallback,
} from '@apollo/server-gateway-interface';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { buildGatewaySchema, type GatewaySchema, type GatewaySchemaOptions } from './gateway-schema.js';

/**
 * The supergraph file as Apollo Server's gateway: it builds the executable schema at start and again whenever
 * the file changes (a deploy writes a new supergraph), without a restart. A supergraph that fails to build is
 * logged and the running schema stays.
 */
export class SupergraphSource implements GatewayInterface {
  private current: GatewaySchema | undefined;
  private readonly listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();
  private readonly schemaListeners = new Set<(schema: GraphQLSchema) => void>();
  private watcher: FSWatcher | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private lastSdl = '';

  constructor(
    private readonly file: string,
    private readonly options: GatewaySchemaOptions,
    private readonly log: Logger,
  ) {}

  get schema(): GraphQLSchema {
    if (!this.current) throw new Error('The supergraph has not been loaded yet');
    return this.current.schema;
  }

  /** For the WebSocket server, which keeps its own reference to the schema. */
  onSchema(listener: (schema: GraphQLSchema) => void) {
    this.schemaListeners.add(listener);
  }

  async load() {
    await this.reload();
    if (!this.current) throw new Error(`Could not build a schema from ${this.file}`);
    // Watch the folder: editors and deploys replace the file rather than write into it.
    this.watcher = watch(path.dirname(this.file), (_event, name) => {
      if (name !== path.basename(this.file)) return;
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => void this.reload(), 200);
    });
    return {
      executor: (requestContext: GatewayGraphQLRequestContext) => {
        if (!this.current) throw new Error('The supergraph has not been loaded yet');
        return this.current.execute({
          document: requestContext.document,
          context: requestContext.context,
          variables: requestContext.request.variables,
          operationName: requestContext.request.operationName,
          operationType: requestContext.operation.operation,
        });
      },
    };
  }

  private async reload() {
    let sdl: string;
    try {
      sdl = await readFile(this.file, 'utf8');
    } catch (error) {
      this.log.error({ file: this.file, error: (error as Error).message }, 'cannot read the supergraph');
      return;
    }
    if (sdl === this.lastSdl) return;
    try {
      const next = await buildGatewaySchema(sdl, this.options);
      const previous = this.current;
      this.current = next;
      this.lastSdl = sdl;
      for (const listener of this.listeners) listener({ apiSchema: next.schema, coreSupergraphSdl: sdl });
      for (const listener of this.schemaListeners) listener(next.schema);
      if (previous) {
        this.log.info({ file: this.file }, 'supergraph changed: now serving the new schema');
        // Open subscriptions keep their connection until they end; give them a while.
        setTimeout(() => void previous.dispose(), 60_000).unref();
      }
    } catch (error) {
      this.log.error(
        { file: this.file, error: (error as Error).message },
        'the new supergraph does not build; keeping the current one',
      );
    }
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback) {
    this.listeners.add(callback);
    if (this.current) callback({ apiSchema: this.current.schema, coreSupergraphSdl: this.lastSdl });
    return () => this.listeners.delete(callback);
  }

  async stop() {
    clearTimeout(this.debounce);
    this.watcher?.close();
    await this.current?.dispose();
  }
}
