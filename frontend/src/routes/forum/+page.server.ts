import { toFormError, type FormError } from '$lib/errors';
import { graphql } from '$lib/graphql';
import type { Api } from '$lib/server/api';
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

const ForumSearch = graphql(`
  query ForumSearch($query: String!) {
    search(query: $query, first: 20) {
      excerpt
      thread {
        id
        title
        category {
          name
        }
      }
      post {
        id
      }
    }
  }
`);

type Search = {
  query: string;
  hits: {
    excerpt: string;
    thread: { id: string; title: string; category: { name: string } };
    post: { id: string } | null;
  }[];
  error?: FormError;
};

/** The forum's full-text search (`?suche=`); a query the forum refuses gets its message, not an error page. */
async function search(api: Api, query: string): Promise<Search | null> {
  if (!query) return null;
  if (query.length < 2)
    return {
      query,
      hits: [],
      error: {
        message: 'error.input',
        fields: { suche: { key: 'error.field.tooShort', params: { min: 2 } } },
      },
    };
  const { data, errors } = await api.run(ForumSearch, { query });
  if (!data) return { query, hits: [], error: toFormError(errors, { query: 'suche' }) };
  return { query, hits: data.search };
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const query = (url.searchParams.get('suche') ?? '').trim().slice(0, 200);
  const [forum, found] = await Promise.all([locals.api.load(Forum, {}), search(locals.api, query)]);
  return { ...forum, query, search: found };
};
