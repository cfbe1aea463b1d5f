// Choices that several forms offer (cities, fields of action), in the visitor's language, cached briefly per
// language: they change rarely.
import { graphql } from '$lib/graphql';
import type { Locale } from '$lib/i18n';
import { applyTranslations, translationVariables, type FieldLangs } from '$lib/translation';
import type { Api } from './api';

const Options = graphql(`
  query FormOptions($locale: I18NLocaleCode!, $translate: Boolean!) {
    cities(sort: ["name:asc"], pagination: { pageSize: 100 }) {
      documentId
      name
    }
    actionFields(sort: ["name:asc"], pagination: { pageSize: 100 }) {
      documentId
      name
      translation(locale: $locale) @include(if: $translate) {
        name
        fallbackFields
        fallbackLocale
      }
    }
  }
`);

interface Options {
  cities: { documentId: string; name: string }[];
  fields: { documentId: string; name: string; lang?: FieldLangs }[];
}
const cached = new Map<Locale, { at: number; value: Options }>();

export async function formOptions(api: Api, locale: Locale = 'de'): Promise<Options> {
  const hit = cached.get(locale);
  if (hit && Date.now() - hit.at < 60_000) return hit.value;
  const data = applyTranslations(await api.load(Options, translationVariables(locale)));
  const value = {
    cities: data.cities.filter((c) => c !== null),
    // Sorted by the names shown: the CMS sorted the German ones.
    fields: data.actionFields.filter((f) => f !== null).sort((a, b) => a.name.localeCompare(b.name, locale)),
  };
  cached.set(locale, { at: Date.now(), value });
  return value;
}

export { SECTORS, isSector } from '$lib/members';

/** Where to go after signing in: only paths on this site. */
export function safeNext(value: string | null | undefined, fallback = '/') {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : fallback;
}
