import { graphql } from '$lib/graphql';
import type { PageServerLoad } from './$types';

const Forum = graphql(`
  query Forum {
    categories {
      id
      slug
      name
      description
    }
    threads(first: 10) {
      nodes {
        id
        title
        postCount
        lastActivityAt
        pinned
        category {
          name
          slug
        }
      }
    }
  }
`);

export const load: PageServerLoad = async ({ locals }) => locals.api.load(Forum, {});
