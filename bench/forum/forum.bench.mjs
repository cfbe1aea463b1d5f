// Forum benchmark (issue 2): live fan-out to 5,000 graphql-ws subscribers on one thread, sustained posts/s
// with all of them subscribed, the service's RSS; and throughput of a page of threads on PostgreSQL.
// Baselines, run side by side: the same sockets fed by a bare `ws` broadcast, and `{ __typename }` on the
// same server.
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { createClient } from 'graphql-ws';
import WebSocket, { WebSocketServer } from 'ws';
import { openSubscribers, waitForDeliveries } from '../lib/fanout.mjs';
import { FAST_PASSWORD_HASHING, gql, launchPlatform, round, rssMb, summarise } from '../lib/harness.mjs';
import { registerVerified } from '@stadtnetz/platform';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 5000);
const MEASURED_POSTS = Number(process.env.BENCH_POSTS ?? 30);
const SUSTAINED_SECONDS = Number(process.env.BENCH_SUSTAINED_SECONDS ?? 10);

const log = (message) => console.error(`[bench forum] ${message}`);

async function throughput(url, body, title) {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: 10,
    duration: 10,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${title}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    title,
    requestsPerSecond: round(result.requests.average, 0),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}

async function forumFanOut(forum, token, threadId) {
  const url = `${forum.url}/graphql`;
  const query = 'subscription ($t: ID!) { postAdded(threadId: $t) { id body author { displayName } } }';
  const { clients, received } = await openSubscribers(SUBSCRIBERS, (onPost) => {
    const client = createClient({
      url: url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    client.subscribe(
      { query, variables: { t: threadId } },
      {
        next: (event) => onPost(event.data.postAdded.id),
        // A CloseEvent's fields are getters: name them, or it prints as {}.
        error: (error) =>
          log(
            `subscriber error: ${error?.code ?? ''} ${error?.reason ?? JSON.stringify(error).slice(0, 200)}`,
          ),
        complete: () => log('subscription completed by the server'),
      },
    );
    return client;
  });
  const addPost = (body) =>
    gql(url, 'mutation ($i: AddPostInput!) { addPost(input: $i) { id } }', { i: { threadId, body } }, token);

  // Warm-up until every subscriber has its subscription in place.
  let peakRss = rssMb(forum.pid);
  for (let attempt = 0; ; attempt++) {
    const { addPost: post } = await addPost(`warm-up ${attempt}`);
    try {
      await waitForDeliveries(received, post.id, SUBSCRIBERS, 5000);
      break;
    } catch (error) {
      if (attempt > 20) throw error;
    }
  }
  log(`${SUBSCRIBERS} subscribers in place`);

  const fromReturn = [];
  const fromSend = [];
  for (let i = 0; i < MEASURED_POSTS; i++) {
    const sent = performance.now();
    const { addPost: post } = await addPost(`Beitrag ${i} für alle`);
    const returned = performance.now();
    await waitForDeliveries(received, post.id, SUBSCRIBERS);
    for (const at of received.get(post.id)) {
      fromReturn.push(Math.max(0, at - returned));
      fromSend.push(at - sent);
    }
    peakRss = Math.max(peakRss, rssMb(forum.pid));
  }

  // Sustained: four writers as fast as they can for a while; every post must reach every subscriber.
  const ids = [];
  const started = performance.now();
  const stopAt = started + SUSTAINED_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: 4 }, async (_, writer) => {
      for (let n = 0; performance.now() < stopAt; n++) {
        ids.push((await addPost(`Dauerlast ${writer}-${n}`)).addPost.id);
        peakRss = Math.max(peakRss, rssMb(forum.pid));
      }
    }),
  );
  for (const id of ids) await waitForDeliveries(received, id, SUBSCRIBERS);
  const elapsed = (performance.now() - started) / 1000;
  peakRss = Math.max(peakRss, rssMb(forum.pid));
  await Promise.all(clients.map((client) => client.dispose()));
  return {
    latencyFromReturnMs: summarise(fromReturn),
    latencyFromSendMs: summarise(fromSend),
    sustainedPostsPerSecond: round(ids.length / elapsed, 1),
    deliveriesPerSecond: round((ids.length * SUBSCRIBERS) / elapsed, 0),
    peakRssMb: peakRss,
  };
}

/** The floor: the same number of sockets, one bare ws server broadcasting a message of similar size. */
export async function bareBroadcast() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address();
  const { clients, received } = await openSubscribers(SUBSCRIBERS, (onPost) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}`);
    socket.on('message', (data) => onPost(JSON.parse(data).id));
    return socket;
  });
  while (server.clients.size < SUBSCRIBERS) await new Promise((resolve) => setTimeout(resolve, 20));
  const latencies = [];
  for (let i = 0; i < MEASURED_POSTS; i++) {
    const id = `m${i}`;
    const payload = JSON.stringify({
      id,
      type: 'next',
      payload: {
        data: { postAdded: { id, body: `Beitrag ${i} für alle`, author: { displayName: 'Bench' } } },
      },
    });
    const sent = performance.now();
    for (const socket of server.clients) socket.send(payload);
    await waitForDeliveries(received, id, SUBSCRIBERS);
    for (const at of received.get(id)) latencies.push(at - sent);
  }
  for (const socket of clients) socket.terminate();
  await new Promise((resolve) => server.close(resolve));
  return { latencyMs: summarise(latencies) };
}

export async function run() {
  // The forum as docker-compose.yml runs it (PostgreSQL, Redis), one instance, on a scratch database.
  const platform = await launchPlatform('forum', {
    shape: 'production',
    only: ['forum', 'mail'],
    replicas: { forum: 1 },
    env: { forum: FAST_PASSWORD_HASHING },
  });
  const forum = platform.forums[0];
  const url = `${forum.url}/graphql`;
  try {
    // A member who confirmed the address with the mailed link (the platform's inbox).
    const { token } = await registerVerified(url.replace(/\/graphql$/, ''), platform.urls.mail, {
      email: `bench-${Date.now()}@example.org`,
      password: 'benchmark passwort',
      displayName: 'Bench',
      sector: 'SONSTIGE',
    });
    const { categories } = await gql(url, '{ categories { id } }');
    const create = (title) =>
      gql(
        url,
        'mutation ($i: CreateThreadInput!) { createThread(input: $i) { id } }',
        { i: { title, body: 'Eröffnung', categoryId: categories[0].id } },
        token,
      );
    for (let i = 0; i < 100; i++) await create(`Thema ${i}`);
    const { createThread: thread } = await create('Live-Thema');

    log('threads page throughput…');
    const threadsPage = await throughput(
      url,
      { query: '{ threads(first: 20) { nodes { title author { displayName } } } }' },
      'threads(first: 20) { title author { displayName } }',
    );
    const typename = await throughput(url, { query: '{ __typename }' }, '{ __typename } (baseline)');

    log(`fan-out to ${SUBSCRIBERS} subscribers…`);
    const fanOut = await forumFanOut(forum, token, thread.id);
    log('bare ws broadcast baseline…');
    const bare = await bareBroadcast();
    return {
      name: 'forum',
      setup: `forum on PostgreSQL + Redis (the launcher's production shape, one instance), ${SUBSCRIBERS} graphql-ws subscribers in one client process, 2 shared cores`,
      threadsPage: {
        ...threadsPage,
        ratioToBaseline: round(threadsPage.requestsPerSecond / typename.requestsPerSecond, 2),
      },
      typenameBaseline: typename,
      fanOut: {
        ...fanOut,
        bareWsBroadcastMs: bare.latencyMs,
        p99RatioToBareWs: round(fanOut.latencyFromSendMs.p99 / bare.latencyMs.p99, 2),
      },
      targets: { fanOutP99Ms: 250, rssMb: 400 },
    };
  } finally {
    await platform.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
  process.exit(0);
}
