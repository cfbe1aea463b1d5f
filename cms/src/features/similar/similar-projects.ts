import type { Core } from '@strapi/strapi';
import DataLoader from 'dataloader';
import { throwIfPastDeadline } from '../graphql/deadline';
import { jaccard, stems } from '../search/german-text';

const PROJECT = 'api::project.project';
/** Candidates considered per locale and request (all projects sharing a field of action or target group). */
const MAX_CANDIDATES = 1000;
export const MAX_SIMILAR = 20;

interface ProjectRow {
  id: number;
  documentId: string;
  locale: string;
  title?: string;
  summary?: string;
  actionFields?: { documentId: string }[];
  targetGroups?: { group: string }[];
}

interface Parent {
  id: number;
}

interface SimilarKey {
  id: number;
  limit: number;
}

/** Weights of the similarity score: a shared field of action counts most, then wording, then target groups. */
const WEIGHTS = { actionField: 2, targetGroup: 1, text: 4 };

interface Profile {
  documentId: string;
  actionFields: Set<string>;
  groups: Set<string>;
  stems: string[];
}

function profileOf(row: ProjectRow): Profile {
  return {
    documentId: row.documentId,
    actionFields: new Set((row.actionFields ?? []).map((field) => field.documentId)),
    groups: new Set((row.targetGroups ?? []).map((group) => group.group)),
    stems: stems(`${row.title ?? ''} ${row.summary ?? ''}`),
  };
}

function score(source: Profile, candidate: Profile): number {
  let sharedFields = 0;
  for (const id of candidate.actionFields) if (source.actionFields.has(id)) sharedFields += 1;
  let sharedGroups = 0;
  for (const group of candidate.groups) if (source.groups.has(group)) sharedGroups += 1;
  if (sharedFields === 0 && sharedGroups === 0) return 0;
  return (
    WEIGHTS.actionField * sharedFields +
    WEIGHTS.targetGroup * sharedGroups +
    WEIGHTS.text * jaccard(source.stems, candidate.stems)
  );
}

/**
 * Other published projects ranked by shared fields of action, shared target groups and the similarity of their
 * title and summary (stems, Jaccard), for every parent of one request at once: the sources in one query, the
 * candidates sharing a field of action or target group with any of them in one query per locale (their stems
 * computed once), the chosen projects in one more. Three queries per request and nesting level, however many
 * parents; the scoring loop stops when the request runs out of time.
 */
async function similarForMany(
  strapi: Core.Strapi,
  keys: readonly SimilarKey[],
  context: unknown,
): Promise<unknown[][]> {
  const ids = [...new Set(keys.map((key) => key.id))];
  const sources = (await strapi.db.query(PROJECT as never).findMany({
    where: { id: { $in: ids } },
    select: ['id', 'documentId', 'locale', 'title', 'summary'],
    populate: { actionFields: { select: ['documentId'] }, targetGroups: true },
  })) as unknown as ProjectRow[];
  const sourceById = new Map(sources.map((row) => [row.id, row]));
  const profiles = new Map(sources.map((row) => [row.id, profileOf(row)]));

  const ranked = new Map<string, string[]>(); // `${id}:${limit}` → documentIds
  const chosen = new Map<string, Set<string>>(); // locale → documentIds to load
  for (const locale of new Set(sources.map((row) => row.locale))) {
    const inLocale = sources.filter((row) => row.locale === locale);
    const actionFieldIds = [
      ...new Set(inLocale.flatMap((row) => [...(profiles.get(row.id)?.actionFields ?? [])])),
    ];
    const groups = [...new Set(inLocale.flatMap((row) => [...(profiles.get(row.id)?.groups ?? [])]))];
    const anyShared: Record<string, unknown>[] = [];
    if (actionFieldIds.length > 0) anyShared.push({ actionFields: { documentId: { $in: actionFieldIds } } });
    if (groups.length > 0) anyShared.push({ targetGroups: { group: { $in: groups } } });
    const candidates =
      anyShared.length === 0
        ? []
        : ((await strapi.documents(PROJECT).findMany({
            locale,
            status: 'published',
            fields: ['title', 'summary'],
            filters: { $or: anyShared },
            populate: { actionFields: { fields: ['documentId'] }, targetGroups: true },
            limit: MAX_CANDIDATES,
          } as never)) as unknown as ProjectRow[]);
    const candidateProfiles = candidates.map(profileOf);
    for (const key of keys) {
      const source = sourceById.get(key.id);
      const profile = profiles.get(key.id);
      const cacheKey = `${key.id}:${key.limit}`;
      if (!source || !profile || source.locale !== locale || ranked.has(cacheKey)) continue;
      throwIfPastDeadline(context);
      const scored = candidateProfiles
        .filter((candidate) => candidate.documentId !== source.documentId)
        .map((candidate) => ({ documentId: candidate.documentId, score: score(profile, candidate) }))
        .filter((item) => item.score > 0);
      scored.sort((a, b) => b.score - a.score || a.documentId.localeCompare(b.documentId));
      const top = scored.slice(0, key.limit).map((item) => item.documentId);
      ranked.set(cacheKey, top);
      let set = chosen.get(locale);
      if (!set) chosen.set(locale, (set = new Set()));
      for (const id of top) set.add(id);
    }
  }

  const documents = new Map<string, unknown>(); // `${locale}:${documentId}` → document
  for (const [locale, documentIds] of chosen) {
    if (documentIds.size === 0) continue;
    const found = (await strapi.documents(PROJECT).findMany({
      locale,
      status: 'published',
      filters: { documentId: { $in: [...documentIds] } },
      limit: documentIds.size,
    } as never)) as unknown as { documentId: string }[];
    for (const document of found) documents.set(`${locale}:${document.documentId}`, document);
  }
  return keys.map((key) => {
    const locale = sourceById.get(key.id)?.locale;
    return (ranked.get(`${key.id}:${key.limit}`) ?? [])
      .map((documentId) => documents.get(`${locale}:${documentId}`))
      .filter((document) => document !== undefined);
  });
}

const loaders = new WeakMap<object, DataLoader<SimilarKey, unknown[], string>>();

/** One loader per request: every `similar` of the request (at one nesting level) in one batch. */
function loaderFor(strapi: Core.Strapi, context: object): DataLoader<SimilarKey, unknown[], string> {
  let loader = loaders.get(context);
  if (!loader) {
    loader = new DataLoader((keys) => similarForMany(strapi, keys, context), {
      cacheKeyFn: (key) => `${key.id}:${key.limit}`,
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
        const size = Math.min(Math.max(args.limit ?? 5, 0), MAX_SIMILAR);
        if (size === 0 || typeof parent?.id !== 'number') return [];
        return loaderFor(strapi, context).load({ id: parent.id, limit: size });
      },
    },
  };
}
