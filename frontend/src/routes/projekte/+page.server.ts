import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { ProjectCardFields } from '$lib/projects/fragments';
import { PAGE_SIZE, SORTS, parseProjectQuery, projectsHref, toProjectFilters } from '$lib/projects/filters';
import { applyTranslations, translationVariables } from '$lib/translation';
import type { PageServerLoad } from './$types';

const FilterOptions = graphql(`
  fragment FilterOptions on Query {
    actionFields(sort: ["name:asc"], pagination: { pageSize: 100 }) {
      slug
      name
      translation(locale: $locale) @include(if: $translate) {
        name
        fallbackFields
        fallbackLocale
      }
    }
    cities(sort: ["name:asc"], pagination: { pageSize: 100 }) {
      documentId
      slug
      name
      federalState
      latitude
      longitude
    }
  }
`);

const Projects = graphql(
  `
    query Projects(
      $filters: ProjectFiltersInput
      $mapFilters: ProjectFiltersInput
      $sort: [String]
      $page: Int!
      $pageSize: Int!
      $locale: I18NLocaleCode!
      $translate: Boolean!
    ) {
      projects_connection(filters: $filters, sort: $sort, pagination: { page: $page, pageSize: $pageSize }) {
        nodes {
          ...ProjectCardFields
        }
        pageInfo {
          total
          pageCount
        }
      }
      forMap: projects(filters: $mapFilters, pagination: { pageSize: 100 }) {
        city {
          documentId
        }
      }
      ...FilterOptions
    }
  `,
  [ProjectCardFields, FilterOptions],
);

const Search = graphql(
  `
    query SearchProjects(
      $query: String!
      $filters: ProjectFiltersInput
      $mapFilters: ProjectFiltersInput
      $start: Int!
      $limit: Int!
      $locale: I18NLocaleCode!
      $translate: Boolean!
    ) {
      searchProjects(query: $query, filters: $filters, pagination: { start: $start, limit: $limit }) {
        total
        nodes {
          ...ProjectCardFields
        }
      }
      forMap: searchProjects(query: $query, filters: $mapFilters, pagination: { limit: 100 }) {
        nodes {
          city {
            documentId
          }
        }
      }
      ...FilterOptions
    }
  `,
  [ProjectCardFields, FilterOptions],
);

export const load: PageServerLoad = async ({ url, locals }) => {
  const query = parseProjectQuery(url.searchParams);
  // A submitted filter form sends every field, empty ones too: link the short, clean address instead.
  const clean = projectsHref(query, { seite: query.seite });
  if (clean !== url.pathname + url.search) redirect(303, clean);
  const filters = toProjectFilters(query);
  // The map shows every city the other filters leave, so that choosing one city keeps the others to choose.
  const mapFilters = toProjectFilters({ ...query, stadt: '' });
  const language = translationVariables(locals.locale);

  const result = query.q
    ? await locals.api
        .load(Search, {
          query: query.q,
          filters,
          mapFilters,
          start: (query.seite - 1) * PAGE_SIZE,
          limit: PAGE_SIZE,
          ...language,
        })
        .then((data) => ({
          projects: data.searchProjects.nodes,
          total: data.searchProjects.total,
          pageCount: Math.ceil(data.searchProjects.total / PAGE_SIZE),
          mapCities: data.forMap.nodes.map((p) => p.city?.documentId),
          actionFields: data.actionFields,
          cities: data.cities,
        }))
    : await locals.api
        .load(Projects, {
          filters,
          mapFilters,
          sort: [SORTS[query.sort], 'title:asc'],
          page: query.seite,
          pageSize: PAGE_SIZE,
          ...language,
        })
        .then((data) => ({
          projects: data.projects_connection?.nodes ?? [],
          total: data.projects_connection?.pageInfo.total ?? 0,
          pageCount: data.projects_connection?.pageInfo.pageCount ?? 0,
          mapCities: data.forMap.map((p) => p?.city?.documentId),
          actionFields: data.actionFields,
          cities: data.cities,
        }));

  // A page past the end (an old link, a filter with fewer results, a typed number): the last page instead of
  // "no projects" beside a count of them.
  const last = Math.max(result.pageCount, 1);
  if (query.seite > last) redirect(303, projectsHref(query, { seite: last }));
  return { query, ...applyTranslations(result) };
};
