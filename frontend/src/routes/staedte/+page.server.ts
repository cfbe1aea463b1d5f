import { graphql } from '$lib/graphql';
import type { PageServerLoad } from './$types';

const Cities = graphql(`
  query Cities {
    cities(sort: ["name:asc"], pagination: { pageSize: 100 }) {
      documentId
      slug
      name
      federalState
      latitude
      longitude
      memberCount
      projects(pagination: { pageSize: 100 }) {
        documentId
      }
    }
  }
`);

export const load: PageServerLoad = async ({ locals }) => {
  const data = await locals.api.load(Cities, {});
  return { cities: data.cities.filter((c) => c !== null) };
};
