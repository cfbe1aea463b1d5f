// Content in the visitor's language. German visitors read the CMS's German entries as they are. For English
// ones, each query asks every project, workshop and field of action for `translation(locale: "en")`: the
// English texts where the CMS has them, the German ones (named in `fallbackFields`) where it has none. The
// load functions fold those texts into the entries with `applyTranslations`, so components read `title` and
// `summary` as before, and `lang` says which fields stayed German, for their `lang` attributes (screen
// readers switch voice, browsers hyphenate by the right rules).
import type { Locale } from '$lib/i18n';

/** Field → the language of its text where it is not the page's, e.g. `{ description: 'de' }`. */
export type FieldLangs = Partial<Record<string, string>>;

interface TranslationLike {
  fallbackFields: readonly string[];
  fallbackLocale: string;
}

type Plain<T> = T extends readonly (infer U)[]
  ? Translated<U>[]
  : T extends object
    ? { [K in keyof T]: Translated<T[K]> }
    : T;

/** An entry whose `translation` was folded in: the same fields, plus `lang` where a translation was asked. */
export type Translated<T> = T extends readonly unknown[]
  ? Plain<T>
  : T extends { translation?: unknown }
    ? Omit<Plain<T>, 'translation'> & { lang?: FieldLangs }
    : Plain<T>;

const META = new Set(['locale', 'fallbackLocale', 'fallbackFields', '__typename']);

function isTranslation(value: unknown): value is TranslationLike & Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && Array.isArray((value as TranslationLike).fallbackFields)
  );
}

/** Every `translation` in the data, at any depth, folded into its entry. */
export function applyTranslations<T>(value: T): Translated<T> {
  if (Array.isArray(value)) return value.map((item) => applyTranslations(item)) as Translated<T>;
  if (typeof value !== 'object' || value === null) return value as Translated<T>;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key !== 'translation') result[key] = applyTranslations(child);
  }
  const translation = (value as { translation?: unknown }).translation;
  if (isTranslation(translation)) {
    for (const [key, text] of Object.entries(translation)) if (!META.has(key)) result[key] = text;
    const lang: FieldLangs = {};
    for (const field of translation.fallbackFields) lang[field] = translation.fallbackLocale;
    result['lang'] = lang;
  }
  return result as Translated<T>;
}

/** The variables every query with translations takes: only visitors in another language ask for them. */
export const translationVariables = (locale: Locale) => ({ locale, translate: locale !== 'de' });
