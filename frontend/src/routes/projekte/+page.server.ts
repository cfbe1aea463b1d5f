import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { PAGE_SIZE, SORTS, parseProjectQuery, projectsHref, toProjectFilters } from '$lib/projects/filters';
import type { PageServerLoad } from './$types';

const ProjectFields = graphql(`
  fragment ProjectListItem on Project {
    documentId
    title
    summary
    projectStatus
    city {
      documentId
      name
    }
    actionFields {
      name
    }
  }
`);

const FilterOptions = graphql(`
  fragment FilterOptions on Query {
    actionFields(sort: ["name:asc"], pagination: { pageSize: 100 }) {
      slug
      name
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
    query Projects($filters: ProjectFiltersInput, $sort: [String], $page: Int!, $pageSize: Int!) {
      projects_connection(filters: $filters, sort: $sort, pagination: { page: $page, pageSize: $pageSize }) {
        nodes {
          ...ProjectListItem
        }
        pageInfo {
          total
          pageCount
        }
      }
      forMap: projects(filters: $filters, pagination: { pageSize: 100 }) {
        city {
          documentId
        }
      }
      ...FilterOptions
    }
  `,
  [ProjectFields, FilterOptions],
);

const Search = graphql(
  `
    query SearchProjects($query: String!, $filters: ProjectFiltersInput, $start: Int!, $limit: Int!) {
      searchProjects(query: $query, filters: $filters, pagination: { start: $start, limit: $limit }) {
        total
        nodes {
          ...ProjectListItem
        }
      }
      forMap: searchProjects(query: $query, filters: $filters, pagination: { limit: 100 }) {
        nodes {
          city {
            documentId
          }
        }
      }
      ...FilterOptions
    }
  `,
  [ProjectFields, FilterOptions],
);

export const load: PageServerLoad = async ({ url, locals }) => {
  const query = parseProjectQuery(url.searchParams);
  // A submitted filter form sends every field, empty ones too: link the short, clean address instead.
  const clean = projectsHref(query, { seite: query.seite });
  if (clean !== url.pathname + url.search) redirect(303, clean);
  const filters = toProjectFilters(query);
  if (query.q) {
    const data = await locals.api.load(Search, {
      query: query.q,
      filters,
      start: (query.seite - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    });
    return {
      query,
      projects: data.searchProjects.nodes,
      total: data.searchProjects.total,
      pageCount: Math.ceil(data.searchProjects.total / PAGE_SIZE),
      mapCities: data.forMap.nodes.map((p) => p.city?.documentId),
      actionFields: data.actionFields,
      cities: data.cities,
    };
  }
  const data = await locals.api.load(Projects, {
    filters,
    sort: [SORTS[query.sort], 'title:asc'],
    page: query.seite,
    pageSize: PAGE_SIZE,
  });
  return {
    query,
    projects: data.projects_connection?.nodes ?? [],
    total: data.projects_connection?.pageInfo.total ?? 0,
    pageCount: data.projects_connection?.pageInfo.pageCount ?? 0,
    mapCities: data.forMap.map((p) => p?.city?.documentId),
    actionFields: data.actionFields,
    cities: data.cities,
  };
};
