// What editors meet in the admin and what the public reads of the site's own pages: the everyday editor account,
// German labels, the legal pages (single types), accessibility feedback, and the signed preview of drafts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewUrl } from '../src/features/preview/preview-link';
import { databaseAvailable, databaseKind, startCms, type TestCms } from './support/cms';

const EDITOR = { email: 'redaktion@example.org', password: 'Redaktion-Passwort-1' };
const ADMIN = { email: 'admin@example.org', password: 'Admin-Passwort-1' };
const PREVIEW_SECRET = 'preview-secret-for-the-tests-1234';
const WEBSITE = 'http://127.0.0.1:39999';

async function signIn(cms: TestCms, account: { email: string; password: string }) {
  const response = await fetch(`${cms.url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  expect(response.status).toBe(200);
  const { data } = (await response.json()) as { data: { token: string; user: any } };
  return { headers: { authorization: `Bearer ${data.token}` }, user: data.user };
}

describe.skipIf(!databaseAvailable)(`editors and the site's pages on ${databaseKind}`, () => {
  let cms: TestCms;

  beforeAll(async () => {
    cms = await startCms({
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      EDITOR_EMAIL: EDITOR.email,
      EDITOR_PASSWORD: EDITOR.password,
      PREVIEW_SECRET,
      WEBSITE_URL: WEBSITE,
    });
  });

  afterAll(async () => {
    await cms?.stop();
  });

  it('creates the everyday editor with the Editor role and German, besides the super admin', async () => {
    const editor = await signIn(cms, EDITOR);
    expect(editor.user.preferedLanguage).toBe('de');
    const me = await fetch(`${cms.url}/admin/users/me`, { headers: editor.headers });
    const roles = ((await me.json()) as any).data.roles.map((role: { code: string }) => role.code);
    expect(roles).toEqual(['strapi-editor']);
    // No roles, users or settings for the editor …
    for (const path of ['/admin/roles', '/admin/users', '/admin/webhooks', '/admin/api-tokens']) {
      const response = await fetch(`${cms.url}${path}`, { headers: editor.headers });
      expect(response.status, path).toBe(403);
    }
    const changeRole = await fetch(`${cms.url}/admin/roles/1`, {
      method: 'PUT',
      headers: { ...editor.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Übernommen' }),
    });
    expect(changeRole.status).toBe(403);
    // … but content: the editor reads projects and the site's pages in the content manager.
    for (const path of [
      '/content-manager/collection-types/api::workshop.workshop?page=1&pageSize=10&locale=de',
      '/content-manager/single-types/api::legal-notice.legal-notice?locale=de',
      '/content-manager/collection-types/api::accessibility-feedback.accessibility-feedback?page=1&pageSize=10',
    ]) {
      const response = await fetch(`${cms.url}${path}`, { headers: editor.headers });
      expect(response.status, path).toBe(200);
    }
    const admin = await signIn(cms, ADMIN);
    expect(admin.user.preferedLanguage).toBe('de');
    const adminRoles = await fetch(`${cms.url}/admin/roles`, { headers: admin.headers });
    expect(adminRoles.status).toBe(200);
  });

  it('gives every field German labels and help texts in the content manager', async () => {
    const { headers } = await signIn(cms, EDITOR);
    const response = await fetch(
      `${cms.url}/content-manager/content-types/api::project.project/configuration`,
      { headers },
    );
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as any;
    const metadatas = data.contentType.metadatas;
    expect(metadatas.actionFields.edit.label).toBe('Handlungsfelder');
    expect(metadatas.submittedBy.edit.label).toBe('Eingereicht von (Mitglieds-ID)');
    expect(metadatas.submittedBy.edit.description).toMatch(/nie öffentlich/);
    expect(metadatas.actionFields.list.label).toBe('Handlungsfelder');
    // Components too, and every one of our fields has a label that is not its raw name.
    const workshop = (await (
      await fetch(`${cms.url}/content-manager/content-types/api::workshop.workshop/configuration`, {
        headers,
      })
    ).json()) as any;
    expect(workshop.data.components['workshop.registration'].metadatas.deadline.edit.label).toBe(
      'Anmeldefrist',
    );
    for (const [field, meta] of Object.entries<any>(workshop.data.contentType.metadatas)) {
      if (
        [
          'id',
          'documentId',
          'createdAt',
          'updatedAt',
          'publishedAt',
          'createdBy',
          'updatedBy',
          'locale',
          'localizations',
        ].includes(field)
      )
        continue;
      expect(meta.edit.label, field).not.toBe(field);
    }
  });

  it('seeds the four pages as published placeholders and serves them to the public, in German and English', async () => {
    const result = await cms.graphql(`{
      legalNotice { title intro sections { heading body } }
      privacyPolicy { title intro }
      accessibilityStatement { title intro sections { heading } }
      easyLanguage { title intro sections { heading body } }
      en: legalNotice(locale: "en") { title }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.legalNotice.title).toBe('Impressum');
    expect(result.data.legalNotice.intro).toMatch(/PLATZHALTER.*vervollständigt/);
    expect(result.data.legalNotice.intro).toMatch(/§ 5 Digitale-Dienste-Gesetz/);
    expect(result.data.privacyPolicy.title).toBe('Datenschutzerklärung');
    expect(result.data.privacyPolicy.intro).toMatch(/Art\. 13 DSGVO/);
    expect(result.data.accessibilityStatement.intro).toMatch(/BITV 2\.0/);
    expect(result.data.accessibilityStatement.sections.map((s: any) => s.heading)).toContain(
      'Schlichtungsverfahren',
    );
    expect(result.data.easyLanguage.title).toBe('Leichte Sprache');
    expect(result.data.en.title).toBe('Legal notice');
  });

  it('keeps what an editor wrote, and drafts of a page stay unpublished', async () => {
    const pages = cms.strapi.documents('api::legal-notice.legal-notice' as never) as any;
    const current = await pages.findFirst({ locale: 'de', status: 'draft' });
    await pages.update({
      documentId: current.documentId,
      locale: 'de',
      data: { title: 'Impressum (Entwurf der Redaktion)' },
    });
    const { ensurePages } = await import('../src/features/pages/ensure-pages');
    expect(await ensurePages(cms.strapi)).toEqual([]);
    const result = await cms.graphql(`{ legalNotice { title } }`);
    expect(result.data.legalNotice.title).toBe('Impressum');
    const draft = await cms.graphql(`{ legalNotice(status: DRAFT) { title } }`);
    expect(draft.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const rest = await fetch(`${cms.url}/api/legal-notice?status=draft`);
    expect(rest.status).toBe(403);
    const write = await fetch(`${cms.url}/api/legal-notice`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: { title: 'Gekapert' } }),
    });
    expect(write.status).toBeGreaterThanOrEqual(403);
    expect(write.status).toBeLessThan(500);
  });

  it('stores accessibility feedback as an entry that editors see and the public never reads', async () => {
    const sent = await cms.graphql(
      `mutation($input: AccessibilityFeedbackInput!) { submitAccessibilityFeedback(input: $input) { reference } }`,
      {
        input: {
          message: 'Das Kontrastverhältnis der Fußzeile ist zu gering.',
          pageUrl: '/projekte',
          email: 'leser@example.org',
        },
      },
    );
    expect(sent.errors).toBeUndefined();
    const reference = sent.data.submitAccessibilityFeedback.reference as string;
    expect(reference).toMatch(/^BF-[0-9A-F]{8}$/);
    const { headers } = await signIn(cms, EDITOR);
    const list = await fetch(
      `${cms.url}/content-manager/collection-types/api::accessibility-feedback.accessibility-feedback?page=1&pageSize=10`,
      { headers },
    );
    const entries = ((await list.json()) as any).results;
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          reference,
          message: 'Das Kontrastverhältnis der Fußzeile ist zu gering.',
          pageUrl: '/projekte',
          feedbackStatus: 'neu',
        }),
      ]),
    );
    // The public: no query, no REST route.
    const read = await cms.graphql(`{ accessibilityFeedbacks { message } }`);
    expect(read.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await fetch(`${cms.url}/api/accessibility-feedbacks`)).status).toBe(404);
    // Bad input names its field and stores nothing.
    const bad = await cms.graphql(
      `mutation { submitAccessibilityFeedback(input: { message: "kurz", email: "keine" }) { reference } }`,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'message' });
    const count = await cms.strapi.db
      .query('api::accessibility-feedback.accessibility-feedback' as never)
      .count({});
    expect(count).toBe(1);
  });

  it('refuses more than five reports in ten minutes from one address', async () => {
    const send = () =>
      cms.graphql(
        `mutation { submitAccessibilityFeedback(input: { message: "Der Link im Kopf ist nicht fokussierbar." }) { reference } }`,
        {},
        { 'x-forwarded-for': '203.0.113.77' },
      );
    for (let i = 0; i < 5; i += 1) expect((await send()).errors).toBeUndefined();
    const refused = await send();
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('gives a draft to a valid preview link only', async () => {
    const projects = cms.strapi.documents('api::project.project' as never) as any;
    const draft = await projects.create({
      locale: 'de',
      data: {
        title: 'Vorschau-Entwurf Quartierslabor',
        slug: 'vorschau-entwurf',
        summary: 'Noch nicht veröffentlicht.',
        submittedBy: 'member-1',
      },
    });
    const target = {
      type: 'project' as const,
      documentId: draft.documentId,
      locale: 'de',
      status: 'draft' as const,
    };
    const link = new URL(previewUrl(WEBSITE, PREVIEW_SECRET, target, 600));
    expect(link.origin).toBe(WEBSITE);
    expect(link.pathname).toBe(`/vorschau/project/${draft.documentId}`);
    const cmsLink = `${cms.url}/preview/project/${draft.documentId}${link.search}`;
    const ok = await fetch(cmsLink);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toContain('no-store');
    const body = (await ok.json()) as any;
    expect(body.data.document.title).toBe('Vorschau-Entwurf Quartierslabor');
    expect(body.data.document.submittedBy).toBeUndefined();

    const wrong = new URL(cmsLink);
    wrong.searchParams.set('signature', 'A'.repeat(43));
    const expired = new URL(
      `${cms.url}/preview/project/${draft.documentId}${new URL(previewUrl(WEBSITE, PREVIEW_SECRET, target, 60, Date.now() - 3_600_000)).search}`,
    );
    const otherDocument = new URL(cmsLink.replace(draft.documentId, 'anotherdocumentid000000'));
    for (const [url, code] of [
      [`${cms.url}/preview/project/${draft.documentId}`, 'FORBIDDEN'],
      [wrong.toString(), 'FORBIDDEN'],
      [expired.toString(), 'PREVIEW_EXPIRED'],
      [otherDocument.toString(), 'FORBIDDEN'],
    ] as const) {
      const response = await fetch(url);
      expect(response.status, url).toBe(403);
      const text = await response.text();
      expect(text).not.toContain('Vorschau-Entwurf');
      expect(JSON.parse(text).error.code).toBe(code);
    }
    // The public API keeps refusing the draft.
    const published = await cms.graphql(`query($id: ID!) { project(documentId: $id) { title } }`, {
      id: draft.documentId,
    });
    expect(published.data.project).toBeNull();
  });

  it('configures Strapi preview to open the website with a signed link', async () => {
    const { headers } = await signIn(cms, EDITOR);
    const projects = cms.strapi.documents('api::project.project' as never) as any;
    const draft = await projects.create({
      locale: 'de',
      data: { title: 'Noch ein Entwurf', slug: 'noch-ein-entwurf' },
    });
    const response = await fetch(
      `${cms.url}/content-manager/preview/url/api::project.project?documentId=${draft.documentId}&locale=de&status=draft`,
      { headers },
    );
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: { url: string } };
    const url = new URL(data.url);
    expect(url.origin).toBe(WEBSITE);
    expect(url.pathname).toBe(`/vorschau/project/${draft.documentId}`);
    expect(url.searchParams.get('signature')).toMatch(/^[\w-]{43}$/);
    const viaCms = await fetch(`${cms.url}/preview/project/${draft.documentId}${url.search}`);
    expect(((await viaCms.json()) as any).data.document.title).toBe('Noch ein Entwurf');
  });
});
