import { fail } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import type { Actions } from './$types';

const Unsubscribe = graphql(`
  mutation Unsubscribe($token: String!) {
    unsubscribe(token: $token) {
      kinds
    }
  }
`);

// The link of every notification mail and digest, and its `List-Unsubscribe` header: a mail program posts
// `List-Unsubscribe=One-Click` here (RFC 8058) without a session and from no page of ours, which is why
// hooks.server.ts lets form posts to this path through its same-origin check: the signed token is the proof,
// and all it can do is turn mail off.
export const actions: Actions = {
  default: async ({ locals, params }) => {
    const result = await locals.api.mutate(Unsubscribe, { token: params.token });
    if (!result.data) return fail(400, { problem: 'invalid' });
    return { kinds: result.data.unsubscribe.kinds };
  },
};
