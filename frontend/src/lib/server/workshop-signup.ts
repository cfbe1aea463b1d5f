// Registration for a workshop from its page: one click when signed in (the questions, if editors set any).
// Works without JavaScript (a POST and the page again) and with it (use:enhance).
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { toFormError, type ApiErrorLike, type FormError } from '$lib/errors';
import { graphql } from '$lib/graphql';
import type { MessageKey } from '$lib/i18n';

const Register = graphql(`
  mutation RegisterForWorkshop($input: RegisterForWorkshopInput!) {
    registerForWorkshop(input: $input) {
      id
      status
      waitlistPosition
    }
  }
`);
const Cancel = graphql(`
  mutation CancelWorkshopRegistration($workshopId: ID!) {
    cancelWorkshopRegistration(workshopId: $workshopId) {
      id
      status
    }
  }
`);

/** The forum's reasons for refusing a registration, as the page says them. */
const REASONS: Record<string, MessageKey> = {
  ALREADY_REGISTERED: 'signup.error.already',
  PAST: 'signup.error.past',
  DEADLINE_PASSED: 'signup.error.deadline',
  NOT_YET_OPEN: 'signup.error.notYetOpen',
  NOT_OFFERED: 'signup.error.notOffered',
  FULL: 'signup.error.full',
  CALLED_OFF: 'signup.error.calledOff',
};

function signupError(errors: readonly ApiErrorLike[]): FormError {
  const reason = errors.map((error) => String(error.extensions?.['reason'] ?? '')).find((r) => r in REASONS);
  if (reason) return { message: REASONS[reason]!, fields: {} };
  const error = toFormError(errors);
  // The forum names the answers as a whole; the page shows it beside the form.
  if (error.fields['answers']) return { message: 'signup.error.answers', fields: {} };
  return error;
}

export const signupActions = {
  register: async (event: RequestEvent) => {
    if (!event.locals.user) redirect(303, `/anmelden?weiter=${encodeURIComponent(event.url.pathname)}`);
    const data = await event.request.formData();
    const workshopId = String(data.get('workshopId') ?? '');
    const answers = [...data.entries()]
      .filter(([name]) => name.startsWith('answer.'))
      .map(([name, value]) => ({ key: name.slice('answer.'.length), value: String(value) }));
    const result = await event.locals.api.mutate(Register, { input: { workshopId, answers } });
    if (!result.data) {
      return fail(400, {
        form: 'signup',
        error: signupError(result.errors),
        values: Object.fromEntries(answers.map(({ key, value }) => [key, value])),
      });
    }
    return { form: 'signup', registered: result.data.registerForWorkshop.status };
  },
  cancelRegistration: async (event: RequestEvent) => {
    if (!event.locals.user) redirect(303, `/anmelden?weiter=${encodeURIComponent(event.url.pathname)}`);
    const data = await event.request.formData();
    const result = await event.locals.api.mutate(Cancel, {
      workshopId: String(data.get('workshopId') ?? ''),
    });
    if (!result.data) return fail(400, { form: 'signup', error: signupError(result.errors), values: {} });
    return { form: 'signup', cancelled: true };
  },
};
