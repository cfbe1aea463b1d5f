// Follow buttons on city, field-of-action and project pages: whether the member follows the page's entity,
// and the form actions that change it (they work without JavaScript).
import { fail, type RequestEvent } from '@sveltejs/kit';
import { toFormError } from '$lib/errors';
import { graphql } from '$lib/graphql';

export type FollowField = 'cityId' | 'actionFieldId' | 'projectId' | 'threadId' | 'categoryId';
const TYPE_OF: Record<FollowField, string> = {
  cityId: 'CITY',
  actionFieldId: 'ACTION_FIELD',
  projectId: 'PROJECT',
  threadId: 'THREAD',
  categoryId: 'CATEGORY',
};

const MyFollows = graphql(`
  query MyFollows {
    me {
      id
      follows {
        targetType
        targetId
      }
    }
  }
`);

const Follow = graphql(`
  mutation Follow($input: FollowInput!) {
    follow(input: $input) {
      targetId
    }
  }
`);

const Unfollow = graphql(`
  mutation Unfollow($input: FollowInput!) {
    unfollow(input: $input)
  }
`);

/** True or false for a signed-in member; null for a visitor (the button then leads to the sign-in). */
export async function isFollowing(
  locals: App.Locals,
  field: FollowField,
  id: string,
): Promise<boolean | null> {
  if (!locals.user) return null;
  const { data } = await locals.api.run(MyFollows, {});
  return (data?.me?.follows ?? []).some((f) => f.targetType === TYPE_OF[field] && f.targetId === id);
}

/** `?/follow` and `?/unfollow` for a page about one entity; the form sends its id as `followId`. */
export function followActions(field: FollowField) {
  const change =
    (follow: boolean) =>
    async ({ request, locals }: RequestEvent) => {
      const id = String((await request.formData()).get('followId') ?? '');
      if (!id) return fail(400, { followError: toFormError([]) });
      const input = { [field]: id } as Partial<Record<FollowField, string>>;
      const result = follow
        ? await locals.api.mutate(Follow, { input })
        : await locals.api.mutate(Unfollow, { input });
      if (!result.data) return fail(400, { followError: toFormError(result.errors) });
      return { followed: follow };
    };
  return { follow: change(true), unfollow: change(false) };
}
