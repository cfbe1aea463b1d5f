import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CMS_DIR, databaseAvailable, databaseKind, startCms, type TestCms } from './support/cms';
import { createFixtures, type Fixtures } from './support/fixtures';

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Project { documentId title city { name } }
    ... on City { documentId name }
    ... on ActionField { documentId name }
  }
}`;

describe.skipIf(!databaseAvailable)(`federation subgraph on ${databaseKind}`, () => {
  let cms: TestCms;
  let data: Fixtures;

  beforeAll(async () => {
    cms = await startCms();
    data = await createFixtures(cms.strapi);
  });

  afterAll(async () => {
    await cms?.stop();
  });

  it('serves its SDL with @link, @key on the entity types and @inaccessible internals', async () => {
    const result = await cms.graphql(`{ _service { sdl } }`);
    const sdl: string = result.data._service.sdl;
    expect(sdl).toMatch(/^extend schema @link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/);
    for (const type of ['Project', 'Workshop', 'City', 'ActionField', 'Organisation']) {
      expect(sdl).toContain(`type ${type} @key(fields: "documentId") {`);
    }
    // Arguments may carry descriptions with parentheses of their own: one level of them is skipped.
    const args = String.raw`\((?:[^()]|\([^()]*\))*\)`;
    expect(sdl).toMatch(new RegExp(`createProject${args}: Project @inaccessible`, 's'));
    expect(sdl).toMatch(/type UsersPermissionsUser @inaccessible/);
    expect(sdl).toMatch(new RegExp(`uploadFiles${args}: \\[UploadFile\\]! @inaccessible`, 's'));
    expect(sdl).toMatch(
      /submitProject\(\s*(?:"""[^"]*"""\s*)?input: SubmitProjectInput!\s*\): ProjectSubmission!\n/,
    );
    expect(sdl).not.toContain('_entities');
  });

  it('matches the committed schema/cms.graphql (run `npm run schema -w cms` after a change)', async () => {
    const result = await cms.graphql(`{ _service { sdl } }`);
    const committed = readFileSync(path.join(CMS_DIR, '..', 'schema', 'cms.graphql'), 'utf8');
    expect(result.data._service.sdl).toBe(committed);
  });

  it('resolves entities in the order asked, null for drafts and unknown ids', async () => {
    const representations = [
      { __typename: 'Project', documentId: data.projects.lotsen },
      { __typename: 'City', documentId: data.cities.leipzig },
      { __typename: 'Project', documentId: data.projects.draftOnly },
      { __typename: 'ActionField', documentId: data.actionFields.arbeit },
      { __typename: 'Project', documentId: 'does-not-exist' },
      { __typename: 'Project', documentId: data.projects.sprachkurse },
    ];
    const result = await cms.graphql(ENTITIES, { representations });
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toEqual([
      {
        __typename: 'Project',
        documentId: data.projects.lotsen,
        title: 'Ausbildungslotsen für junge Geflüchtete',
        city: { name: 'Bremen' },
      },
      { __typename: 'City', documentId: data.cities.leipzig, name: 'Leipzig' },
      null,
      { __typename: 'ActionField', documentId: data.actionFields.arbeit, name: 'Arbeit und Ausbildung' },
      null,
      {
        __typename: 'Project',
        documentId: data.projects.sprachkurse,
        title: 'Sprachkurse für Eltern im Quartier',
        city: { name: 'Leipzig' },
      },
    ]);
  });

  it('answers null without an error for every reference it cannot resolve, keeping the others', async () => {
    const documents = cms.strapi.documents('api::project.project' as never) as any;
    const withdrawn = await documents.create({
      locale: 'de',
      status: 'published',
      data: {
        title: 'Zurückgezogenes Projekt',
        slug: 'zurueckgezogen',
        summary: 'Erst veröffentlicht, dann von der Redaktion zurückgezogen.',
        projectStatus: 'laufend',
        source: 'redaktionell',
      },
    });
    await documents.unpublish({ documentId: withdrawn.documentId, locale: 'de' });
    const englishOnly = await documents.create({
      locale: 'en',
      status: 'published',
      data: {
        title: 'English only',
        slug: 'english-only',
        summary: 'Published in English, with no German version.',
        projectStatus: 'laufend',
        source: 'redaktionell',
      },
    });
    const unresolvable: unknown[] = [
      { __typename: 'Project', documentId: 'does-not-exist' },
      { __typename: 'Project', documentId: data.projects.draftOnly },
      { __typename: 'Project', documentId: withdrawn.documentId },
      { __typename: 'Project', documentId: englishOnly.documentId },
      { __typename: 'Project', documentId: data.cities.leipzig },
      { __typename: 'Workshop', documentId: 'nope' },
      { __typename: 'Organisation', documentId: 'nope' },
      { __typename: 'Project', documentId: 'bad\u0000byte' },
      { __typename: 'Project', documentId: 'x'.repeat(5000) },
      { __typename: 'Project', documentId: "' OR 1=1 --" },
      { __typename: 'Project', documentId: '%' },
      { __typename: 'Project', documentId: 42 },
      { __typename: 'Project', documentId: { $ne: null } },
      { __typename: 'Project', documentId: null },
      { __typename: 'Project' },
      { __typename: 'Thread', documentId: data.projects.lotsen },
      { documentId: data.projects.lotsen },
      'just a string',
      [data.projects.lotsen],
    ];
    const representations = [
      { __typename: 'Project', documentId: data.projects.lotsen },
      ...unresolvable,
      { __typename: 'City', documentId: data.cities.bremen },
    ];
    const result = await cms.graphql(ENTITIES, { representations });
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toHaveLength(representations.length);
    expect(result.data._entities[0]).toMatchObject({ documentId: data.projects.lotsen });
    expect(result.data._entities.slice(1, -1)).toEqual(unresolvable.map(() => null));
    expect(result.data._entities.at(-1)).toMatchObject({ documentId: data.cities.bremen });
  });

  it('batches entity lookups: one query per type however many keys', async () => {
    const ask = (ids: string[]) =>
      cms.graphql(ENTITIES, {
        representations: ids.map((documentId) => ({ __typename: 'Project', documentId })),
      });
    const one = await cms.countQueries(() => ask([data.projects.lotsen]));
    const four = await cms.countQueries(() =>
      ask([
        data.projects.lotsen,
        data.projects.sprachkurse,
        data.projects.quartier,
        data.projects.elterncafe,
      ]),
    );
    const result = await ask([
      data.projects.lotsen,
      data.projects.sprachkurse,
      data.projects.quartier,
      data.projects.elterncafe,
    ]);
    expect(result.data._entities.every((entity: unknown) => entity !== null)).toBe(true);
    expect(four).toBe(one);
  });
});
