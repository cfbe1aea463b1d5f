import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { threadActions } from '$lib/server/forum';
import type { Actions, PageServerLoad } from './$types';

const Categories = graphql(`
  query Categories {
    categories {
      id
      slug
      name
      description
      followedByMe
    }
  }
`);

const CategoryThreads = graphql(`
  query CategoryThreads($categoryId: ID!, $after: String) {
    threads(categoryId: $categoryId, first: 20, after: $after) {
      nodes {
        id
        title
        pinned
        locked
        postCount
        lastActivityAt
        author {
          displayName
        }
        solution {
          id
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const load: PageServerLoad = async ({ params, locals, url }) => {
  const { categories } = await locals.api.load(Categories, {});
  const category = categories.find((c) => c.slug === params.kategorie);
  if (!category) error(404, { message: 'error.notFound' });
  const after = url.searchParams.get('nach');
  const data = await locals.api.load(CategoryThreads, { categoryId: category.id, after });
  return { category, threads: data.threads };
};

export const actions: Actions = { startThread: threadActions.startThread };
