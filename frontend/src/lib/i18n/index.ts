// Interface strings: German first, English second. Components call `t(key, params)` from $lib/i18n/t.
import { de, type MessageKey } from './de';
import { en } from './en';

export type Locale = 'de' | 'en';
export type { MessageKey };
export const LOCALES: Locale[] = ['de', 'en'];
const messages: Record<Locale, Record<MessageKey, string>> = { de, en };

export function isLocale(value: unknown): value is Locale {
  return value === 'de' || value === 'en';
}

export function translate(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = messages[locale][key] ?? de[key] ?? key;
  return template
    .replace(PLURAL, (match, name: string, cases: string) =>
      name in params ? plural(locale, Number(params[name]), cases) : match,
    )
    .replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/**
 * `{count, plural, =0 {keine} one {# Beitrag} other {# Beiträge}}`: ICU's plural syntax, the cases chosen by the
 * language's own rules (`Intl.PluralRules`); `=n` matches the exact number first, `#` is the number written in
 * the language's way.
 */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

function plural(locale: Locale, count: number, cases: string): string {
  const options = new Map<string, string>();
  for (const [, selector, text] of cases.matchAll(/(=\d+|\w+)\s*\{([^{}]*)\}/g))
    options.set(selector!, text!);
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  let format = numberFormats.get(locale);
  if (!format)
    numberFormats.set(locale, (format = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB')));
  const text = options.get(`=${count}`) ?? options.get(rules.select(count)) ?? options.get('other') ?? '';
  return text.replace(/#/g, format.format(count));
}

const dateFormats = {
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  dateTime: { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  short: { day: '2-digit', month: '2-digit', year: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

const dateFormat = (locale: Locale, style: keyof typeof dateFormats) =>
  new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    ...dateFormats[style],
    timeZone: 'Europe/Berlin',
  });

const parse = (iso: string | null | undefined) => {
  const date = iso ? new Date(iso) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
};

/** Dates in Germany's time zone, whatever the server's. */
export function formatDate(
  locale: Locale,
  iso: string | null | undefined,
  style: keyof typeof dateFormats = 'date',
) {
  const date = parse(iso);
  return date ? dateFormat(locale, style).format(date) : '';
}

/** A span of time, the date said once when it starts and ends on the same day ("14. Januar 2027, 10:00–16:00 Uhr"). */
export function formatDateRange(
  locale: Locale,
  startIso: string | null | undefined,
  endIso: string | null | undefined,
  style: keyof typeof dateFormats = 'dateTime',
) {
  const start = parse(startIso);
  const end = parse(endIso);
  if (!start) return '';
  if (!end || end <= start) return dateFormat(locale, style).format(start);
  return dateFormat(locale, style).formatRange(start, end);
}
