import { fail, redirect } from '@sveltejs/kit';
import { toFormError, type FormError } from '$lib/errors';
import { graphql } from '$lib/graphql';
import { formOptions, isSector } from '$lib/server/options';
import type { Actions, PageServerLoad } from './$types';

const Register = graphql(`
  mutation Register($input: RegisterMemberInput!) {
    registerMember(input: $input) {
      email
    }
  }
`);

export const load: PageServerLoad = async ({ locals }) => {
  if (locals.user) redirect(303, '/profil');
  return { options: await formOptions(locals.api, locals.locale) };
};

export const actions: Actions = {
  default: async ({ request, locals }) => {
    const form = await request.formData();
    const get = (name: string) => String(form.get(name) ?? '').trim();
    const values = {
      email: get('email'),
      displayName: get('displayName'),
      organisation: get('organisation'),
      sector: get('sector'),
      cityId: get('cityId'),
    };
    const password = String(form.get('password') ?? '');
    const fields: FormError['fields'] = {};
    for (const name of ['email', 'displayName'] as const)
      if (!values[name]) fields[name] = { key: 'error.field.required' };
    if (password.length < 8) fields['password'] = { key: 'error.field.tooShort', params: { min: 8 } };
    if (!isSector(values.sector)) fields['sector'] = { key: 'error.field.required' };
    if (Object.keys(fields).length || !isSector(values.sector))
      return fail(400, { values, error: { message: 'error.input', fields } satisfies FormError });
    const result = await locals.api.mutate(Register, {
      input: {
        email: values.email,
        password,
        displayName: values.displayName,
        sector: values.sector,
        organisation: values.organisation || undefined,
        cityId: values.cityId || undefined,
        interests: form.getAll('interests').map(String),
        locale: locals.locale,
      },
    });
    if (!result.data) return fail(400, { values, error: toFormError(result.errors) });
    // The same page whether the address is new or has an account: the mail tells which.
    redirect(303, '/registrieren/gesendet');
  },
};
