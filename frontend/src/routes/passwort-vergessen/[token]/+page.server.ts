import { fail, redirect } from '@sveltejs/kit';
import { toFormError } from '$lib/errors';
import { graphql } from '$lib/graphql';
import { setSession } from '$lib/server/session';
import { tokenProblem } from '$lib/server/tokens';
import type { Actions } from './$types';

const ResetPassword = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword) {
      token
    }
  }
`);

export const actions: Actions = {
  default: async ({ request, locals, params, cookies }) => {
    const form = await request.formData();
    const password = String(form.get('password') ?? '');
    const repeat = String(form.get('repeat') ?? '');
    if (password.length < 10)
      return fail(400, {
        error: {
          message: 'error.input' as const,
          fields: { password: { key: 'error.field.tooShort' as const, params: { min: 10 } } },
        },
      });
    if (password !== repeat)
      return fail(400, {
        error: { message: 'error.input' as const, fields: { repeat: { key: 'reset.mismatch' as const } } },
      });
    const result = await locals.api.mutate(ResetPassword, { token: params.token, newPassword: password });
    if (!result.data) {
      const problem = tokenProblem(result.errors);
      if (problem) return fail(400, { problem });
      return fail(400, { error: toFormError(result.errors, { newPassword: 'password' }) });
    }
    // Every earlier session has ended; this browser gets the new one.
    setSession(cookies, result.data.resetPassword.token);
    redirect(303, '/profil?passwort=neu');
  },
};
