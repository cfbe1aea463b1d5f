// Live for portals: the CMS announces a publication to POST /webhooks/cms, and subscribers of contentPublished
// receive it — filtered by type, city and field of action, new ones only unless they ask for updates too.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, collect, startTestForum, type TestForum } from './forum.js';

let forum: TestForum;
beforeAll(async () => {
  forum = await startTestForum();
});
afterAll(() => forum?.close());

const settle = () => new Promise((resolve) => setTimeout(resolve, backend === 'postgres' ? 300 : 100));

const SUBSCRIPTION = `subscription ($types: [PublishedContentType!], $cityId: ID, $actionFieldId: ID, $includeUpdates: Boolean) {
  contentPublished(types: $types, cityId: $cityId, actionFieldId: $actionFieldId, includeUpdates: $includeUpdates) {
    type documentId kind cityId actionFieldIds project { documentId } workshop { documentId }
  }
}`;

const announce = (body: Record<string, unknown>) =>
  fetch(`${forum.url}/webhooks/cms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id: randomUUID(),
      event: 'entry.publish',
      locale: 'de',
      at: new Date().toISOString(),
      ...body,
    }),
  });

describe('contentPublished', () => {
  it('delivers new projects of a city to its subscribers, and workshops to theirs', async () => {
    const leipzig = collect(forum.subscriber(), SUBSCRIPTION, { cityId: 'leipzig-id' }, 1);
    const workshops = collect(forum.subscriber(), SUBSCRIPTION, { types: ['WORKSHOP'] }, 1);
    const updates = collect(
      forum.subscriber(),
      SUBSCRIPTION,
      { includeUpdates: true, actionFieldId: 'sprache-id' },
      2,
    );
    await Promise.all([leipzig.started, workshops.started, updates.started]);
    await settle();
    // Another city, then an update of a public project, then the one Leipzig waits for, then a workshop.
    expect(
      (
        await announce({
          model: 'project',
          documentId: 'p-dresden',
          cityId: 'dresden-id',
          actionFieldIds: ['sprache-id'],
        })
      ).status,
    ).toBe(200);
    await announce({
      model: 'project',
      documentId: 'p-update',
      cityId: 'leipzig-id',
      actionFieldIds: ['sprache-id'],
      republished: true,
    });
    await announce({
      model: 'project',
      documentId: 'p-leipzig',
      cityId: 'leipzig-id',
      actionFieldIds: ['wohnen-id'],
    });
    await announce({ model: 'workshop', documentId: 'w-1', cityId: 'leipzig-id', actionFieldIds: [] });
    // Not publications: ignored.
    await announce({ model: 'project', documentId: 'p-x', event: 'entry.update' });
    await announce({ model: 'city', documentId: 'c-x' });

    const [project] = await leipzig.done;
    expect(project?.data?.contentPublished).toEqual({
      type: 'PROJECT',
      documentId: 'p-leipzig',
      kind: 'NEW',
      cityId: 'leipzig-id',
      actionFieldIds: ['wohnen-id'],
      project: { documentId: 'p-leipzig' },
      workshop: null,
    });
    const [workshop] = await workshops.done;
    expect(workshop?.data?.contentPublished).toMatchObject({
      type: 'WORKSHOP',
      documentId: 'w-1',
      workshop: { documentId: 'w-1' },
    });
    const events = await updates.done;
    expect(
      events.map((event) => [event.data?.contentPublished.documentId, event.data?.contentPublished.kind]),
    ).toEqual([
      ['p-dresden', 'NEW'],
      ['p-update', 'UPDATED'],
    ]);
  });

  it('takes content events only from the CMS', async () => {
    const forged = await fetch(`${forum.url}/webhooks/cms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
      body: JSON.stringify({
        id: randomUUID(),
        event: 'entry.publish',
        model: 'project',
        documentId: '../../etc',
      }),
    });
    // From loopback without a configured secret it is the CMS; a documentId that is none is refused.
    expect(forged.status).toBe(400);
    const bad = await fetch(`${forum.url}/webhooks/cms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
  });
});

describe('contentPublished with a webhook secret', () => {
  let guarded: TestForum;
  beforeAll(async () => {
    guarded = await startTestForum({ config: { cmsWebhookSecret: 'ein-geteiltes-geheimnis-1234' } });
  });
  afterAll(() => guarded?.close());

  it('refuses content events without the shared secret, even from loopback', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${guarded.url}/webhooks/cms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({
          id: randomUUID(),
          event: 'entry.publish',
          model: 'project',
          documentId: 'p-1',
        }),
      });
    expect((await post({})).status).toBe(401);
    expect((await post({ 'x-webhook-secret': 'falsch-falsch-falsch-falsch' })).status).toBe(401);
    expect((await post({ 'x-webhook-secret': 'ein-geteiltes-geheimnis-1234' })).status).toBe(200);
  });
});
