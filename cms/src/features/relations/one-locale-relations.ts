import type { Core } from '@strapi/strapi';
import { CONTENT_TYPE_UIDS } from '../settings';

/**
 * Relations from a type that is not localized (a city, an organisation) to one that is (projects) list each
 * document once, in the default locale.
 *
 * Strapi 5 localizes relations: every localisation of a project links its city itself, and Strapi's resolver for
 * `City.projects` returns every entry that links the city — the German and the English one of the same project,
 * twice the same documentId. A city page would list the project twice and the map would count it twice. So these
 * fields filter by the default locale unless the query filters by locale itself
 * (`projects(filters: { locale: { eq: "en" } })`).
 */

interface Attribute {
  type: string;
  target?: string;
}
interface Model {
  uid: string;
  attributes: Record<string, Attribute>;
  pluginOptions?: { i18n?: { localized?: boolean } };
}

const isLocalized = (model: Model) => model.pluginOptions?.i18n?.localized === true;

/** `Type.field` paths of such relations, with their `_connection` twins. */
export function oneLocaleRelationPaths(strapi: Core.Strapi): string[] {
  const { naming } = strapi.plugin('graphql').service('utils') as {
    naming: { getTypeName(model: Model): string };
  };
  const paths: string[] = [];
  for (const uid of CONTENT_TYPE_UIDS) {
    const model = strapi.getModel(uid as never) as unknown as Model;
    if (isLocalized(model)) continue;
    for (const [name, attribute] of Object.entries(model.attributes)) {
      if (attribute.type !== 'relation' || !attribute.target) continue;
      const target = strapi.getModel(attribute.target as never) as unknown as Model | undefined;
      if (!target || !isLocalized(target)) continue;
      const typeName = naming.getTypeName(model);
      paths.push(`${typeName}.${name}`, `${typeName}.${name}_connection`);
    }
  }
  return paths;
}

type Next = (parent: unknown, args: unknown, context: unknown, info: unknown) => unknown;

function mentionsLocale(filters: unknown): boolean {
  if (!filters || typeof filters !== 'object') return false;
  if (Array.isArray(filters)) return filters.some(mentionsLocale);
  return Object.entries(filters).some(([key, value]) => key === 'locale' || mentionsLocale(value));
}

export function oneLocaleRelationsConfig(strapi: Core.Strapi): Record<string, { middlewares: unknown[] }> {
  // The default locale, read once per request (Strapi reads it from its store on every call).
  const defaults = new WeakMap<object, Promise<string>>();
  const defaultLocale = (context: unknown) => {
    const key = (context && typeof context === 'object' ? context : defaults) as object;
    let locale = defaults.get(key);
    if (!locale) {
      locale = Promise.resolve(strapi.plugin('i18n').service('locales').getDefaultLocale() as string);
      defaults.set(key, locale);
    }
    return locale;
  };
  const middleware = async (
    next: Next,
    parent: unknown,
    args: { filters?: Record<string, unknown> } & Record<string, unknown>,
    context: unknown,
    info: unknown,
  ) => {
    if (mentionsLocale(args?.filters)) return next(parent, args, context, info);
    const locale = await defaultLocale(context);
    const filters = args?.filters
      ? { and: [args.filters, { locale: { eq: locale } }] }
      : { locale: { eq: locale } };
    return next(parent, { ...args, filters }, context, info);
  };
  return Object.fromEntries(
    oneLocaleRelationPaths(strapi).map((path) => [path, { middlewares: [middleware] }]),
  );
}
