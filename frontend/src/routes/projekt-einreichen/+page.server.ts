import { fail, redirect } from '@sveltejs/kit';
import { toFormError, type FormError } from '$lib/errors';
import { graphql } from '$lib/graphql';
import { formOptions } from '$lib/server/options';
import type { Actions, PageServerLoad } from './$types';

const Submit = graphql(`
  mutation SubmitProject($input: SubmitProjectInput!) {
    submitProject(input: $input) {
      documentId
      title
    }
  }
`);

export const load: PageServerLoad = async ({ locals }) => {
  if (!locals.user) redirect(303, '/anmelden?weiter=/projekt-einreichen');
  return { options: await formOptions(locals.api, locals.locale) };
};

export const actions: Actions = {
  default: async ({ request, locals }) => {
    if (!locals.user) redirect(303, '/anmelden?weiter=/projekt-einreichen');
    const form = await request.formData();
    const get = (name: string) => String(form.get(name) ?? '').trim();
    const values = {
      title: get('title'),
      summary: get('summary'),
      description: get('description'),
      city: get('city'),
      projectStatus: get('projectStatus'),
      startDate: get('startDate'),
      website: get('website'),
      contactName: get('contactName'),
      contactEmail: get('contactEmail'),
    };
    const actionFields = form.getAll('actionFields').map(String);
    const fields: FormError['fields'] = {};
    if (!values.title) fields['title'] = { key: 'error.field.required' };
    if (!values.summary) fields['summary'] = { key: 'error.field.required' };
    if (actionFields.length === 0) fields['actionFields'] = { key: 'error.field.oneField' };
    if (Object.keys(fields).length)
      return fail(400, {
        values,
        actionFields,
        error: { message: 'error.input', fields } satisfies FormError,
      });
    const result = await locals.api.mutate(Submit, {
      input: {
        title: values.title,
        summary: values.summary,
        description: values.description || undefined,
        actionFields,
        city: values.city || undefined,
        projectStatus: values.projectStatus === 'abgeschlossen' ? 'abgeschlossen' : 'laufend',
        startDate: values.startDate || undefined,
        website: values.website || undefined,
        contacts: values.contactName
          ? [{ name: values.contactName, email: values.contactEmail || undefined }]
          : undefined,
      },
    });
    if (!result.data)
      return fail(400, {
        values,
        actionFields,
        error: toFormError(result.errors, {
          'contacts.0.name': 'contactName',
          'contacts.0.email': 'contactEmail',
        }),
      });
    redirect(303, `/meine-einreichungen?eingereicht=${encodeURIComponent(result.data.submitProject.title)}`);
  },
};
