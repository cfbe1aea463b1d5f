import type { Core } from '@strapi/strapi';

export interface Representation {
  __typename: string;
  documentId?: unknown;
}

/**
 * The shape of a document id (Strapi's are 24 lower-case letters and digits; imported ones may differ a little).
 * Anything else cannot name a document: it is answered null without asking the database, where some values
 * (a NUL byte on PostgreSQL) would fail the whole batch.
 */
const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

function isRepresentation(value: unknown): value is Representation {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Resolves `_entities` for the gateway: one Document Service query per entity type, however many
 * representations ask for it, returned in the order asked and null for unknown or unpublished documents.
 * The page size is the number of keys, so Strapi's default limit never cuts a batch short.
 *
 * A reference this CMS cannot resolve — unknown, unpublished, of another type, malformed — is null, never an
 * error: the gateway joins lists of threads, members and projects through this, and one missing project must not
 * blank a list. Should the lookup of one type fail all the same, that type's entries are null (and it is logged).
 */
export async function resolveEntities(
  strapi: Core.Strapi,
  entityTypes: Readonly<Record<string, string>>,
  representations: readonly unknown[],
): Promise<(Record<string, unknown> | null)[]> {
  const idsByType = new Map<string, Set<string>>();
  for (const representation of representations) {
    if (
      !isRepresentation(representation) ||
      typeof representation.__typename !== 'string' ||
      !Object.hasOwn(entityTypes, representation.__typename) ||
      typeof representation.documentId !== 'string' ||
      !DOCUMENT_ID.test(representation.documentId)
    )
      continue;
    let ids = idsByType.get(representation.__typename);
    if (!ids) idsByType.set(representation.__typename, (ids = new Set()));
    ids.add(representation.documentId);
  }
  const found = new Map<string, Record<string, unknown>>();
  await Promise.all(
    [...idsByType].map(async ([typeName, ids]) => {
      const uid = entityTypes[typeName] as string;
      let documents: Record<string, unknown>[];
      try {
        documents = (await strapi.documents(uid as never).findMany({
          status: 'published',
          filters: { documentId: { $in: [...ids] } },
          limit: ids.size,
        } as never)) as unknown as Record<string, unknown>[];
      } catch (error) {
        strapi.log.error(`_entities: looking up ${ids.size} ${typeName} failed: ${String(error)}`);
        return;
      }
      for (const document of documents) {
        found.set(`${typeName}:${String(document.documentId)}`, { ...document, __typename: typeName });
      }
    }),
  );
  return representations.map((representation) =>
    isRepresentation(representation)
      ? (found.get(`${String(representation.__typename)}:${String(representation.documentId)}`) ?? null)
      : null,
  );
}
