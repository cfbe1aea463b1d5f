import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, startPlatform, type Platform, type ServiceProcess } from './platform.js';

// Scale-out, proven without Docker: two forum instances on different ports sharing this machine's
// PostgreSQL and Redis, and two gateways, one in front of each.
describe.runIf(backend === 'postgres')('two forums and two gateways sharing PostgreSQL and Redis', () => {
  let platform: Platform;
  let secondForum: ServiceProcess;

  beforeAll(async () => {
    platform = await startPlatform();
    // Its second replica: the same database and Redis.
    secondForum = await platform.launched.startAnother('forum');
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('deliver a post written through gateway B to the other forum instance to a member subscribed through gateway A', async () => {
    const gatewayA = platform.gateway; // → the first forum instance
    const gatewayB = await platform.startGateway({ forumUrl: secondForum.url });
    const writer = await platform.register('Schreibt über B');
    const reader = await platform.register('Liest über A');
    const { categories } = await platform.ok('{ categories { id } }');
    const { createThread } = await platform.ok(
      'mutation ($i: CreateThreadInput!) { createThread(input: $i) { id } }',
      { i: { title: 'Verteilt', body: 'eins', categoryId: categories[0].id } },
      writer.token,
    );
    const client = platform.subscriber({ gateway: gatewayA, token: reader.token });
    const received = new Promise<any>((resolve, reject) => {
      client.subscribe(
        {
          query: 'subscription ($t: ID!) { postAdded(threadId: $t) { body author { displayName } } }',
          variables: { t: createThread.id },
        },
        { next: resolve, error: reject, complete: () => undefined },
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const written = await platform.gql(
      'mutation ($t: ID!) { addPost(input: { threadId: $t, body: "über Gateway B und Forum 2" }) { id } }',
      { t: createThread.id },
      { token: writer.token, gateway: gatewayB },
    );
    expect(written.errors).toBeUndefined();
    const event = await received;
    expect(event.data.postAdded).toEqual({
      body: 'über Gateway B und Forum 2',
      author: { displayName: 'Schreibt über B' },
    });
    await client.dispose();
  });

  it('hold the rate limit across both gateways', async () => {
    const shared = {
      rateLimit: { anonymous: 4, withApiKey: 10, windowSeconds: 60 },
      redisKeyPrefix: `scale-out-${randomUUID()}`,
    };
    const a = await platform.startGateway(shared);
    const b = await platform.startGateway({ ...shared, forumUrl: secondForum.url });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await platform.gql('{ categories { id } }', {}, { gateway: i % 2 ? b : a })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('sign and verify member tokens alike on both forum instances', async () => {
    const member = await platform.register();
    const viaSecond = await fetch(`${secondForum.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${member.token}` },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(((await viaSecond.json()) as any).data.me.id).toBe(member.id);
  });
});
