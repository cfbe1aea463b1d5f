/**
 * The admin speaks German first. Strapi 5's admin offers the locales of `config.locales` beside English and reads
 * the chosen one from localStorage (`strapi-admin-language`) when it renders, before anybody has signed in; after
 * sign-in the account's own language (`preferedLanguage`, German for the accounts the CMS creates) wins. So the
 * sign-in page is German unless this browser chose another language before; English stays selectable on the
 * sign-in page and in the profile.
 */
export const ADMIN_LOCALES = ['de'];
export const LANGUAGE_KEY = 'strapi-admin-language';
export const DEFAULT_ADMIN_LANGUAGE = 'de';

interface Storage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function preferGerman(storage: Storage): void {
  if (!storage.getItem(LANGUAGE_KEY)) storage.setItem(LANGUAGE_KEY, DEFAULT_ADMIN_LANGUAGE);
}
