import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from './platform.js';

// The forum stores documentIds of CMS documents (a member's city and fields of action, a thread's project,
// workshop and fields of action). It checks them with the CMS when they are written, and a document an editor
// unpublishes later shows as a null entry, never as a blank list for everyone.

let platform: Platform;
let demo: {
  projects: { documentId: string; title: string }[];
  workshops: { documentId: string }[];
  actionFields: { documentId: string; name: string }[];
  cities: { documentId: string; name: string }[];
};
let categoryId: string;

beforeAll(async () => {
  platform = await startPlatform();
  demo = await platform.ok(`{
    projects(pagination: { pageSize: 3 }, sort: "title:asc") { documentId title }
    workshops(pagination: { pageSize: 1 }) { documentId }
    actionFields(pagination: { pageSize: 3 }, sort: "name:asc") { documentId name }
    cities(pagination: { pageSize: 2 }, sort: "name:asc") { documentId name }
  }`);
  categoryId = (await platform.ok('{ categories { id } }')).categories[0].id;
});
afterAll(() => platform?.close());

const waitFor = async (check: () => Promise<boolean>, timeoutMs = 10_000) => {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** What an editor does in the Strapi admin: unpublish (or publish again) a document. */
async function setPublished(uid: string, documentId: string, published: boolean) {
  const token = await platform.editorToken();
  const response = await fetch(
    `${platform.cms.url}/content-manager/collection-types/${uid}/${documentId}/actions/${published ? 'publish' : 'unpublish'}?locale=de`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    },
  );
  expect(response.ok).toBe(true);
}

const CREATE_THREAD = 'mutation ($i: CreateThreadInput!) { createThread(input: $i) { id } }';
const REGISTER = 'mutation ($input: RegisterMemberInput!) { registerMember(input: $input) { email } }';

describe('references are checked with the CMS when they are written', () => {
  it('refuses a profile naming a field of action that does not exist; the directory stays readable', async () => {
    const member = await platform.register('Ina Interessen', {
      interests: [demo.actionFields[0]!.documentId],
    });
    const refused = await platform.gql(
      'mutation { updateProfile(input: { interests: ["does-not-exist"] }) { id } }',
      {},
      { token: member.token },
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'interests' });
    const directory = await platform.gql(
      '{ members(first: 100) { nodes { displayName interests { name } } } }',
    );
    expect(directory.errors).toBeUndefined();
    expect(directory.data?.members.nodes).toContainEqual({
      displayName: 'Ina Interessen',
      interests: [{ name: demo.actionFields[0]!.name }],
    });
  });

  it('refuses a registration with a city or field of action that does not exist, and accepts real ones', async () => {
    const input = {
      email: `stadt-${Date.now()}@example.org`,
      password: 'ein sicheres Passwort',
      displayName: 'Stadt Test',
      sector: 'VERWALTUNG',
    };
    const badCity = await platform.gql(REGISTER, { input: { ...input, cityId: 'gibt-es-nicht' } });
    expect(badCity.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cityId' });
    const badField = await platform.gql(REGISTER, { input: { ...input, interests: ['gibt-es-nicht'] } });
    expect(badField.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'interests' });
    const good = await platform.register('Stadt Test', {
      cityId: demo.cities[0]!.documentId,
      interests: [demo.actionFields[1]!.documentId],
    });
    const { me } = await platform.ok('{ me { city { name } interests { name } } }', {}, good.token);
    expect(me).toMatchObject({
      city: { name: demo.cities[0]!.name },
      interests: [{ name: demo.actionFields[1]!.name }],
    });
  });

  it('refuses a thread about a project, workshop or field of action that does not exist', async () => {
    const member = await platform.register();
    for (const [field, value] of [
      ['projectId', 'gibt-es-nicht'],
      ['workshopId', 'gibt-es-nicht'],
      ['actionFieldIds', [demo.actionFields[0]!.documentId, 'gibt-es-nicht']],
    ] as const) {
      const result = await platform.gql(
        CREATE_THREAD,
        { i: { title: 'Über nichts', body: 'Text', categoryId, [field]: value } },
        { token: member.token },
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const accepted = await platform.gql(
      CREATE_THREAD,
      {
        i: {
          title: 'Über etwas Echtes',
          body: 'Text',
          categoryId,
          projectId: demo.projects[0]!.documentId,
          workshopId: demo.workshops[0]!.documentId,
          actionFieldIds: [demo.actionFields[0]!.documentId],
        },
      },
      { token: member.token },
    );
    expect(accepted.errors).toBeUndefined();
  });
});

describe('a document an editor unpublishes later', () => {
  it('leaves the thread list whole, with a null project, and is refused for new threads', async () => {
    const project = demo.projects[1]!;
    const member = await platform.register();
    const { createThread } = await platform.ok(
      CREATE_THREAD,
      {
        i: {
          title: 'Zum Projekt, das verschwindet',
          body: 'Text',
          categoryId,
          projectId: project.documentId,
        },
      },
      member.token,
    );
    await platform.ok(
      CREATE_THREAD,
      { i: { title: 'Ein anderes Thema', body: 'Text', categoryId } },
      member.token,
    );

    await setPublished('api::project.project', project.documentId, false);
    try {
      const query = '{ threads(first: 100) { nodes { id title project { title } } } }';
      await waitFor(async () => {
        const { data } = await platform.gql(query);
        return data?.threads.nodes.find((t: { id: string }) => t.id === createThread.id)?.project === null;
      });
      const { data } = await platform.gql(query);
      expect(data?.threads.nodes).toContainEqual({
        id: createThread.id,
        title: 'Zum Projekt, das verschwindet',
        project: null,
      });
      expect(data?.threads.nodes.map((t: { title: string }) => t.title)).toContain('Ein anderes Thema');

      const refused = await platform.gql(
        CREATE_THREAD,
        { i: { title: 'Zum Entwurf', body: 'Text', categoryId, projectId: project.documentId } },
        { token: member.token },
      );
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'projectId' });
    } finally {
      await setPublished('api::project.project', project.documentId, true);
    }
  });

  it('is a null entry in a member’s and a thread’s fields of action, not a blank directory or city page', async () => {
    const [kept, dropped] = [demo.actionFields[0]!, demo.actionFields[2]!];
    const city = demo.cities[1]!;
    const member = await platform.register('Uwe Unveröffentlicht', {
      cityId: city.documentId,
      interests: [kept.documentId, dropped.documentId],
    });
    await platform.register('Vera Vorhanden', { cityId: city.documentId });
    const { createThread } = await platform.ok(
      CREATE_THREAD,
      {
        i: {
          title: 'Zwei Handlungsfelder',
          body: 'Text',
          categoryId,
          actionFieldIds: [kept.documentId, dropped.documentId],
        },
      },
      member.token,
    );

    await setPublished('api::action-field.action-field', dropped.documentId, false);
    try {
      const members = '{ members(first: 100) { nodes { displayName interests { name } } } }';
      await waitFor(async () => {
        const { data } = await platform.gql(members);
        const uwe = data?.members?.nodes.find(
          (m: { displayName: string }) => m.displayName === 'Uwe Unveröffentlicht',
        );
        return uwe?.interests.includes(null) ?? false;
      });
      const directory = await platform.gql(members);
      expect(directory.data?.members.nodes).toContainEqual({
        displayName: 'Uwe Unveröffentlicht',
        interests: [{ name: kept.name }, null],
      });
      expect(directory.data?.members.nodes.map((m: { displayName: string }) => m.displayName)).toContain(
        'Vera Vorhanden',
      );

      const cityPage = await platform.gql(
        'query ($id: ID!) { city(documentId: $id) { name members { displayName interests { name } } } }',
        { id: city.documentId },
      );
      expect(cityPage.data?.city.members).toEqual(
        expect.arrayContaining([
          { displayName: 'Uwe Unveröffentlicht', interests: [{ name: kept.name }, null] },
          { displayName: 'Vera Vorhanden', interests: [] },
        ]),
      );

      const thread = await platform.gql(
        'query ($id: ID!) { thread(id: $id) { title actionFields { name } } }',
        {
          id: createThread.id,
        },
      );
      expect(thread.data?.thread).toEqual({
        title: 'Zwei Handlungsfelder',
        actionFields: [{ name: kept.name }, null],
      });
    } finally {
      await setPublished('api::action-field.action-field', dropped.documentId, true);
    }
  });
});
