// Form actions every page with a discussion shares (project, workshop, forum thread): they work without
// JavaScript (a POST and a redirect back) and with it (use:enhance).
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { toFormError } from '$lib/errors';
import { graphql } from '$lib/graphql';
import { PostFields } from '$lib/forum/fragments';

const AddPost = graphql(
  `
    mutation AddPost($input: AddPostInput!) {
      addPost(input: $input) {
        ...PostFields
        thread {
          id
          postCount
        }
      }
    }
  `,
  [PostFields],
);
const CreateThread = graphql(`
  mutation CreateThread($input: CreateThreadInput!) {
    createThread(input: $input) {
      id
    }
  }
`);
const EditPost = graphql(`
  mutation EditPost($input: EditPostInput!) {
    editPost(input: $input) {
      id
    }
  }
`);
const DeletePost = graphql(`
  mutation DeletePost($postId: ID!) {
    deletePost(postId: $postId) {
      id
    }
  }
`);
const React = graphql(`
  mutation React($postId: ID!, $kind: ReactionKind!) {
    react(postId: $postId, kind: $kind) {
      id
    }
  }
`);
const Unreact = graphql(`
  mutation Unreact($postId: ID!, $kind: ReactionKind!) {
    unreact(postId: $postId, kind: $kind) {
      id
    }
  }
`);
const MarkSolution = graphql(`
  mutation MarkSolution($postId: ID!) {
    markSolution(postId: $postId) {
      id
    }
  }
`);
const UnmarkSolution = graphql(`
  mutation UnmarkSolution($threadId: ID!) {
    unmarkSolution(threadId: $threadId) {
      id
    }
  }
`);
const Follow = graphql(`
  mutation FollowThread($threadId: ID!) {
    followThread(threadId: $threadId) {
      id
      followedByMe
    }
  }
`);
const Unfollow = graphql(`
  mutation UnfollowThread($threadId: ID!) {
    unfollowThread(threadId: $threadId) {
      id
      followedByMe
    }
  }
`);
const Flag = graphql(`
  mutation FlagPost($input: FlagPostInput!) {
    flagPost(input: $input)
  }
`);
const Pin = graphql(`
  mutation PinThread($threadId: ID!, $pinned: Boolean!) {
    pinThread(threadId: $threadId, pinned: $pinned) {
      id
    }
  }
`);
const Lock = graphql(`
  mutation LockThread($threadId: ID!, $locked: Boolean!) {
    lockThread(threadId: $threadId, locked: $locked) {
      id
    }
  }
`);
const HidePost = graphql(`
  mutation HidePost($postId: ID!, $hidden: Boolean!) {
    hidePost(postId: $postId, hidden: $hidden) {
      id
    }
  }
`);

/** Posts on one page of a thread (`/forum/thema/[id]?seite=n`). */
export const POSTS_PER_PAGE = 100;

const REACTIONS = ['LIKE', 'THANKS', 'HELPFUL', 'INSIGHTFUL'] as const;
type Reaction = (typeof REACTIONS)[number];

function signedIn(event: RequestEvent) {
  if (!event.locals.user) redirect(303, `/anmelden?weiter=${encodeURIComponent(event.url.pathname)}`);
}

async function form(event: RequestEvent) {
  signedIn(event);
  const data = await event.request.formData();
  return (name: string) => String(data.get(name) ?? '').trim();
}

/** Fails the action with the gateway's errors as messages (`form` says which form they belong to). */
function failed(
  errors: Parameters<typeof toFormError>[0],
  formName: string,
  values: Record<string, string> = {},
) {
  const error = toFormError(errors, { body: 'body', title: 'title', reason: 'reason' });
  const status =
    error.message === 'error.input' ? 400 : error.message === 'error.unauthenticated' ? 401 : 403;
  return fail(status, { form: formName, error, values });
}

export const threadActions = {
  reply: async (event: RequestEvent) => {
    const get = await form(event);
    const body = get('body');
    const threadId = get('threadId');
    if (!body)
      return fail(400, {
        form: 'reply',
        error: {
          message: 'error.input' as const,
          fields: { body: { key: 'error.field.required' as const } },
        },
        values: { body },
      });
    const replyToId = get('replyToId') || undefined;
    const clientId = get('clientId') || undefined;
    const result = await event.locals.api.mutate(AddPost, { input: { threadId, body, replyToId, clientId } });
    if (!result.data) return failed(result.errors, 'reply', { body });
    const posted = result.data.addPost;
    // On a thread's numbered pages the new post may open a new last page: the page it is on.
    const page = Math.max(1, Math.ceil(posted.thread.postCount / POSTS_PER_PAGE));
    if (get('paged') && !event.request.headers.get('x-sveltekit-action')) {
      redirect(
        303,
        `/forum/thema/${posted.thread.id}${page > 1 ? `?seite=${page}` : ''}#beitrag-${posted.id}`,
      );
    }
    return { form: 'reply', posted, page };
  },
  startThread: async (event: RequestEvent) => {
    const get = await form(event);
    const input = {
      title: get('title'),
      body: get('body'),
      categoryId: get('categoryId'),
      projectId: get('projectId') || undefined,
      workshopId: get('workshopId') || undefined,
      clientId: get('clientId') || undefined,
    };
    const result = await event.locals.api.mutate(CreateThread, { input });
    if (!result.data) return failed(result.errors, 'startThread', { title: input.title, body: input.body });
    if (get('stay')) return { form: 'startThread' };
    redirect(303, `/forum/thema/${result.data.createThread.id}`);
  },
  edit: async (event: RequestEvent) => {
    const get = await form(event);
    const body = get('body');
    const postId = get('postId');
    if (!body)
      return fail(400, {
        form: 'edit',
        error: {
          message: 'error.input' as const,
          fields: { body: { key: 'error.field.required' as const } },
        },
        values: { body },
      });
    const result = await event.locals.api.mutate(EditPost, { input: { postId, body } });
    if (!result.data) return failed(result.errors, 'edit', { body });
    return { form: 'edit' };
  },
  delete: async (event: RequestEvent) => {
    const get = await form(event);
    const result = await event.locals.api.mutate(DeletePost, { postId: get('postId') });
    if (!result.data) return failed(result.errors, 'delete');
    return { form: 'delete' };
  },
  react: async (event: RequestEvent) => {
    const get = await form(event);
    const kind = get('kind') as Reaction;
    if (!REACTIONS.includes(kind)) return fail(400, { form: 'react' });
    const variables = { postId: get('postId'), kind };
    const result = get('undo')
      ? await event.locals.api.mutate(Unreact, variables)
      : await event.locals.api.mutate(React, variables);
    if (!result.data) return failed(result.errors, 'react');
    return { form: 'react' };
  },
  solution: async (event: RequestEvent) => {
    const get = await form(event);
    const result = get('undo')
      ? await event.locals.api.mutate(UnmarkSolution, { threadId: get('threadId') })
      : await event.locals.api.mutate(MarkSolution, { postId: get('postId') });
    if (!result.data) return failed(result.errors, 'solution');
    return { form: 'solution' };
  },
  follow: async (event: RequestEvent) => {
    const get = await form(event);
    const threadId = get('threadId');
    const result = get('undo')
      ? await event.locals.api.mutate(Unfollow, { threadId })
      : await event.locals.api.mutate(Follow, { threadId });
    if (!result.data) return failed(result.errors, 'follow');
    return { form: 'follow' };
  },
  flag: async (event: RequestEvent) => {
    const get = await form(event);
    const reason = get('reason');
    const result = await event.locals.api.mutate(Flag, { input: { postId: get('postId'), reason } });
    if (!result.data) return failed(result.errors, 'flag', { reason });
    return { form: 'flag', flagged: get('postId') };
  },
  moderate: async (event: RequestEvent) => {
    const get = await form(event);
    const what = get('what');
    const on = get('value') === 'true';
    const result =
      what === 'pin'
        ? await event.locals.api.mutate(Pin, { threadId: get('threadId'), pinned: on })
        : what === 'lock'
          ? await event.locals.api.mutate(Lock, { threadId: get('threadId'), locked: on })
          : await event.locals.api.mutate(HidePost, { postId: get('postId'), hidden: on });
    if (!result.data) return failed(result.errors, 'moderate');
    return { form: 'moderate' };
  },
};
