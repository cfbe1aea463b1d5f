import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebhookDelivery } from '../src/features/content-events/webhook-delivery';

/** A receiver that answers 503 to the first `failures` deliveries, then 200. */
async function receiver(failures: number) {
  const received: { id: string; status: number }[] = [];
  const secrets: (string | undefined)[] = [];
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      const status = received.length < failures ? 503 : 200;
      received.push({ id: (JSON.parse(raw) as { id: string }).id, status });
      secrets.push(request.headers['x-webhook-secret'] as string | undefined);
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hook`, received, secrets, server };
}

const warnings: string[] = [];
const log = { warn: (message: string) => warnings.push(message) };
let servers: Server[] = [];

afterEach(() => {
  for (const server of servers) server.close();
  servers = [];
  warnings.length = 0;
});

describe('content webhook delivery', () => {
  it('delivers an event again (same id) after a 503, and drain() waits for the retry', async () => {
    const hook = await receiver(1);
    servers.push(hook.server);
    const delivery = new WebhookDelivery({ urls: [hook.url], timeoutMs: 2_000, secret: '', log });

    delivery.send({ id: 'event-1', event: 'entry.publish' });
    // A CMS shutting down at this moment still delivers: the retry is due 500 ms after the 503.
    await delivery.drain();

    expect(hook.received).toEqual([
      { id: 'event-1', status: 503 },
      { id: 'event-1', status: 200 },
    ]);
    expect(warnings).toEqual([expect.stringContaining('answered 503 for entry.publish')]);
  });

  it('gives up after three attempts on a receiver that is down, logging each', async () => {
    const hook = await receiver(0);
    await new Promise((resolve) => hook.server.close(resolve));
    const delivery = new WebhookDelivery({ urls: [hook.url], timeoutMs: 1_000, secret: '', log });

    delivery.send({ id: 'event-2', event: 'entry.update' });
    await delivery.drain();

    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain(`content webhook ${hook.url} failed for entry.update`);
  });

  it('drain() also waits for work that ends in a send, which carries the shared secret', async () => {
    const hook = await receiver(0);
    servers.push(hook.server);
    const delivery = new WebhookDelivery({ urls: [hook.url], timeoutMs: 2_000, secret: 's3cret', log });

    delivery.track(
      new Promise<void>((resolve) =>
        setTimeout(() => {
          delivery.send({ id: 'event-3', event: 'entry.create' });
          resolve();
        }, 50),
      ),
    );
    await delivery.drain();

    expect(hook.received).toEqual([{ id: 'event-3', status: 200 }]);
    expect(hook.secrets).toEqual(['s3cret']);
  });
});
