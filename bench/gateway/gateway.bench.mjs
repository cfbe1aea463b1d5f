// Gateway benchmark: our gateway side by side with @apollo/gateway, Hive Gateway and Hive Gateway with Hive
// Router's Rust query planner on the same two subgraphs and the same supergraph, and the forum subgraph itself
// as the baseline. Realistic traffic: every request its own variables (page sizes and pages drawn at random),
// as portals paging through lists send them. The engines are compared with our response cache and request
// coalescing off; ours with both on is a separate line. 50 connections, warm-up, then a measured period.
// Then 5,000 graphql-ws subscribers on one thread: on the forum itself, then through our gateway.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort, registerVerified } from '@stadtnetz/platform';
import { now, openSubscriberThreads } from '../lib/fanout-workers.mjs';
import {
  FAST_PASSWORD_HASHING,
  GATEWAY_LIMITS_LIFTED,
  gql,
  launchPlatform,
  root,
  round,
  rssMb,
  startProcess,
  summarise,
} from '../lib/harness.mjs';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 5000);
// The readers run in worker threads, so that the thread that sends the posts and reads the clock never waits
// behind five thousand deliveries. One by default: on two cores a second readers' thread starves the server.
const SUBSCRIBER_THREADS = Number(process.env.BENCH_SUBSCRIBER_THREADS ?? 1);
// BENCH_GATEWAY_PARTS=subscriptions runs the fan-out alone (while working on it); default: everything.
const PARTS = (process.env.BENCH_GATEWAY_PARTS ?? 'engines,subscriptions').split(',');
const log = (message) => console.error(`[bench gateway] ${message}`);

const between = (low, high) => low + Math.floor(Math.random() * (high - low + 1));
/** Each scenario: the query, and a fresh set of variables for every request. */
const SCENARIOS = {
  forumOnly: {
    query: 'query T($n: Int!) { threads(first: $n) { edges { node { id title author { displayName } } } } }',
    variables: () => ({ n: between(1, 50) }),
  },
  crossService: {
    query:
      'query P($s: Int!, $p: Int!) { projects(pagination: { pageSize: $s, page: $p }) { title city { name } discussions { title } } }',
    variables: () => ({ s: between(1, 25), p: between(1, 3) }),
  },
};

async function load(url, scenario) {
  log(`load ${url}`);
  const headers = { 'content-type': 'application/json' };
  const body = () => JSON.stringify({ query: scenario.query, variables: scenario.variables() });
  const options = {
    url,
    method: 'POST',
    connections: CONNECTIONS,
    headers,
    requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }],
  };
  await autocannon({ ...options, duration: WARMUP });
  const result = await autocannon({ ...options, duration: SECONDS });
  // A benchmark of wrong answers is worthless: every peer must answer the query correctly first.
  for (let i = 0; i < 5; i++) {
    const check = await (await fetch(url, { method: 'POST', headers, body: body() })).json();
    if (check.errors || !check.data) throw new Error(`${url}: ${JSON.stringify(check).slice(0, 300)}`);
  }
  return {
    requestsPerSecond: round(result.requests.average, 0),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/**
 * SUBSCRIBERS readers of one thread at `subscribeUrl` (the gateway, or the forum itself as the baseline), spread
 * over SUBSCRIBER_THREADS worker threads, and the time from sending a post through the gateway to each reader's
 * delivery.
 */
async function subscriptionFanOut(subscribeUrl, gatewayUrl, token, threadId) {
  const readers = await openSubscriberThreads({
    wsUrl: subscribeUrl.replace('http', 'ws'),
    query: 'subscription ($t: ID!) { postAdded(threadId: $t) { id body author { displayName } } }',
    variables: { t: threadId },
    subscribers: SUBSCRIBERS,
    threads: SUBSCRIBER_THREADS,
  });
  const addPost = (body) =>
    gql(
      gatewayUrl,
      'mutation ($i: AddPostInput!) { addPost(input: $i) { id } }',
      { i: { threadId, body } },
      token,
    );
  try {
    // Warm-up until every reader's subscription is in place (connected is not yet subscribed).
    for (let attempt = 0; ; attempt++) {
      const { addPost: post } = await addPost(`warm-up ${attempt}`);
      try {
        await readers.received(post.id, 5000);
        break;
      } catch (error) {
        if (readers.failures.length > 0)
          throw new Error(`${readers.failures.length} subscribers failed, e.g. ${readers.failures[0]}`);
        if (attempt > 20) throw error;
      }
    }
    const latencies = [];
    for (let i = 0; i < 20; i++) {
      const sent = now();
      const { addPost: post } = await addPost(`Beitrag ${i}`);
      for (const at of await readers.received(post.id)) latencies.push(at - sent);
    }
    const metrics =
      subscribeUrl === gatewayUrl
        ? await (await fetch(gatewayUrl.replace('/graphql', '/metrics'))).text()
        : '';
    return {
      subscribers: SUBSCRIBERS,
      subscriberThreads: SUBSCRIBER_THREADS,
      latencyFromSendMs: summarise(latencies),
      ...(metrics
        ? { sharedUpstreamStreams: Number(/gateway_shared_subscription_streams (\d+)/.exec(metrics)?.[1]) }
        : {}),
    };
  } finally {
    await readers.close();
  }
}

export async function run() {
  // The forum and the CMS (with its demo content) as docker-compose.yml runs them — PostgreSQL, Redis — one
  // instance each; our gateways are started beside them with the benchmark's settings.
  const platform = await launchPlatform('gateway', {
    shape: 'production',
    only: ['forum', 'cms', 'mail'],
    replicas: { forum: 1, gateway: 1 },
    env: { forum: FAST_PASSWORD_HASHING, gateway: GATEWAY_LIMITS_LIFTED },
  });
  const peers = [];
  const startPeer = async (...args) => {
    const started = await startProcess(...args);
    peers.push(started);
    return started;
  };
  try {
    const [forum] = platform.forums;
    // The supergraph with this run's subgraph addresses, for the peers (ours takes CMS_URL and FORUM_URL).
    const supergraph = readFileSync(path.join(root, 'schema/supergraph.graphql'), 'utf8')
      .replace('http://127.0.0.1:1337/graphql', `${platform.urls.cms}/graphql`)
      .replace('http://127.0.0.1:4001/graphql', `${platform.urls.forum}/graphql`);
    const supergraphPath = path.join(
      mkdtempSync(path.join(tmpdir(), 'bench-supergraph-')),
      'supergraph.graphql',
    );
    writeFileSync(supergraphPath, supergraph);
    // Ours on each engine (GATEWAY_ENGINE), cache and coalescing off.
    const oursGateway = await platform.startAnother('gateway', {
      GATEWAY_CACHE: 'false',
      GATEWAY_COALESCE: 'false',
      GATEWAY_ENGINE: 'planner',
    });
    // Ours without sending anonymous queries that arrive together in one subgraph request.
    const oursUnbatchedGateway = await platform.startAnother('gateway', {
      GATEWAY_CACHE: 'false',
      GATEWAY_COALESCE: 'false',
      GATEWAY_ENGINE: 'planner',
      GATEWAY_SUBGRAPH_BATCH: '1',
    });
    const oursStitchingGateway = await platform.startAnother('gateway', {
      GATEWAY_CACHE: 'false',
      GATEWAY_COALESCE: 'false',
      GATEWAY_ENGINE: 'stitching',
    });
    const oursCachedGateway = await platform.startAnother('gateway', {
      GATEWAY_CACHE: 'true',
      GATEWAY_COALESCE: 'true',
      GATEWAY_ENGINE: 'planner',
    });
    const [apolloPort, hivePort, hiveRustPort] = await Promise.all([freePort(), freePort(), freePort()]);
    if (PARTS.includes('engines')) {
      // Apollo Server has no health route; any answer from /graphql means it is up.
      await startPeer(
        'apollo gateway',
        'bench/gateway/peers/apollo-gateway.mjs',
        { PORT: String(apolloPort), SUPERGRAPH_PATH: supergraphPath },
        `http://127.0.0.1:${apolloPort}/graphql`,
        (response) => response.status < 500,
      );
      await startPeer(
        'hive gateway',
        'bench/gateway/peers/hive-gateway.mjs',
        { PORT: String(hivePort), SUPERGRAPH_PATH: supergraphPath },
        `http://127.0.0.1:${hivePort}/healthcheck`,
      );
      await startPeer(
        'hive gateway with the Rust query planner',
        'bench/gateway/peers/hive-gateway.mjs',
        { PORT: String(hiveRustPort), SUPERGRAPH_PATH: supergraphPath, HIVE_ROUTER_RUNTIME: 'true' },
        `http://127.0.0.1:${hiveRustPort}/healthcheck`,
      );
    }

    // Content for the queries: 20 projects with a discussion each, 20 threads with authors.
    const forumUrl = `${forum.url}/graphql`;
    const ours = `${oursGateway.url}/graphql`;
    // A member who confirmed the address with the mailed link (the platform's inbox).
    const { token } = await registerVerified(ours.replace(/\/graphql$/, ''), platform.urls.mail, {
      email: `bench-${Date.now()}@example.org`,
      password: 'benchmark passwort',
      displayName: 'Bench',
      sector: 'SONSTIGE',
    });
    const { projects, categories } = await gql(
      ours,
      '{ projects(pagination: { pageSize: 20 }) { documentId } categories { id } }',
    );
    let threadId;
    for (const project of projects) {
      const { createThread } = await gql(
        ours,
        'mutation ($i: CreateThreadInput!) { createThread(input: $i) { id } }',
        {
          i: {
            title: 'Erfahrungen?',
            body: 'Wer kennt das Projekt?',
            categoryId: categories[0].id,
            projectId: project.documentId,
          },
        },
        token,
      );
      threadId = createThread.id;
    }

    const engines = {
      ours,
      oursUnbatched: `${oursUnbatchedGateway.url}/graphql`,
      oursStitching: `${oursStitchingGateway.url}/graphql`,
      hiveGateway: `http://127.0.0.1:${hivePort}/graphql`,
      hiveGatewayRustPlanner: `http://127.0.0.1:${hiveRustPort}/graphql`,
      apolloGateway: `http://127.0.0.1:${apolloPort}/graphql`,
    };
    let results;
    let ratios;
    if (PARTS.includes('engines')) {
      results = {};
      for (const [scenario, definition] of Object.entries(SCENARIOS)) {
        log(`${scenario}, every request its own variables…`);
        const lines = (results[scenario] = {});
        if (scenario === 'forumOnly') lines.subgraphDirect = await load(forumUrl, definition);
        for (const [name, url] of Object.entries(engines)) lines[name] = await load(url, definition);
        // The same traffic with what the engines are compared without: the response cache and coalescing.
        lines.oursCacheAndCoalescing = await load(`${oursCachedGateway.url}/graphql`, definition);
      }

      const rps = (result) => result.requestsPerSecond;
      const ratio = (a, b) => round(rps(a) / rps(b), 2);
      const { forumOnly, crossService } = results;
      ratios = {
        forumOnlyOursToSubgraph: ratio(forumOnly.ours, forumOnly.subgraphDirect),
        forumOnlyOursToHiveRust: ratio(forumOnly.ours, forumOnly.hiveGatewayRustPlanner),
        forumOnlyOursToHive: ratio(forumOnly.ours, forumOnly.hiveGateway),
        forumOnlyOursToApollo: ratio(forumOnly.ours, forumOnly.apolloGateway),
        forumOnlyOursUnbatchedToSubgraph: ratio(forumOnly.oursUnbatched, forumOnly.subgraphDirect),
        crossOursToHiveRust: ratio(crossService.ours, crossService.hiveGatewayRustPlanner),
        crossOursUnbatchedToHiveRust: ratio(crossService.oursUnbatched, crossService.hiveGatewayRustPlanner),
        crossOursToHive: ratio(crossService.ours, crossService.hiveGateway),
        crossOursToApollo: ratio(crossService.ours, crossService.apolloGateway),
        crossOursToOursStitching: ratio(crossService.ours, crossService.oursStitching),
        forumOnlyOursToOursStitching: ratio(forumOnly.ours, forumOnly.oursStitching),
        crossCacheAndCoalescingToOurs: ratio(crossService.oursCacheAndCoalescing, crossService.ours),
      };
    }

    let subscriptions;
    if (PARTS.includes('subscriptions')) {
      // Free the cores the peers hold before the fan-out: one gateway (with its cache), freshly started.
      await oursGateway.stop();
      await oursUnbatchedGateway.stop();
      await oursStitchingGateway.stop();
      for (const peer of peers.splice(0)) await peer.stop();
      await oursCachedGateway.restart();
      const gatewayUrl = `${oursCachedGateway.url}/graphql`;
      // The same readers on the forum itself, side by side in this run: what the gateway's hop costs.
      log(`${SUBSCRIBERS} subscribers on the forum itself…`);
      const forumDirect = await subscriptionFanOut(forumUrl, gatewayUrl, token, threadId);
      log(`${SUBSCRIBERS} subscribers through the gateway…`);
      const throughGateway = await subscriptionFanOut(gatewayUrl, gatewayUrl, token, threadId);
      subscriptions = {
        ...throughGateway,
        gatewayRssMb: rssMb(oursCachedGateway.pid),
        forumRssMb: rssMb(forum.pid),
        forumDirect,
        p99RatioToForumDirect: round(
          throughGateway.latencyFromSendMs.p99 / forumDirect.latencyFromSendMs.p99,
          2,
        ),
      };
    }

    return {
      name: 'gateway',
      setup: `forum (PostgreSQL + Redis) and CMS (PostgreSQL, demo content) as processes, one instance each, started by the launcher in docker-compose.yml's production shape; each gateway its own process on the same supergraph (ours: the launcher's production gateway, the rate limit and per-address caps lifted; response cache and coalescing off unless the line says on); every request its own variables; ${CONNECTIONS} connections, ${WARMUP} s warm-up, ${SECONDS} s measured; everything on the same 2 shared cores`,
      scenarios: Object.fromEntries(
        Object.entries(SCENARIOS).map(([name, { query, variables }]) => [
          name,
          { query, variables: variables.toString().replace(/\s+/g, ' ') },
        ]),
      ),
      results,
      ratios,
      subscriptions,
      targets: { forumOnlyOursToSubgraph: 0.95, crossOursToHiveRust: 1.2, subscriptionP99Ms: 250 },
    };
  } finally {
    for (const peer of peers.reverse()) await peer.stop();
    await platform.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
  process.exit(0);
}
