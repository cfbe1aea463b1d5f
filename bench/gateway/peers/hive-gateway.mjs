// Hive Gateway's runtime on the same supergraph (for the side-by-side benchmark). HIVE_ROUTER_RUNTIME=true:
// with Hive Router's query planner (Rust, `@graphql-hive/router-runtime`) instead of the JavaScript one, as
// `hive-gateway supergraph --hive-router-runtime` runs it.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';

const rustPlanner = process.env.HIVE_ROUTER_RUNTIME === 'true';
const gateway = createGatewayRuntime({
  supergraph: readFileSync(process.env.SUPERGRAPH_PATH, 'utf8'),
  logging: false,
  ...(rustPlanner
    ? { unifiedGraphHandler: (await import('@graphql-hive/router-runtime')).unifiedGraphHandler }
    : {}),
});
createServer(gateway).listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(
    `hive gateway${rustPlanner ? ' (Rust query planner)' : ''} listening on http://127.0.0.1:${process.env.PORT}/graphql`,
  );
});
