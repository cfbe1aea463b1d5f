import { fail } from '@sveltejs/kit';
import { toFormError } from '$lib/errors';
import { graphql } from '$lib/graphql';
import type { Actions } from './$types';

const RequestReset = graphql(`
  mutation RequestReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

export const actions: Actions = {
  default: async ({ request, locals }) => {
    const email = String((await request.formData()).get('email') ?? '').trim();
    if (!email.includes('@'))
      return fail(400, {
        email,
        error: { message: 'error.input' as const, fields: { email: { key: 'error.field.email' as const } } },
      });
    const result = await locals.api.mutate(RequestReset, { email });
    if (!result.data) return fail(400, { email, error: toFormError(result.errors) });
    // The same answer whether the address has an account or not.
    return { sent: true, email };
  },
};
