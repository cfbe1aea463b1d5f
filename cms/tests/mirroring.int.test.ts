// Mirroring for portals: updatedSince on the public lists, and tombstones (removedDocuments) for published documents
// that editors unpublish or delete — none for drafts that were never public.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseAvailable, databaseKind, startCms, type TestCms } from './support/cms';

describe.skipIf(!databaseAvailable)(`mirroring on ${databaseKind}`, () => {
  let cms: TestCms;
  const projects = () => cms.strapi.documents('api::project.project' as never) as any;
  const create = async (slug: string, status?: 'published') =>
    (
      await projects().create({
        locale: 'de',
        ...(status ? { status } : {}),
        data: {
          title: `Spiegelprojekt ${slug}`,
          slug,
          summary: 'Ein Projekt, an dem das Spiegeln geprüft wird.',
          projectStatus: 'laufend',
          source: 'redaktionell',
        },
      })
    ).documentId as string;

  const EDITOR = { email: 'redaktion@example.org', password: 'Redaktion-Passwort-1' };
  beforeAll(async () => {
    cms = await startCms({ EDITOR_EMAIL: EDITOR.email, EDITOR_PASSWORD: EDITOR.password });
  });
  afterAll(async () => {
    await cms?.stop();
  });

  it('lists only what changed after updatedSince, on lists and connections, with other filters', async () => {
    const old = await create('spiegel-alt', 'published');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const fresh = await create('spiegel-neu', 'published');
    const result = await cms.graphql(
      `query ($since: DateTime) {
         projects(updatedSince: $since) { documentId }
         projects_connection(updatedSince: $since, filters: { slug: { startsWith: "spiegel" } }) {
           nodes { documentId } pageInfo { total } }
         all: projects(filters: { slug: { startsWith: "spiegel" } }) { documentId }
       }`,
      { since },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.projects.map((p: any) => p.documentId)).toEqual([fresh]);
    expect(result.data.projects_connection.pageInfo.total).toBe(1);
    expect(result.data.all.map((p: any) => p.documentId).sort()).toEqual([old, fresh].sort());
  });

  it('keeps a tombstone for each published document unpublished or deleted, and none for drafts', async () => {
    const before = new Date(Date.now() - 1).toISOString();
    const unpublished = await create('spiegel-zurueckgezogen', 'published');
    const deleted = await create('spiegel-geloescht', 'published');
    const draft = await create('spiegel-entwurf');
    await projects().unpublish({ documentId: unpublished, locale: 'de' });
    await projects().delete({ documentId: deleted, locale: 'de' });
    await projects().delete({ documentId: draft, locale: 'de' });

    const query = `query ($since: DateTime, $after: String, $first: Int) {
      removedDocuments(since: $since, after: $after, first: $first, types: ["Project"]) {
        type documentId locale reason at cursor } }`;
    const result = await cms.graphql(query, { since: before });
    expect(result.errors).toBeUndefined();
    const removed = result.data.removedDocuments;
    expect(removed.map((r: any) => [r.documentId, r.reason])).toEqual([
      [unpublished, 'UNPUBLISHED'],
      [deleted, 'DELETED'],
    ]);
    expect(removed[0]).toMatchObject({ type: 'Project', locale: 'de' });
    expect(Date.parse(removed[0].at)).toBeGreaterThanOrEqual(Date.parse(before));
    // Page by cursor: exactly the next one.
    const page = await cms.graphql(query, { since: before, first: 1 });
    const next = await cms.graphql(query, { after: page.data.removedDocuments[0].cursor, first: 1 });
    expect(next.data.removedDocuments.map((r: any) => r.documentId)).toEqual([deleted]);
    // The unpublished one is gone from the public list.
    const list = await cms.graphql(
      `{ projects(filters: { slug: { startsWith: "spiegel-z" } }) { documentId } }`,
    );
    expect(list.data.projects).toEqual([]);
  });

  it('keeps a tombstone when an editor unpublishes in the admin (inside Strapi’s transaction)', async () => {
    const before = new Date(Date.now() - 1).toISOString();
    const documentId = await create('spiegel-admin', 'published');
    const login = await fetch(`${cms.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(EDITOR),
    });
    const headers = {
      authorization: `Bearer ${((await login.json()) as any).data.token}`,
      'content-type': 'application/json',
    };
    const base = `${cms.url}/content-manager/collection-types/api::project.project/${documentId}/actions`;
    const unpublished = await fetch(`${base}/unpublish?locale=de`, { method: 'POST', headers, body: '{}' });
    expect(unpublished.status).toBe(200);
    const result = await cms.graphql(
      `query ($since: DateTime) { removedDocuments(since: $since) { documentId reason } }`,
      {
        since: before,
      },
    );
    expect(result.data.removedDocuments).toEqual([{ documentId, reason: 'UNPUBLISHED' }]);
    // Published again: it is back, and counts as changed since the removal.
    const published = await fetch(`${base}/publish?locale=de`, { method: 'POST', headers, body: '{}' });
    expect(published.status).toBe(200);
    const back = await cms.graphql(
      `query ($since: DateTime) { projects(updatedSince: $since) { documentId } }`,
      {
        since: before,
      },
    );
    expect(back.data.projects.map((p: any) => p.documentId)).toContain(documentId);
  });

  it('refuses bad arguments with BAD_USER_INPUT', async () => {
    for (const [args, field] of [
      ['first: 101', 'first'],
      ['after: "x1"', 'after'],
      ['types: ["Member"]', 'types'],
    ]) {
      const result = await cms.graphql(`{ removedDocuments(${args}) { documentId } }`);
      expect(result.errors?.[0]?.extensions?.code, args).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.field, args).toBe(field);
    }
  });
});
