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
    expect(sdl).toMatch(/createProject\([^)]*\): Project @inaccessible/s);
    expect(sdl).toMatch(/type UsersPermissionsUser @inaccessible/);
    expect(sdl).toMatch(/uploadFiles\([^)]*\): \[UploadFile\]! @inaccessible/s);
    expect(sdl).toMatch(/submitProject\(input: SubmitProjectInput!\): ProjectSubmission!\n/);
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
