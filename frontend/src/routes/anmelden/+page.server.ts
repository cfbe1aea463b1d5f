import { fail, redirect } from '@sveltejs/kit';
import { toFormError } from '$lib/errors';
import { graphql } from '$lib/graphql';
import { safeNext } from '$lib/server/options';
import { setSession } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const SignIn = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      token
    }
  }
`);

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, safeNext(url.searchParams.get('weiter')));
  return { next: safeNext(url.searchParams.get('weiter'), '') };
};

export const actions: Actions = {
  default: async ({ request, locals, cookies }) => {
    const form = await request.formData();
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const next = safeNext(String(form.get('next') ?? ''));
    const fields: Record<string, { key: 'error.field.required' }> = {};
    if (!email) fields['email'] = { key: 'error.field.required' };
    if (!password) fields['password'] = { key: 'error.field.required' };
    if (Object.keys(fields).length)
      return fail(400, { email, error: { message: 'error.input' as const, fields } });
    const result = await locals.api.mutate(SignIn, { email, password });
    if (!result.data) return fail(400, { email, error: toFormError(result.errors) });
    setSession(cookies, result.data.signIn.token);
    redirect(303, next);
  },
};
