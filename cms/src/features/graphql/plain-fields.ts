import type { Core } from '@strapi/strapi';
import {
  defaultFieldResolver,
  getNamedType,
  isLeafType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { CONTENT_TYPE_UIDS } from '../settings';

/**
 * Plain value fields read their value, nothing else.
 *
 * Strapi wraps the resolver of every field of every type in its auth and policy middleware — an async function
 * that builds a policy context (with a curried lodash helper) even when the field has neither auth, middlewares
 * nor policies. A page of 20 projects has some 400 such fields, and the wrapping cost more than the page's SQL.
 * For the scalar and enum attributes of this CMS's content types and their components, which Strapi declares
 * without a resolver of their own, the wrapper has nothing to do; these get graphql's default resolver back.
 * A field with any resolver configuration (auth, middlewares, policies) keeps Strapi's wrapper.
 */

interface Attribute {
  type: string;
  component?: string;
}

interface Model {
  uid: string;
  modelType: 'contentType' | 'component';
  attributes: Record<string, Attribute>;
}

/** GraphQL type name → the attribute names whose fields are plain values. */
export function plainFieldsByType(strapi: Core.Strapi): Map<string, Set<string>> {
  const { naming, attributes: kinds } = strapi.plugin('graphql').service('utils') as {
    naming: { getTypeName(model: Model): string; getComponentName(model: Model): string };
    attributes: {
      isStrapiScalar(attribute: Attribute): boolean;
      isEnumeration(attribute: Attribute): boolean;
    };
  };
  const byType = new Map<string, Set<string>>();
  const pending: Model[] = CONTENT_TYPE_UIDS.map((uid) => strapi.getModel(uid as never) as unknown as Model);
  const seen = new Set<string>();
  while (pending.length > 0) {
    const model = pending.pop() as Model;
    if (seen.has(model.uid)) continue;
    seen.add(model.uid);
    const fields = new Set(model.modelType === 'component' ? ['id'] : ['documentId']);
    for (const [name, attribute] of Object.entries(model.attributes)) {
      if (kinds.isStrapiScalar(attribute) || kinds.isEnumeration(attribute)) fields.add(name);
      if (attribute.type === 'component' && attribute.component)
        pending.push(strapi.getModel(attribute.component as never) as unknown as Model);
    }
    byType.set(
      model.modelType === 'component' ? naming.getComponentName(model) : naming.getTypeName(model),
      fields,
    );
  }
  return byType;
}

/**
 * Gives the plain value fields of `schema` graphql's default resolver; `configured` holds the "Type.field" paths
 * that have a resolver configuration and must stay wrapped. Returns the paths it changed.
 */
export function unwrapPlainFields(
  schema: GraphQLSchema,
  byType: Map<string, Set<string>>,
  configured: ReadonlySet<string>,
): string[] {
  const changed: string[] = [];
  for (const [typeName, names] of byType) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const name of names) {
      const field = fields[name];
      const path = `${typeName}.${name}`;
      if (!field || field.args.length > 0 || !isLeafType(getNamedType(field.type)) || configured.has(path))
        continue;
      field.resolve = defaultFieldResolver as GraphQLFieldResolver<unknown, unknown>;
      changed.push(path);
    }
  }
  return changed;
}

/**
 * An Apollo Server plugin doing the above once the schema is built, before the first request (Apollo wraps
 * resolvers for its own plugins on the first request and keeps whatever it finds then).
 */
export function plainFieldsPlugin(strapi: Core.Strapi, configured: () => ReadonlySet<string>) {
  return {
    async serverWillStart({ schema }: { schema: GraphQLSchema }) {
      const changed = unwrapPlainFields(schema, plainFieldsByType(strapi), configured());
      strapi.log.debug(`GraphQL: ${changed.length} plain value fields read without Strapi's field wrapper`);
    },
  };
}

/** Adds a plugin to the Apollo Server that Strapi's GraphQL plugin starts in its bootstrap. */
export function addApolloPlugin(strapi: Core.Strapi, plugin: object): void {
  const key = 'plugin::graphql.apolloServer';
  const apolloServer = (strapi.config.get(key) ?? {}) as { plugins?: object[] };
  strapi.config.set(key, { ...apolloServer, plugins: [...(apolloServer.plugins ?? []), plugin] });
}
