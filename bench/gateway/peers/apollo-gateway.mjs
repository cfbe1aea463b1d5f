// @apollo/gateway on the same supergraph, as its documentation serves it (for the side-by-side benchmark).
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';

const supergraphSdl = readFileSync(process.env.SUPERGRAPH_PATH, 'utf8');
const gateway = new ApolloGateway({ supergraphSdl });
const server = new ApolloServer({ gateway, plugins: [ApolloServerPluginUsageReportingDisabled()] });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env.PORT), host: '127.0.0.1' },
});
console.log(`apollo gateway listening on ${url}`);
