import { graphql } from '$lib/graphql';
import type { PageServerLoad } from './$types';

const Fields = graphql(`
  query ActionFields {
    actionFields(sort: ["name:asc"], pagination: { pageSize: 100 }) {
      documentId
      slug
      name
      description
      projects(pagination: { pageSize: 100 }) {
        documentId
      }
    }
  }
`);

export const load: PageServerLoad = async ({ locals }) => {
  const data = await locals.api.load(Fields, {});
  return { fields: data.actionFields.filter((f) => f !== null) };
};
