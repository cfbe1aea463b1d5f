// The moderators' page: reported posts with their context (resolve, hide the post or its thread), recent
// threads (move to another category, hide, show again), and for admins the members' roles. Everyone else
// gets the German 404 page: the page does not exist for them.
import { error, fail } from '@sveltejs/kit';
import { toFormError, type ApiErrorLike } from '$lib/errors';
import { graphql } from '$lib/graphql';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const ModerationPage = graphql(`
  query ModerationPage($search: String, $withMembers: Boolean!) {
    flags {
      id
      reason
      createdAt
      reporter {
        id
        displayName
      }
      post {
        id
        bodyHtml
        createdAt
        hidden
        removed
        author {
          id
          displayName
        }
        replyTo {
          id
          bodyHtml
          author {
            id
            displayName
          }
        }
        thread {
          id
          title
          hidden
          category {
            id
            name
          }
        }
      }
    }
    threads(first: 30) {
      nodes {
        id
        title
        hidden
        locked
        postCount
        lastActivityAt
        category {
          id
          name
        }
      }
    }
    categories {
      id
      name
    }
    members(filter: { search: $search }, first: 30) @include(if: $withMembers) {
      nodes {
        id
        displayName
        handle
        organisation
        role
      }
    }
  }
`);

const ResolveFlag = graphql(`
  mutation ResolveFlag($flagId: ID!) {
    resolveFlag(flagId: $flagId) {
      id
    }
  }
`);
const HideThread = graphql(`
  mutation HideThread($threadId: ID!, $hidden: Boolean!) {
    hideThread(threadId: $threadId, hidden: $hidden) {
      id
    }
  }
`);
const MoveThread = graphql(`
  mutation MoveThread($threadId: ID!, $categoryId: ID!) {
    moveThread(threadId: $threadId, categoryId: $categoryId) {
      id
    }
  }
`);
const HidePost = graphql(`
  mutation ModerationHidePost($postId: ID!, $hidden: Boolean!) {
    hidePost(postId: $postId, hidden: $hidden) {
      id
    }
  }
`);
const SetRole = graphql(`
  mutation SetMemberRole($memberId: ID!, $role: MemberRole!) {
    setMemberRole(memberId: $memberId, role: $role) {
      id
      role
    }
  }
`);

const ROLES = ['MEMBER', 'MODERATOR', 'ADMIN'] as const;
type Role = (typeof ROLES)[number];

/** Moderators and admins only; for everyone else the page does not exist (404, in German). */
function moderatorOnly(locals: App.Locals) {
  if (!locals.user || locals.user.role === 'MEMBER') error(404, { message: 'error.notFound' });
  return locals.user;
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = moderatorOnly(locals);
  const search = url.searchParams.get('mitglied')?.trim() || undefined;
  const withMembers = user.role === 'ADMIN';
  const data = await locals.api.load(ModerationPage, { search: search ?? null, withMembers });
  return {
    flags: data.flags,
    threads: data.threads.nodes,
    categories: data.categories,
    members: data.members?.nodes ?? [],
    search: search ?? '',
    isAdmin: withMembers,
  };
};

type Outcome = { data?: unknown; errors: readonly ApiErrorLike[] };

async function run(
  event: RequestEvent,
  action: (get: (name: string) => string) => Promise<Outcome>,
  name: string,
) {
  moderatorOnly(event.locals);
  const form = await event.request.formData();
  const get = (key: string) => String(form.get(key) ?? '').trim();
  const result = await action(get);
  if (!result.data) {
    const formError = toFormError(result.errors);
    return fail(formError.message === 'error.input' ? 400 : 403, { form: name, error: formError });
  }
  return { form: name, done: get('label') || name };
}

export const actions: Actions = {
  resolve: (event) =>
    run(event, (get) => event.locals.api.mutate(ResolveFlag, { flagId: get('flagId') }), 'resolve'),
  hidePost: (event) =>
    run(
      event,
      (get) => event.locals.api.mutate(HidePost, { postId: get('postId'), hidden: get('hidden') === 'true' }),
      'hidePost',
    ),
  hideThread: (event) =>
    run(
      event,
      (get) =>
        event.locals.api.mutate(HideThread, { threadId: get('threadId'), hidden: get('hidden') === 'true' }),
      'hideThread',
    ),
  move: (event) =>
    run(
      event,
      (get) =>
        event.locals.api.mutate(MoveThread, { threadId: get('threadId'), categoryId: get('categoryId') }),
      'move',
    ),
  role: (event) =>
    run(
      event,
      async (get) => {
        const role = get('role') as Role;
        if (!ROLES.includes(role))
          return { errors: [{ message: 'role', extensions: { code: 'BAD_USER_INPUT' } }] };
        return event.locals.api.mutate(SetRole, { memberId: get('memberId'), role });
      },
      'role',
    ),
};
