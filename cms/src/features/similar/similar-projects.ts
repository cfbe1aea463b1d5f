import type { Core } from '@strapi/strapi';
import DataLoader from 'dataloader';
import { PROJECT, SIMILAR } from '../read-model/project-listing';
import { MAX_SIMILAR } from '../read-model/similarity';

export { MAX_SIMILAR };

interface Parent {
  documentId?: string;
  locale?: string | null;
}

interface SimilarKey {
  documentId: string;
  locale: string;
  limit: number;
}

/**
 * The similar projects of every parent of one request (at one nesting level) from the read model's precomputed
 * lists (see read-model/similarity.ts): the lists in one statement, their published projects in one more through
 * Strapi's Query Engine. Two statements however many parents; nothing is scored at request time.
 */
async function similarForMany(strapi: Core.Strapi, keys: readonly SimilarKey[]): Promise<unknown[][]> {
  const rows: { locale: string; source: string; target: string }[] = await strapi.db
    .connection(SIMILAR)
    .select({ locale: 'locale', source: 'source_document_id', target: 'document_id' })
    .where('position', '<', Math.max(...keys.map((key) => key.limit)))
    .whereIn(
      ['locale', 'source_document_id'],
      keys.map((key) => [key.locale, key.documentId]),
    )
    .orderBy([{ column: 'locale' }, { column: 'source_document_id' }, { column: 'position' }]);
  if (rows.length === 0) return keys.map(() => []);
  const entries = (await strapi.db.query(PROJECT as never).findMany({
    where: {
      publishedAt: { $notNull: true },
      $or: [...new Set(rows.map((row) => row.locale))].map((locale) => ({
        locale,
        documentId: {
          $in: [...new Set(rows.filter((row) => row.locale === locale).map((row) => row.target))],
        },
      })),
    },
  })) as { documentId: string; locale: string }[];
  const entryOf = new Map(entries.map((entry) => [`${entry.locale}:${entry.documentId}`, entry]));
  return keys.map((key) =>
    rows
      .filter((row) => row.locale === key.locale && row.source === key.documentId)
      .slice(0, key.limit)
      .flatMap((row) => entryOf.get(`${row.locale}:${row.target}`) ?? []),
  );
}

const loaders = new WeakMap<object, DataLoader<SimilarKey, unknown[], string>>();

function loaderFor(strapi: Core.Strapi, context: object): DataLoader<SimilarKey, unknown[], string> {
  let loader = loaders.get(context);
  if (!loader) {
    loader = new DataLoader((keys) => similarForMany(strapi, keys), {
      cacheKeyFn: (key) => `${key.locale}:${key.documentId}:${key.limit}`,
      maxBatchSize: 1000,
    });
    loaders.set(context, loader);
  }
  return loader;
}

export const similarTypeDefs = /* GraphQL */ `
  extend type Project {
    "Other published projects on similar topics: shared fields of action, target groups and wording"
    similar("How many, 0 to 20" limit: Int = 5): [Project!]!
  }
`;

export function similarResolvers(strapi: Core.Strapi) {
  return {
    Project: {
      similar(parent: Parent, args: { limit?: number | null }, context: object) {
        const limit = Math.min(Math.max(args.limit ?? 5, 0), MAX_SIMILAR);
        if (limit === 0 || !parent?.documentId || !parent.locale) return [];
        return loaderFor(strapi, context).load({
          documentId: parent.documentId,
          locale: parent.locale,
          limit,
        });
      },
    },
  };
}
