import type { Core } from '@strapi/strapi';

export const DEFAULT_LOCALE = { code: 'de', name: 'Deutsch (de)' };
export const SECOND_LOCALES = [{ code: 'en', name: 'English (en)' }];

/** German is the default locale, English the second one; safe to run on every start. */
export async function ensureLocales(strapi: Core.Strapi): Promise<void> {
  const locales = strapi.plugin('i18n').service('locales');
  for (const locale of [DEFAULT_LOCALE, ...SECOND_LOCALES]) {
    if (!(await locales.findByCode(locale.code))) {
      await locales.create(locale);
    }
  }
  if ((await locales.getDefaultLocale()) !== DEFAULT_LOCALE.code) {
    await locales.setDefaultLocale({ code: DEFAULT_LOCALE.code });
  }
}
