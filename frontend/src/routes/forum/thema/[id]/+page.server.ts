import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { PostFields, ThreadFields } from '$lib/forum/fragments';
import { threadActions } from '$lib/server/forum';
import type { Actions, PageServerLoad } from './$types';

const ThreadPage = graphql(
  `
    query ThreadPage($id: ID!) {
      thread(id: $id) {
        ...ThreadFields
        project {
          documentId
          title
        }
        workshop {
          documentId
          title
        }
        posts(first: 100) {
          nodes {
            ...PostFields
          }
        }
      }
    }
  `,
  [ThreadFields, PostFields],
);

export const load: PageServerLoad = async ({ params, locals }) => {
  const data = await locals.api.load(ThreadPage, { id: params.id });
  if (!data.thread) error(404, { message: 'error.notFound' });
  return { thread: data.thread };
};

export const actions: Actions = threadActions;
