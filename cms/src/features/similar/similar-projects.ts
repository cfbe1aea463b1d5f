import type { Core } from '@strapi/strapi';
import DataLoader from 'dataloader';
import { primeRelations } from '../relations/batched-relations';
import { runStatement } from '../read-model/project-page';
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

interface SimilarRow {
  locale: string;
  /** null: a row of the second kind, a listed project */
  source: string | null;
  target: string;
  position: number | null;
  document: string | null;
}

/**
 * The similar projects of every parent of one request (at one nesting level) from the read model's precomputed
 * lists (see read-model/similarity.ts), in one statement however many parents: the lists' rows, then each listed
 * project once (a project on many lists is read once). Nothing is scored at request time. The projects'
 * relations go to the request's relation loaders, as the list's do.
 */
async function similarForMany(
  strapi: Core.Strapi,
  context: object,
  keys: readonly SimilarKey[],
): Promise<unknown[][]> {
  const knex = strapi.db.connection;
  const limit = Math.max(...keys.map((key) => key.limit));
  const parents = keys.map((key) => [key.locale, key.documentId]);
  const query = knex
    .select({
      locale: 'locale',
      source: 'source_document_id',
      target: 'document_id',
      position: 'position',
      document: knex.raw('NULL'),
    })
    .from(SIMILAR)
    .where('position', '<', limit)
    .whereIn(['locale', 'source_document_id'], parents)
    .unionAll((listed) =>
      listed
        .select({
          locale: 'locale',
          source: knex.raw('NULL'),
          target: 'document_id',
          position: knex.raw('NULL'),
          document: 'document',
        })
        .from(LISTING)
        .whereIn(['locale', 'document_id'], (targets) =>
          targets
            .select('locale', 'document_id')
            .from(SIMILAR)
            .where('position', '<', limit)
            .whereIn(['locale', 'source_document_id'], parents),
        ),
    );
  const rows = await runStatement<SimilarRow>(strapi, query);
  const projects = new Map<string, ProjectDocument>();
  for (const row of rows)
    if (row.source === null && row.document)
      projects.set(`${row.locale}:${row.target}`, JSON.parse(row.document) as ProjectDocument);
  primeRelations(strapi, context, PROJECT, [...projects.values()]);
  const lists = rows
    .filter((row) => row.source !== null)
    .sort((a, b) => Number(a.position) - Number(b.position));
  return keys.map((key) =>
    lists
      .filter((row) => row.locale === key.locale && row.source === key.documentId)
      .slice(0, key.limit)
      .flatMap((row) => projects.get(`${row.locale}:${row.target}`) ?? []),
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
