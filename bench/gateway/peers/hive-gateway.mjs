// Hive Gateway's runtime on the same supergraph (for the side-by-side benchmark).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';

const gateway = createGatewayRuntime({
  supergraph: readFileSync(process.env.SUPERGRAPH_PATH, 'utf8'),
  logging: false,
});
createServer(gateway).listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(`hive gateway listening on http://127.0.0.1:${process.env.PORT}/graphql`);
});
