import { graphql } from '$lib/graphql';
import type { PageServerLoad } from './$types';

const Workshops = graphql(`
  query Workshops {
    workshops(sort: ["startsAt:asc"], pagination: { pageSize: 100 }) {
      documentId
      title
      number
      startsAt
      guidingQuestion
      registration {
        open
      }
      venue {
        name
        city {
          name
        }
      }
    }
  }
`);

export const load: PageServerLoad = async ({ locals }) => locals.api.load(Workshops, {});
