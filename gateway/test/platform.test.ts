import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from './platform.js';

let platform: Platform;
let project: {
  documentId: string;
  title: string;
  city: { documentId: string; name: string };
  actionFields: { documentId: string; name: string }[];
};
let workshop: { documentId: string; title: string };
let member: { id: string; token: string };
let threadId: string;

beforeAll(async () => {
  platform = await startPlatform();
  const data = await platform.ok(`{
    projects(pagination: { pageSize: 1 }, sort: "title:asc") { documentId title city { documentId name } actionFields { documentId name } }
    workshops(pagination: { pageSize: 1 }) { documentId title }
  }`);
  project = data.projects[0];
  workshop = data.workshops[0];
  member = await platform.register('Gerda Gateway', { cityId: project.city.documentId });
  const categories = await platform.ok('{ categories { id } }');
  const created = await platform.ok(
    `mutation ($input: CreateThreadInput!) { createThread(input: $input) { id } }`,
    {
      input: {
        title: 'Erfahrungen mit dem Projekt',
        body: 'Wer kennt es?',
        categoryId: categories.categories[0].id,
        projectId: project.documentId,
        workshopId: workshop.documentId,
        actionFieldIds: [project.actionFields[0]!.documentId],
      },
    },
    member.token,
  );
  threadId = created.createThread.id;
});
afterAll(() => platform?.close());

describe('every field that crosses the two services', () => {
  it('Project.discussions (CMS → forum)', async () => {
    const data = await platform.ok(
      'query ($id: ID!) { project(documentId: $id) { title discussions { id title } } }',
      { id: project.documentId },
    );
    expect(data.project).toEqual({
      title: project.title,
      discussions: [{ id: threadId, title: 'Erfahrungen mit dem Projekt' }],
    });
  });

  it('Workshop.discussions (CMS → forum)', async () => {
    const data = await platform.ok('query ($id: ID!) { workshop(documentId: $id) { discussions { id } } }', {
      id: workshop.documentId,
    });
    expect(data.workshop.discussions).toEqual([{ id: threadId }]);
  });

  it('Thread.project and Thread.workshop (forum → CMS)', async () => {
    const data = await platform.ok(
      'query ($id: ID!) { thread(id: $id) { project { title city { name } } workshop { title } } }',
      { id: threadId },
    );
    expect(data.thread).toEqual({
      project: { title: project.title, city: { name: project.city.name } },
      workshop: { title: workshop.title },
    });
  });

  it('Member.city (forum → CMS) and City.members, City.memberCount (CMS → forum)', async () => {
    const data = await platform.ok(
      'query ($id: ID!, $city: ID!) { member(id: $id) { city { name } } city(documentId: $city) { members { displayName } memberCount } }',
      { id: member.id, city: project.city.documentId },
    );
    expect(data.member.city).toEqual({ name: project.city.name });
    expect(data.city).toEqual({ members: [{ displayName: 'Gerda Gateway' }], memberCount: 1 });
  });

  it('ActionField.threads (CMS → forum) and Thread.actionFields (forum → CMS)', async () => {
    const field = project.actionFields[0]!;
    const data = await platform.ok(
      'query ($f: ID!, $t: ID!) { actionField(documentId: $f) { threads { id } } thread(id: $t) { actionFields { name } } }',
      { f: field.documentId, t: threadId },
    );
    expect(data.actionField.threads).toEqual([{ id: threadId }]);
    expect(data.thread.actionFields).toEqual([{ name: field.name }]);
  });

  it('the cross-service page of projects with their city and discussions', async () => {
    const data = await platform.ok(
      '{ projects(pagination: { pageSize: 20 }) { title city { name } discussions { title } } }',
    );
    expect(data.projects).toHaveLength(20);
    expect(data.projects.every((p: { city: { name: string } | null }) => p.city?.name)).toBe(true);
  });
});

describe('subscriptions through the gateway', () => {
  it('deliver a new post whose payload needs the CMS (the thread’s project)', async () => {
    const client = platform.subscriber();
    const received = new Promise<any>((resolve, reject) => {
      client.subscribe(
        {
          query:
            'subscription ($t: ID!) { postAdded(threadId: $t) { body author { displayName } thread { project { title } } } }',
          variables: { t: threadId },
        },
        { next: resolve, error: reject, complete: () => undefined },
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await platform.ok(
      'mutation ($t: ID!) { addPost(input: { threadId: $t, body: "Live über das Gateway" }) { id } }',
      { t: threadId },
      member.token,
    );
    const event = await received;
    expect(event.data.postAdded).toEqual({
      body: 'Live über das Gateway',
      author: { displayName: 'Gerda Gateway' },
      thread: { project: { title: project.title } },
    });
    await client.dispose();
  });

  it('shares one stream among clients with the same operation', async () => {
    const clients = Array.from({ length: 10 }, () => platform.subscriber());
    const query = 'subscription ($t: ID!) { postAdded(threadId: $t) { id } }';
    const all = clients.map(
      (client) =>
        new Promise<any>((resolve, reject) => {
          client.subscribe(
            { query, variables: { t: threadId } },
            { next: resolve, error: reject, complete: () => undefined },
          );
        }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const metrics = await (await fetch(`${platform.gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_shared_subscription_streams 1\b/);
    expect(metrics).toMatch(/gateway_open_subscriptions 10\b/);
    const { addPost } = await platform.ok(
      'mutation ($t: ID!) { addPost(input: { threadId: $t, body: "für alle" }) { id } }',
      { t: threadId },
      member.token,
    );
    for (const event of await Promise.all(all)) expect(event.data.postAdded.id).toBe(addPost.id);
    await Promise.all(clients.map((client) => client.dispose()));
  });

  it("deliver a member's own notifications only to that member", async () => {
    const other = await platform.register();
    const client = platform.subscriber({ token: member.token });
    const received = new Promise<any>((resolve, reject) => {
      client.subscribe(
        { query: 'subscription { notificationAdded { kind actor { id } } }' },
        { next: resolve, error: reject, complete: () => undefined },
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await platform.ok(
      'mutation ($t: ID!) { addPost(input: { threadId: $t, body: "Antwort für Gerda" }) { id } }',
      { t: threadId },
      other.token,
    );
    const event = await received;
    expect(event.data.notificationAdded).toEqual({ kind: 'THREAD_POST', actor: { id: other.id } });
    await client.dispose();
  });
});

describe('identity', () => {
  it('refuses a forged token with UNAUTHENTICATED, and passes a valid one to the subgraphs', async () => {
    const forged = `${member.token.slice(0, -4)}AAAA`;
    const refused = await platform.gql('{ me { id } }', {}, { token: forged });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(refused.data?.me).toBeUndefined();
    const me = await platform.ok('{ me { id } mySubmissions { documentId } }', {}, member.token);
    expect(me.me.id).toBe(member.id);
    expect(me.mySubmissions).toEqual([]);
  });

  it('lets a signed-in member submit a project through the gateway, as a draft', async () => {
    const fieldId = project.actionFields[0]!.documentId;
    const submitted = await platform.gql(
      `mutation ($input: SubmitProjectInput!) { submitProject(input: $input) { documentId title } }`,
      {
        input: {
          title: 'Nachbarschaftsküche für alle',
          summary: 'Einmal pro Woche kochen Nachbarinnen und Nachbarn gemeinsam, alte und neue.',
          description:
            'Eine offene Küche im Stadtteilzentrum, in der Menschen aus vielen Ländern gemeinsam kochen.',
          actionFields: [fieldId],
          city: project.city.documentId,
        },
      },
      { token: member.token },
    );
    if (submitted.errors) {
      // The input type belongs to the CMS; show what it wants if this test is out of date.
      throw new Error(JSON.stringify(submitted.errors));
    }
    const mine = await platform.ok('{ mySubmissions { title } }', {}, member.token);
    expect(mine.mySubmissions.map((s: { title: string }) => s.title)).toContain(
      'Nachbarschaftsküche für alle',
    );
    const anonymous = await platform.gql('mutation { submitProject(input: { title: "x" }) { documentId } }');
    expect(anonymous.errors?.[0]?.extensions?.['code']).toMatch(
      /UNAUTHENTICATED|GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT/,
    );
    // Drafts never reach the public.
    const visible = await platform.ok(
      '{ projects(filters: { title: { eq: "Nachbarschaftsküche für alle" } }) { documentId } }',
    );
    expect(visible.projects).toEqual([]);
  });
});

describe('the public contract', () => {
  it('offers no CMS write mutation, no Strapi internals and no federation internals', async () => {
    const data = await platform.ok(
      '{ __schema { mutationType { fields { name } } queryType { fields { name } } types { name } } }',
    );
    const mutations = data.__schema.mutationType.fields.map((f: { name: string }) => f.name);
    const queries = data.__schema.queryType.fields.map((f: { name: string }) => f.name);
    const types = data.__schema.types.map((t: { name: string }) => t.name);
    for (const name of [
      'createProject',
      'updateProject',
      'deleteProject',
      'publishProject',
      'login',
      'register',
      'deleteUploadFile',
      'createUsersPermissionsUser',
    ]) {
      expect(mutations).not.toContain(name);
    }
    for (const name of ['registerMember', 'signIn', 'createThread', 'addPost', 'submitProject'])
      expect(mutations).toContain(name);
    for (const name of ['_entities', '_service', 'usersPermissionsUsers', 'usersPermissionsRoles'])
      expect(queries).not.toContain(name);
    for (const name of ['projects', 'project', 'workshops', 'cities', 'actionFields', 'threads', 'thread'])
      expect(queries).toContain(name);
    for (const name of ['UsersPermissionsUser', '_Entity', '_Service', 'join__Graph'])
      expect(types).not.toContain(name);
  });

  it('never leaks a stack trace', async () => {
    const result = await platform.gql('{ thread(id: 42) { nonsense } }');
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(result)).not.toMatch(/stacktrace|at \S+ \(/);
  });
});

describe('the website’s session cookie', () => {
  it('signs a WebSocket in from an allowed origin, and not from another one', async () => {
    const { createClient } = await import('graphql-ws');
    const { default: WebSocket } = await import('ws');
    const connect = (origin: string) => {
      class WithCookie extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, {
            headers: { cookie: `other=1; stadtnetz_session=${member.token}`, origin },
          });
        }
      }
      return createClient({
        url: `${platform.gateway.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WithCookie,
        retryAttempts: 0,
      });
    };
    const ask = (client: ReturnType<typeof connect>) =>
      new Promise<any>((resolve) => {
        client.subscribe(
          { query: '{ me { id } }' },
          { next: resolve, error: resolve, complete: () => undefined },
        );
      });
    const allowed = connect(platform.websiteOrigin);
    expect((await ask(allowed)).data.me).toEqual({ id: member.id });
    await allowed.dispose();
    const foreign = connect('https://evil.example');
    expect((await ask(foreign)).data.me).toBeNull();
    await foreign.dispose();
  });
});
