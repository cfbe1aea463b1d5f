import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import type { PageServerLoad } from './$types';

const CityPage = graphql(`
  query CityPage($slug: String!) {
    cities(filters: { slug: { eq: $slug } }, pagination: { pageSize: 1 }) {
      documentId
      name
      federalState
      population
      memberCount
      members(first: 20) {
        id
        displayName
        sector
        organisation
      }
      projects(pagination: { pageSize: 50 }, sort: ["title:asc"]) {
        documentId
        title
        summary
        projectStatus
        discussions(first: 1) {
          id
          title
          postCount
        }
      }
    }
  }
`);

export const load: PageServerLoad = async ({ locals, params }) => {
  const data = await locals.api.load(CityPage, { slug: params.slug });
  const city = data.cities[0];
  if (!city) error(404, { message: 'error.notFound' });
  const projects = city.projects.filter((p) => p !== null);
  return { city, projects, threads: projects.flatMap((p) => p.discussions) };
};
