// The open data licence: seeded with the default on every start, chosen by editors in the admin, read by the public
// (the website's exports and catalogue), never written by the public.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureOpenData } from '../src/features/open-data/ensure-open-data';
import { databaseAvailable, databaseKind, startCms, type TestCms } from './support/cms';

const EDITOR = { email: 'redaktion@example.org', password: 'Redaktion-Passwort-1' };
const QUERY = `{ openData { licenceName licenceId licenceUrl attribution publisherName contributorId } }`;

describe.skipIf(!databaseAvailable)(`the open data licence on ${databaseKind}`, () => {
  let cms: TestCms;

  beforeAll(async () => {
    cms = await startCms({ EDITOR_EMAIL: EDITOR.email, EDITOR_PASSWORD: EDITOR.password });
  });

  afterAll(async () => {
    await cms?.stop();
  });

  it('starts with the Datenlizenz Deutschland – Namensnennung – 2.0, readable by anyone', async () => {
    const result = await cms.graphql(QUERY);
    expect(result.errors).toBeUndefined();
    expect(result.data.openData).toMatchObject({
      licenceName: 'Datenlizenz Deutschland – Namensnennung – 2.0',
      licenceId: 'dl-by-de/2.0',
      licenceUrl: 'https://www.govdata.de/dl-de/by-2-0',
      publisherName: 'Stadtnetz Integration',
    });
    const rest = await fetch(`${cms.url}/api/open-data`);
    expect(rest.status).toBe(200);
  });

  it('takes the licence an editor chooses in the admin and keeps it on the next start', async () => {
    const login = await fetch(`${cms.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(EDITOR),
    });
    const token = ((await login.json()) as any).data.token as string;
    const saved = await fetch(`${cms.url}/content-manager/single-types/api::open-data.open-data`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        licenceName: 'Creative Commons Namensnennung 4.0 International',
        licenceId: 'cc-by/4.0',
        licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
        attribution: 'Stadtnetz Integration',
        publisherName: 'Stadtnetz Integration',
      }),
    });
    expect(saved.status).toBe(200);
    expect(await ensureOpenData(cms.strapi)).toBe(false);
    const result = await cms.graphql(QUERY);
    expect(result.data.openData.licenceId).toBe('cc-by/4.0');
  });

  it('refuses writes from the public', async () => {
    const write = await fetch(`${cms.url}/api/open-data`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: { licenceName: 'Gekapert' } }),
    });
    expect(write.status).toBeGreaterThanOrEqual(403);
    expect(write.status).toBeLessThan(500);
    const mutation = await cms.graphql(
      `mutation { updateOpenData(data: { licenceName: "Gekapert" }) { licenceName } }`,
    );
    expect(mutation.errors?.length).toBeGreaterThan(0);
    expect((await cms.graphql(QUERY)).data.openData.licenceName).not.toBe('Gekapert');
  });
});
