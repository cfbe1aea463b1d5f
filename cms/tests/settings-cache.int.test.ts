import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseAvailable, databaseKind, startCms, type TestCms } from './support/cms';
import { createFixtures } from './support/fixtures';

/**
 * The public role's permissions and the default locale are kept for a few seconds
 * (features/caching/settings-cache.ts): an anonymous request reads neither from the database again, and an
 * admin's change to either is in force at once.
 */
describe.skipIf(!databaseAvailable)(`settings read on every request on ${databaseKind}`, () => {
  let cms: TestCms;
  const permissions = () => cms.strapi.db.query('plugin::users-permissions.permission' as never);

  beforeAll(async () => {
    cms = await startCms();
    await createFixtures(cms.strapi);
  });

  afterAll(async () => {
    await cms?.stop();
  });

  it('reads no settings from the database for an anonymous request it has seen before', async () => {
    await cms.graphql('{ __typename }');
    expect(await cms.countQueries(() => cms.graphql('{ __typename }'))).toBe(0);
  });

  it("applies a change of the public role's permissions to the next request", async () => {
    const query = '{ projects { title } }';
    expect((await cms.graphql(query)).errors).toBeUndefined();
    const find = (await permissions().findOne({
      where: { action: 'api::project.project.find', role: { type: 'public' } },
      populate: ['role'],
    } as never)) as { id: number; role: { id: number } };
    await permissions().delete({ where: { id: find.id } } as never);
    try {
      const refused = await cms.graphql(query);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await permissions().create({
        data: { action: 'api::project.project.find', role: find.role.id },
      } as never);
    }
    expect((await cms.graphql(query)).errors).toBeUndefined();
  });

  it('applies a new default locale to the next request', async () => {
    const locales = cms.strapi.plugin('i18n').service('locales');
    const query = '{ projects(pagination: { pageSize: 1 }) { locale } }';
    expect((await cms.graphql(query)).data.projects).toEqual([{ locale: 'de' }]);
    await locales.setDefaultLocale({ code: 'en' });
    try {
      const english = (await cms.graphql(query)).data.projects;
      expect(english.every((project: { locale: string }) => project.locale === 'en')).toBe(true);
    } finally {
      await locales.setDefaultLocale({ code: 'de' });
    }
    expect((await cms.graphql(query)).data.projects).toEqual([{ locale: 'de' }]);
  });
});
