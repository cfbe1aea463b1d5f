import { describe, expect, it } from 'vitest';
import { planProjectList, type ListArgs, type PageWindow } from '../src/features/project-list/list-plan';

const plan = (args: ListArgs, window: PageWindow = { start: 0, limit: 20 }) =>
  planProjectList({ status: 'published', pagination: {}, sort: [], ...args }, window);

describe('the fast project list plans', () => {
  it('the public filters: field of action, city, federal state, status, target group', () => {
    expect(
      plan({
        filters: {
          actionFields: { slug: { eq: 'sprache-und-bildung' } },
          city: { slug: { eq: 'leipzig' }, federalState: { in: ['sachsen', 'bayern'] } },
          projectStatus: { eq: 'laufend' },
          targetGroups: { group: { eq: 'familien' } },
        },
        sort: ['title:asc'],
      }),
    ).toEqual({
      locale: null,
      conditions: [
        {
          kind: 'linked',
          attribute: 'actionFields',
          tests: [{ attribute: 'slug', operator: 'eq', values: ['sprache-und-bildung'] }],
        },
        {
          kind: 'linked',
          attribute: 'city',
          tests: [
            { attribute: 'slug', operator: 'eq', values: ['leipzig'] },
            { attribute: 'federalState', operator: 'in', values: ['sachsen', 'bayern'] },
          ],
        },
        { kind: 'field', test: { attribute: 'projectStatus', operator: 'eq', values: ['laufend'] } },
        {
          kind: 'linked',
          attribute: 'targetGroups',
          tests: [{ attribute: 'group', operator: 'eq', values: ['familien'] }],
        },
      ],
      sort: [{ attribute: 'title', order: 'asc' }],
      start: 0,
      limit: 20,
    });
  });

  it('and as separate conditions, each on its own related row', () => {
    const planned = plan({
      filters: {
        and: [
          { actionFields: { slug: { eq: 'a' } } },
          { actionFields: { slug: { eq: 'b' } }, city: { documentId: { eq: 'x' } } },
        ],
      },
    });
    expect(
      planned?.conditions.map((condition) => condition.kind === 'linked' && condition.attribute),
    ).toEqual(['actionFields', 'actionFields', 'city']);
  });

  it('sorts given as a string, a list or comma-separated, and the locale', () => {
    expect(plan({ sort: 'title', locale: 'en' })).toMatchObject({
      locale: 'en',
      sort: [{ attribute: 'title', order: 'asc' }],
    });
    expect(plan({ sort: ['startDate:desc, title', ' publishedAt:desc'] })?.sort).toEqual([
      { attribute: 'startDate', order: 'desc' },
      { attribute: 'title', order: 'asc' },
      { attribute: 'publishedAt', order: 'desc' },
    ]);
    expect(plan({ sort: undefined, filters: undefined })).toMatchObject({ sort: [], conditions: [] });
  });

  it('the page window Strapi computed', () => {
    expect(plan({}, { start: 40, limit: 20 })).toMatchObject({ start: 40, limit: 20 });
    expect(plan({}, { start: 0, limit: -1 })).toBeNull();
    expect(plan({}, { start: -20, limit: 20 })).toBeNull();
    expect(plan({}, { start: '0', limit: 20 })).toBeNull();
  });

  it.each<[string, ListArgs]>([
    ['drafts', { status: 'draft' }],
    ['a publication filter', { publicationFilter: 'never-published-document' }],
    ['hasPublishedVersion', { hasPublishedVersion: false }],
    ['all locales', { locale: '*' }],
    ['an unknown argument', { populate: '*' }],
    ['a Strapi-style operator', { filters: { projectStatus: { $eq: 'laufend' } } }],
    ['or', { filters: { or: [{ projectStatus: { eq: 'laufend' } }] } }],
    ['not', { filters: { not: { projectStatus: { eq: 'laufend' } } } }],
    ['null on a relation', { filters: { city: { slug: { null: true } } } }],
    ['eq null', { filters: { city: { slug: { eq: null } } } }],
    ['ne', { filters: { projectStatus: { ne: 'laufend' } } }],
    ['an empty in', { filters: { projectStatus: { in: [] } } }],
    ['null inside in', { filters: { projectStatus: { in: ['laufend', null] } } }],
    ['a text operator', { filters: { title: { containsi: 'sprach' } } }],
    ['another field of a relation', { filters: { city: { name: { eq: 'Leipzig' } } } }],
    ['a nested relation', { filters: { city: { projects: { slug: { eq: 'x' } } } } }],
    ['an empty relation filter', { filters: { city: {} } }],
    ['a relation without filters', { filters: { leadOrganisation: { slug: { eq: 'x' } } } }],
    ['a sort by a relation', { sort: 'city.name:asc' }],
    ['a sort by an unknown field', { sort: 'submittedBy' }],
    ['an upper-case sort order', { sort: 'title:ASC' }],
    ['a sort object', { sort: [{ title: 'asc' }] }],
  ])('nothing for %s (Strapi answers)', (_name, args) => {
    expect(plan(args)).toBeNull();
  });
});
