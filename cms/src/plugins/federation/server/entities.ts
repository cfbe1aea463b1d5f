import type { Core } from '@strapi/strapi';

export interface Representation {
  __typename: string;
  documentId?: unknown;
}

/**
 * Resolves `_entities` for the gateway: one Document Service query per entity type, however many
 * representations ask for it, returned in the order asked and null for unknown or unpublished documents.
 * The page size is the number of keys, so Strapi's default limit never cuts a batch short.
 */
export async function resolveEntities(
  strapi: Core.Strapi,
  entityTypes: Readonly<Record<string, string>>,
  representations: readonly Representation[],
): Promise<(Record<string, unknown> | null)[]> {
  const idsByType = new Map<string, Set<string>>();
  for (const representation of representations) {
    if (!(representation.__typename in entityTypes) || typeof representation.documentId !== 'string')
      continue;
    let ids = idsByType.get(representation.__typename);
    if (!ids) idsByType.set(representation.__typename, (ids = new Set()));
    ids.add(representation.documentId);
  }
  const found = new Map<string, Record<string, unknown>>();
  await Promise.all(
    [...idsByType].map(async ([typeName, ids]) => {
      const uid = entityTypes[typeName] as string;
      const documents = (await strapi.documents(uid as never).findMany({
        status: 'published',
        filters: { documentId: { $in: [...ids] } },
        limit: ids.size,
      } as never)) as unknown as Record<string, unknown>[];
      for (const document of documents) {
        found.set(`${typeName}:${String(document.documentId)}`, { ...document, __typename: typeName });
      }
    }),
  );
  return representations.map(
    (representation) =>
      found.get(`${representation.__typename}:${String(representation.documentId)}`) ?? null,
  );
}
