import { fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { setSession } from '$lib/server/session';
import { tokenProblem } from '$lib/server/tokens';
import type { Actions } from './$types';

const VerifyEmail = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token) {
      token
    }
  }
`);

// Opening the link shows a button: programs that scan mail open links too, and must not use up the token.
export const actions: Actions = {
  default: async ({ locals, params, cookies }) => {
    const result = await locals.api.mutate(VerifyEmail, { token: params.token });
    if (!result.data) return fail(400, { problem: tokenProblem(result.errors) ?? 'invalid' });
    setSession(cookies, result.data.verifyEmail.token);
    redirect(303, '/profil?bestaetigt=1');
  },
};
