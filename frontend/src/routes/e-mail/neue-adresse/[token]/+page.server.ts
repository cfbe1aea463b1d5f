import { fail } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { tokenProblem } from '$lib/server/tokens';
import type { Actions } from './$types';

const ConfirmEmailChange = graphql(`
  mutation ConfirmEmailChange($token: String!) {
    confirmEmailChange(token: $token) {
      id
    }
  }
`);

export const actions: Actions = {
  default: async ({ locals, params }) => {
    const result = await locals.api.mutate(ConfirmEmailChange, { token: params.token });
    if (!result.data) return fail(400, { problem: tokenProblem(result.errors) ?? 'invalid' });
    return { changed: true };
  },
};
