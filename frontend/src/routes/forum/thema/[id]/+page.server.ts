import { error, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { PostFields, ThreadFields } from '$lib/forum/fragments';
import { POSTS_PER_PAGE, threadActions } from '$lib/server/forum';
import type { Actions, PageServerLoad } from './$types';

const ThreadPage = graphql(
  `
    query ThreadPage($id: ID!, $first: Int!, $offset: Int!) {
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
        posts(first: $first, offset: $offset) {
          nodes {
            ...PostFields
          }
        }
      }
    }
  `,
  [ThreadFields, PostFields],
);

const PostPosition = graphql(`
  query PostPosition($id: ID!) {
    post(id: $id) {
      id
      position
      thread {
        id
      }
    }
  }
`);

/** The forum skips at most this many posts (its `offset` limit): pages past it are past the end anyway. */
const MAX_OFFSET = 100_000;

export const load: PageServerLoad = async ({ params, locals, url }) => {
  // `?beitrag=<id>` (links from notifications): the page that post is on, scrolled to it.
  const postId = url.searchParams.get('beitrag');
  if (postId) {
    const found = await locals.api.load(PostPosition, { id: postId });
    if (!found.post || found.post.thread.id !== params.id) error(404, { message: 'error.notFound' });
    const onPage = Math.max(1, Math.ceil(found.post.position / POSTS_PER_PAGE));
    redirect(
      303,
      `/forum/thema/${params.id}${onPage > 1 ? `?seite=${onPage}` : ''}#beitrag-${found.post.id}`,
    );
  }
  // `?seite=n`, 100 posts a page; anything but a page number is no page of this thread.
  const raw = url.searchParams.get('seite');
  if (raw !== null && !/^[1-9]\d{0,8}$/.test(raw)) error(404, { message: 'error.notFound' });
  const page = raw === null ? 1 : Number(raw);
  const offset = Math.min((page - 1) * POSTS_PER_PAGE, MAX_OFFSET);
  const data = await locals.api.load(ThreadPage, { id: params.id, first: POSTS_PER_PAGE, offset });
  if (!data.thread) error(404, { message: 'error.notFound' });
  const pageCount = Math.max(1, Math.ceil(data.thread.postCount / POSTS_PER_PAGE));
  // A page past the end (an old link, posts removed by moderators, a typed number): the last page instead.
  if (page > pageCount) redirect(303, `/forum/thema/${data.thread.id}?seite=${pageCount}`);
  return { thread: data.thread, page, pageCount, perPage: POSTS_PER_PAGE };
};

export const actions: Actions = threadActions;
