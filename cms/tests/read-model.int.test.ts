import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CMS_DIR, databaseAvailable, databaseKind, startCms, type TestCms } from './support/cms';
import { createFixtures, type Fixtures } from './support/fixtures';

const require = createRequire(import.meta.url);
const readModel = () =>
  require(path.join(CMS_DIR, 'dist/src/features/read-model/project-listing.js')) as {
    reindex(strapi: unknown): Promise<{ projects: number }>;
    ensureReadModel(strapi: unknown): Promise<void>;
  };

/**
 * The CMS's read model of published projects (features/read-model): what search and `similar` read must follow
 * every published change at once, and the lists kept current change by change must be exactly what a full
 * rebuild computes.
 */
describe.skipIf(!databaseAvailable)(`read model of published projects on ${databaseKind}`, () => {
  let cms: TestCms;
  let data: Fixtures;
  const projects = () => cms.strapi.documents('api::project.project' as never) as any;
  const knex = () => cms.strapi.db.connection;

  const listing = async () =>
    await knex()('project_listing')
      .select('document_id', 'locale', 'title')
      .orderBy(['locale', 'document_id']);
  const similarLists = async () =>
    (
      await knex()('project_similar')
        .select('locale', 'source_document_id', 'position', 'document_id', 'score')
        .orderBy(['locale', 'source_document_id', 'position'])
    ).map((row: any) => ({
      ...row,
      score: Number(Number(row.score).toFixed(9)),
    }));
  const similarTitles = async (documentId: string, limit = 20) => {
    const result = await cms.graphql(
      `query($id: ID!, $limit: Int) { project(documentId: $id) { similar(limit: $limit) { title } } }`,
      { id: documentId, limit },
    );
    expect(result.errors).toBeUndefined();
    return result.data.project.similar.map((project: any) => project.title) as string[];
  };
  const publishedCount = () =>
    cms.strapi.db
      .query('api::project.project' as never)
      .count({ where: { publishedAt: { $notNull: true } } });

  beforeAll(async () => {
    cms = await startCms();
    data = await createFixtures(cms.strapi);
  });

  afterAll(async () => {
    await cms?.stop();
  });

  it('is created by a Strapi migration and holds one row per published project and locale', async () => {
    const migrations = await knex()('strapi_migrations').select('name');
    expect(migrations.map((row: any) => row.name)).toEqual(
      expect.arrayContaining([
        '2026.12.02T00.00.00.project-read-model.js',
        '2026.12.02T12.00.00.project-list-read-model.js',
      ]),
    );
    expect((await listing()).length).toBe(await publishedCount());
    expect((await listing()).map((row: any) => row.document_id)).not.toContain(data.projects.draftOnly);
  });

  it('follows a publish, an update and an unpublish before the call returns', async () => {
    const created = await projects().create({
      locale: 'de',
      status: 'published',
      data: {
        title: 'Sprachcafé für Eltern und Nachbarn',
        slug: 'sprachcafe-eltern-nachbarn',
        summary: 'Eltern lernen Deutsch im Sprachcafé, Nachbarn kommen dazu.',
        projectStatus: 'laufend',
        source: 'redaktionell',
        actionFields: [data.actionFields.sprache],
      },
    });
    const id = created.documentId as string;
    expect((await listing()).map((row: any) => row.document_id)).toContain(id);
    // The new project is similar to the language course, and the course's list shows it at once.
    expect(await similarTitles(data.projects.sprachkurse)).toContain('Sprachcafé für Eltern und Nachbarn');
    const search = await cms.graphql(`{ searchProjects(query: "Sprachcafé") { nodes { title } } }`);
    expect(search.data.searchProjects.nodes).toEqual([{ title: 'Sprachcafé für Eltern und Nachbarn' }]);

    await projects().update({
      documentId: id,
      locale: 'de',
      status: 'published',
      data: {
        title: 'Nachbarschaftsgarten',
        summary: 'Gärtnern im Hof.',
        actionFields: [data.actionFields.wohnen],
      },
    });
    expect(await similarTitles(data.projects.sprachkurse)).not.toContain(
      'Sprachcafé für Eltern und Nachbarn',
    );
    const renamed = await cms.graphql(`{ searchProjects(query: "Sprachcafé") { total } }`);
    expect(renamed.data.searchProjects.total).toBe(0);

    await projects().unpublish({ documentId: id });
    expect((await listing()).map((row: any) => row.document_id)).not.toContain(id);
    const lists = await similarLists();
    expect(lists.map((row: any) => row.document_id)).not.toContain(id);
    expect(lists.map((row: any) => row.source_document_id)).not.toContain(id);
  });

  it('drops a field of action that is unpublished from what similarity reads', async () => {
    const profile = async () =>
      JSON.parse(
        (
          await knex()('project_listing')
            .where({ document_id: data.projects.sprachkurse, locale: 'de' })
            .first()
        ).profile,
      ).actionFields as string[];
    expect(await profile()).toContain(data.actionFields.sprache);
    await cms.strapi.documents('api::action-field.action-field' as never).unpublish({
      documentId: data.actionFields.sprache,
    } as never);
    // The unpublish may run in a transaction of its own, written right after its commit.
    await expect.poll(profile).not.toContain(data.actionFields.sprache);
    const lists = await similarLists();
    const course = lists.filter((row: any) => row.source_document_id === data.projects.sprachkurse);
    await readModel().reindex(cms.strapi);
    expect(
      (await similarLists()).filter((row: any) => row.source_document_id === data.projects.sprachkurse),
    ).toEqual(course);
  });

  it('follows changes made inside a transaction once it commits, as the admin makes them', async () => {
    // The admin unpublishes inside a transaction of its own; with SQLite's one connection, a read outside it
    // while it is open would wait forever.
    const fieldDocuments = cms.strapi.documents('api::action-field.action-field' as never) as any;
    const field = await fieldDocuments.create({
      locale: 'de',
      status: 'published',
      data: { name: 'Gesundheit', slug: 'gesundheit' },
    });
    const created = await projects().create({
      locale: 'de',
      status: 'published',
      data: {
        title: 'Gesundheitslotsen',
        slug: 'gesundheitslotsen',
        summary: 'Lotsen begleiten zu Ärztinnen und Ärzten.',
        projectStatus: 'laufend',
        source: 'redaktionell',
        actionFields: [field.documentId],
      },
    });
    const profile = async () =>
      JSON.parse(
        (await knex()('project_listing').where({ document_id: created.documentId, locale: 'de' }).first())
          .profile,
      ).actionFields as string[];
    expect(await profile()).toEqual([field.documentId]);
    await cms.strapi.db.transaction(() => fieldDocuments.unpublish({ documentId: field.documentId }));
    await expect.poll(profile).toEqual([]);
    await cms.strapi.db.transaction(() => projects().unpublish({ documentId: created.documentId }));
    await expect
      .poll(async () => (await listing()).map((row: any) => row.document_id))
      .not.toContain(created.documentId);
  });

  it('keeps its similar lists, change by change, exactly as a full rebuild computes them', async () => {
    // Several changes of different kinds, each maintained incrementally.
    const extra: string[] = [];
    for (const [index, summary] of [
      'Deutschkurs für Eltern im Familienzentrum',
      'Ausbildung und Arbeit für junge Geflüchtete im Quartier',
      'Wohnen im Quartier: Nachbarschaft für Familien',
    ].entries()) {
      const created = await projects().create({
        locale: 'de',
        status: 'published',
        data: {
          title: `Weiteres Projekt ${index}`,
          slug: `weiteres-projekt-${index}`,
          summary,
          projectStatus: 'laufend',
          source: 'redaktionell',
          actionFields: [
            [data.actionFields.arbeit],
            [data.actionFields.wohnen],
            [data.actionFields.arbeit, data.actionFields.wohnen],
          ][index],
          targetGroups: [{ group: 'familien' }],
        },
      });
      extra.push(created.documentId);
    }
    await projects().update({
      documentId: extra[0],
      locale: 'de',
      status: 'published',
      data: { targetGroups: [{ group: 'jugendliche' }] },
    });
    await projects().delete({ documentId: extra[1] });
    const incremental = await similarLists();
    const rows = await listing();
    expect(incremental.length).toBeGreaterThan(0);
    await readModel().reindex(cms.strapi);
    expect(await listing()).toEqual(rows);
    expect(await similarLists()).toEqual(incremental);
  });

  it("shows a city's and an organisation's published changes in the project list at once", async () => {
    const list = async () =>
      (
        await cms.graphql(`{ projects(filters: { city: { slug: { eq: "bremen" } } }, pagination: { pageSize: 100 }) {
          documentId city { name } leadOrganisation { name }
        } }`)
      ).data.projects as {
        documentId: string;
        city: { name: string };
        leadOrganisation: { name: string } | null;
      }[];
    const cities = cms.strapi.documents('api::city.city' as never) as any;
    const organisations = cms.strapi.documents('api::organisation.organisation' as never) as any;
    const organisation = await organisations.create({
      status: 'published',
      data: { name: 'Verein Bremer Brücke', slug: 'verein-bremer-bruecke', kind: 'Initiative' },
    });
    const project = await projects().create({
      locale: 'de',
      status: 'published',
      data: {
        title: 'Brückenbauer im Quartier',
        slug: 'brueckenbauer-quartier',
        summary: 'Ehrenamtliche begleiten Neuzugewanderte zu Ämtern und Vereinen im Quartier.',
        projectStatus: 'laufend',
        source: 'redaktionell',
        city: data.cities.bremen,
        leadOrganisation: organisation.documentId,
      },
    });
    const mine = async () => (await list()).find((entry) => entry.documentId === project.documentId);
    expect(await mine()).toMatchObject({
      city: { name: 'Bremen' },
      leadOrganisation: { name: 'Verein Bremer Brücke' },
    });

    // A draft change shows nowhere; its publish shows everywhere.
    await cities.update({ documentId: data.cities.bremen, data: { name: 'Freie Hansestadt Bremen' } });
    expect((await mine())?.city.name).toBe('Bremen');
    await cities.publish({ documentId: data.cities.bremen });
    await expect.poll(async () => (await mine())?.city.name).toBe('Freie Hansestadt Bremen');
    await organisations.update({
      documentId: organisation.documentId,
      status: 'published',
      data: { name: 'Bremer Brücke e. V.' },
    });
    await expect.poll(async () => (await mine())?.leadOrganisation?.name).toBe('Bremer Brücke e. V.');
    await organisations.unpublish({ documentId: organisation.documentId });
    await expect.poll(async () => (await mine())?.leadOrganisation).toBeNull();

    // What the read model serves is what Strapi's own resolver answers.
    cms.strapi.config.set('stadtnetz.projectListFastPath', false);
    const stock = await list();
    cms.strapi.config.set('stadtnetz.projectListFastPath', true);
    expect(await list()).toEqual(stock);
    await readModel().reindex(cms.strapi);
    expect(await list()).toEqual(stock);
  });

  it('announces a change made in a transaction only once the list shows it (a cache refilled at once is current)', async () => {
    const { onContentEvent } = require(
      path.join(CMS_DIR, 'dist/src/features/content-events/content-events.js'),
    ) as { onContentEvent(listener: (event: { event: string; documentId: string }) => void): () => void };
    const listed = async () =>
      (
        await cms.graphql(`query($id: ID!) { projects(filters: { documentId: { eq: $id } }) { title } }`, {
          id: data.projects.sprachkurse,
        })
      ).data.projects[0]?.title as string | undefined;
    const seen: Promise<string | undefined>[] = [];
    const stop = onContentEvent((event) => {
      if (event.event === 'entry.publish' && event.documentId === data.projects.sprachkurse)
        seen.push(listed());
    });
    try {
      // As the admin publishes: inside a transaction of its own.
      await cms.strapi.db.transaction(async () => {
        await projects().update({
          documentId: data.projects.sprachkurse,
          locale: 'de',
          status: 'published',
          data: { title: 'Sprachkurse für Eltern, neu aufgelegt' },
        });
      });
      await expect.poll(() => seen.length).toBe(1);
      expect(await seen[0]).toBe('Sprachkurse für Eltern, neu aufgelegt');
    } finally {
      stop();
    }
  });

  it('is rebuilt at start when its rows predate the stored documents (an upgrade)', async () => {
    const rows = await knex()('project_listing')
      .select('document_id', 'locale', 'document')
      .orderBy(['locale', 'document_id']);
    await knex()('project_listing').update({ document: null });
    await readModel().ensureReadModel(cms.strapi);
    expect(
      await knex()('project_listing')
        .select('document_id', 'locale', 'document')
        .orderBy(['locale', 'document_id']),
    ).toEqual(rows);
  });

  it('is rebuilt at start when it lost rows', async () => {
    const rows = await listing();
    await knex()('project_listing').where('document_id', rows[0].document_id).delete();
    expect((await listing()).length).toBe(rows.length - 1);
    await readModel().ensureReadModel(cms.strapi);
    expect(await listing()).toEqual(rows);
  });

  it('answers similar for a whole page with the same statements as for one project', async () => {
    const query = (size: number) =>
      cms.graphql(
        `{ projects(pagination: { pageSize: ${size} }) { title similar(limit: 20) { title city { name } } } }`,
      );
    const one = await cms.countQueries(() => query(1));
    const many = await cms.countQueries(() => query(10));
    expect(many).toBe(one);
  });
});
