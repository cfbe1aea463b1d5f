import type { Core } from '@strapi/strapi';
import DataLoader from 'dataloader';
import { primeRelations } from '../relations/batched-relations';
import { LISTING, PROJECT, SIMILAR, type ProjectDocument } from '../read-model/project-listing';
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
 * lists (see read-model/similarity.ts), with the listed projects themselves: one statement however many parents,
 * nothing scored at request time. Their relations go to the request's relation loaders, as the list's do.
 */
async function similarForMany(
  strapi: Core.Strapi,
  context: object,
  keys: readonly SimilarKey[],
): Promise<unknown[][]> {
  const rows: { locale: string; source: string; document: string }[] = await strapi.db
    .connection({ s: SIMILAR })
    .join({ l: LISTING }, (on) => on.on('l.locale', 's.locale').andOn('l.document_id', 's.document_id'))
    .select({ locale: 's.locale', source: 's.source_document_id', document: 'l.document' })
    .where('s.position', '<', Math.max(...keys.map((key) => key.limit)))
    .whereIn(
      ['s.locale', 's.source_document_id'],
      keys.map((key) => [key.locale, key.documentId]),
    )
    .orderBy([{ column: 's.locale' }, { column: 's.source_document_id' }, { column: 's.position' }]);
  const listed = rows.map((row) => ({ ...row, project: JSON.parse(row.document) as ProjectDocument }));
  primeRelations(
    strapi,
    context,
    PROJECT,
    listed.map((row) => row.project),
  );
  return keys.map((key) =>
    listed
      .filter((row) => row.locale === key.locale && row.source === key.documentId)
      .slice(0, key.limit)
      .map((row) => row.project),
  );
}

const loaders = new WeakMap<object, DataLoader<SimilarKey, unknown[], string>>();

function loaderFor(strapi: Core.Strapi, context: object): DataLoader<SimilarKey, unknown[], string> {
  let loader = loaders.get(context);
  if (!loader) {
    loader = new DataLoader((keys) => similarForMany(strapi, context, keys), {
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
