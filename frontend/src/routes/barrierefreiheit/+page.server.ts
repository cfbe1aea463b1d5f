import { fail } from '@sveltejs/kit';
import { toFormError, type FormError } from '$lib/errors';
import { graphql } from '$lib/graphql';
import type { MessageKey } from '$lib/i18n';
import { loadSitePage } from '$lib/server/site-pages';
import type { Actions, PageServerLoad } from './$types';

const SendFeedback = graphql(`
  mutation SendAccessibilityFeedback($input: AccessibilityFeedbackInput!) {
    submitAccessibilityFeedback(input: $input) {
      reference
    }
  }
`);

export const load: PageServerLoad = async ({ locals, url }) => ({
  page: await loadSitePage(locals.api, 'barrierefreiheit', locals.locale),
  // "Barriere melden" links may name the page the visitor came from.
  fromPage: (url.searchParams.get('seite') ?? '').slice(0, 500),
});

/** The accessibility statement's feedback form: each report becomes an entry editors answer in the CMS. */
export const actions: Actions = {
  default: async ({ request, locals }) => {
    const form = await request.formData();
    const values = {
      message: String(form.get('message') ?? '').trim(),
      pageUrl: String(form.get('pageUrl') ?? '').trim(),
      name: String(form.get('name') ?? '').trim(),
      email: String(form.get('email') ?? '').trim(),
    };
    // A field people do not see: whoever fills it in is a robot, and is thanked without anything being stored.
    if (String(form.get('homepage') ?? '') !== '') return { sent: true, reference: null, values: null };
    const fields: Record<string, { key: MessageKey; params?: Record<string, number> }> = {};
    if (values.message.length < 10) fields['message'] = { key: 'error.field.tooShort', params: { min: 10 } };
    if (Object.keys(fields).length)
      return fail(400, { values, error: { message: 'error.input', fields } as FormError });
    const result = await locals.api.mutate(SendFeedback, {
      input: {
        message: values.message,
        pageUrl: values.pageUrl || null,
        name: values.name || null,
        email: values.email || null,
      },
    });
    if (!result.data) return fail(400, { values, error: toFormError(result.errors) });
    return { sent: true, reference: result.data.submitAccessibilityFeedback.reference, values: null };
  },
};
