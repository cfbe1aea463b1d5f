import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { LOCALE_COOKIE } from '$lib/server/session';
import type { Actions } from './$types';

export const actions: Actions = {
  default: async ({ request, cookies }) => {
    const form = await request.formData();
    const lang = form.get('lang');
    if (isLocale(lang))
      cookies.set(LOCALE_COOKIE, lang, {
        path: '/',
        httpOnly: false,
        sameSite: 'lax',
        maxAge: 60 * 60 * 24 * 365,
      });
    const back = String(form.get('back') ?? '/');
    redirect(303, back.startsWith('/') && !back.startsWith('//') ? back : '/');
  },
};
