import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { isLocale } from '$lib/i18n';
import { LOCALE_COOKIE } from '$lib/server/session';
import type { Actions } from './$types';

// A signed-in member's mails follow the language they choose here.
const MailLocale = graphql(`
  mutation MailLocale($locale: String!) {
    updateProfile(input: { locale: $locale }) {
      id
    }
  }
`);

export const actions: Actions = {
  default: async ({ request, cookies, locals }) => {
    const form = await request.formData();
    const lang = form.get('lang');
    if (isLocale(lang))
      cookies.set(LOCALE_COOKIE, lang, {
        path: '/',
        httpOnly: false,
        sameSite: 'lax',
        maxAge: 60 * 60 * 24 * 365,
      });
    if (isLocale(lang) && locals.user) await locals.api.mutate(MailLocale, { locale: lang });
    const back = String(form.get('back') ?? '/');
    redirect(303, back.startsWith('/') && !back.startsWith('//') ? back : '/');
  },
};
