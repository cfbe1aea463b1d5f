import type { Core } from '@strapi/strapi';
import DataLoader from 'dataloader';
import { badUserInput } from '../graphql/errors';

/**
 * `translation(locale)` on the localized types: a document's texts in another locale, field by field, with the
 * entry's own text wherever that locale has no published localisation or leaves a field empty — and the names
 * of those fields, so that a page can mark them with their language (`lang="de"`).
 *
 * Lists keep their membership and order from the locale they were asked in (German, the default: every
 * document has it); only the texts change. Strapi's `locale: "en"` would instead list only the documents that
 * have an English localisation, and `localizations` gives whole entries without a fallback.
 */

interface TranslatedType {
  uid: string;
  typeName: string;
  /** Localized text attributes (strings, Markdown) and localized components, in the order of the type. */
  fields: { name: string; graphqlType: string; component?: boolean }[];
  description: string;
}

const TYPES: TranslatedType[] = [
  {
    uid: 'api::project.project',
    typeName: 'Project',
    description: 'A project’s texts in one locale, each falling back to the project’s own',
    fields: [
      { name: 'title', graphqlType: 'String!' },
      { name: 'summary', graphqlType: 'String!' },
      { name: 'description', graphqlType: 'String' },
      { name: 'outcomes', graphqlType: 'String' },
      { name: 'transferability', graphqlType: 'String' },
      { name: 'funding', graphqlType: 'String' },
    ],
  },
  {
    uid: 'api::workshop.workshop',
    typeName: 'Workshop',
    description: 'A workshop’s texts in one locale, each falling back to the workshop’s own',
    fields: [
      { name: 'title', graphqlType: 'String!' },
      { name: 'guidingQuestion', graphqlType: 'String' },
      { name: 'documentation', graphqlType: 'String' },
      { name: 'programme', graphqlType: '[ComponentWorkshopProgrammeItem!]!', component: true },
    ],
  },
  {
    uid: 'api::action-field.action-field',
    typeName: 'ActionField',
    description: 'A field of action’s texts in one locale, each falling back to its own',
    fields: [
      { name: 'name', graphqlType: 'String!' },
      { name: 'description', graphqlType: 'String' },
    ],
  },
];

export const translationTypeDefs = TYPES.map(
  (type) => /* GraphQL */ `
  "${type.description}"
  type ${type.typeName}Translation {
    "The locale asked for"
    locale: String!
    "The locale of the texts named in fallbackFields: the entry's own"
    fallbackLocale: String!
    "Fields whose text is the fallback locale's: the locale asked for has no published localisation, or it leaves the field empty"
    fallbackFields: [String!]!
${type.fields.map((field) => `    ${field.name}: ${field.graphqlType}`).join('\n')}
  }

  extend type ${type.typeName} {
    """
    This entry's texts in another locale, each field falling back to this entry's own (German, for entries of the
    default locale) where that locale has none: lists keep the documents and order of the locale they were asked
    in, only the texts change. Published localisations only.
    """
    translation(locale: I18NLocaleCode!): ${type.typeName}Translation!
  }
`,
).join('\n');

type Row = Record<string, unknown> & { id: number; documentId: string; locale: string };
interface Key {
  id: number;
  locale: string;
}

/** Empty text or an empty component list counts as missing: the fallback is shown instead. */
function isMissing(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

async function translateMany(strapi: Core.Strapi, type: TranslatedType, keys: readonly Key[]) {
  const locales = (await strapi.plugin('i18n').service('locales').find()) as { code: string }[];
  const known = new Set(locales.map((locale) => locale.code));
  const select = [
    'id',
    'documentId',
    'locale',
    ...type.fields.filter((f) => !f.component).map((f) => f.name),
  ];
  const populate = Object.fromEntries(type.fields.filter((f) => f.component).map((f) => [f.name, true]));
  const query = strapi.db.query(type.uid as never);
  const sources = (await query.findMany({
    where: { id: { $in: [...new Set(keys.map((key) => key.id))] } },
    select,
    populate,
  })) as unknown as Row[];
  const sourceById = new Map(sources.map((row) => [row.id, row]));

  const wanted = new Map<string, Set<string>>(); // locale → documentIds
  for (const key of keys) {
    const source = sourceById.get(key.id);
    if (!source || source.locale === key.locale || !known.has(key.locale)) continue;
    let ids = wanted.get(key.locale);
    if (!ids) wanted.set(key.locale, (ids = new Set()));
    ids.add(source.documentId);
  }
  const translations = new Map<string, Row>(); // `${locale}:${documentId}`
  for (const [locale, documentIds] of wanted) {
    const rows = (await query.findMany({
      where: { documentId: { $in: [...documentIds] }, locale, publishedAt: { $notNull: true } },
      select,
      populate,
    })) as unknown as Row[];
    for (const row of rows) translations.set(`${locale}:${row.documentId}`, row);
  }

  return keys.map((key) => {
    if (!known.has(key.locale)) return badUserInput('locale', `There is no locale "${key.locale}".`);
    const source = sourceById.get(key.id);
    if (!source) return null;
    const translated =
      source.locale === key.locale ? source : translations.get(`${key.locale}:${source.documentId}`);
    const result: Record<string, unknown> = {
      locale: key.locale,
      fallbackLocale: source.locale,
      fallbackFields: [] as string[],
    };
    for (const field of type.fields) {
      const own = translated?.[field.name];
      const fallback = source[field.name];
      if (translated && !isMissing(own)) result[field.name] = own;
      else if (!isMissing(fallback)) {
        result[field.name] = fallback;
        (result['fallbackFields'] as string[]).push(field.name);
      } else result[field.name] = field.component ? [] : (fallback ?? null);
    }
    return result;
  });
}

const loadersByRequest = new WeakMap<object, Map<string, DataLoader<Key, unknown, string>>>();

/** One loader per request and type: every `translation` of a page in two queries (sources, then localisations). */
function loaderFor(strapi: Core.Strapi, context: object, type: TranslatedType) {
  let loaders = loadersByRequest.get(context);
  if (!loaders) loadersByRequest.set(context, (loaders = new Map()));
  let loader = loaders.get(type.uid);
  if (!loader) {
    loader = new DataLoader((keys) => translateMany(strapi, type, keys), {
      cacheKeyFn: (key) => `${key.id}:${key.locale}`,
      maxBatchSize: 1000,
    });
    loaders.set(type.uid, loader);
  }
  return loader;
}

export function translationResolvers(strapi: Core.Strapi) {
  const resolvers: Record<string, Record<string, unknown>> = {};
  for (const type of TYPES) {
    resolvers[type.typeName] = {
      translation(parent: { id?: unknown }, args: { locale: string }, context: object) {
        if (typeof parent?.id !== 'number') return null;
        return loaderFor(strapi, context, type).load({ id: parent.id, locale: args.locale });
      },
    };
  }
  return resolvers;
}

/** `Type.translation` paths: readable by whoever may read the type (the field returns no other documents). */
export const translationFieldPaths = TYPES.map((type) => `${type.typeName}.translation`);
