import type { Core } from '@strapi/strapi';
import { jaccard, stems } from '../search/german-text';

const PROJECT = 'api::project.project';
const MAX_CANDIDATES = 500;
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

/** Weights of the similarity score: a shared field of action counts most, then wording, then target groups. */
const WEIGHTS = { actionField: 2, targetGroup: 1, text: 4 };

/**
 * Other published projects ranked by shared fields of action, shared target groups and the similarity of
 * their title and summary (stems, Jaccard). Candidates share at least one field of action or target group.
 */
export async function similarProjects(
  strapi: Core.Strapi,
  parent: { id: number; documentId: string; locale?: string | null },
  limit: number,
): Promise<unknown[]> {
  const size = Math.min(Math.max(limit, 0), MAX_SIMILAR);
  if (size === 0) return [];
  const source = (await strapi.db.query(PROJECT).findOne({
    where: { id: parent.id },
    select: ['id', 'documentId', 'locale', 'title', 'summary'],
    populate: { actionFields: { select: ['documentId'] }, targetGroups: true },
  })) as ProjectRow | null;
  if (!source) return [];
  const actionFieldIds = [...new Set((source.actionFields ?? []).map((field) => field.documentId))];
  const groups = [...new Set((source.targetGroups ?? []).map((group) => group.group))];
  const anyShared: Record<string, unknown>[] = [];
  if (actionFieldIds.length > 0) anyShared.push({ actionFields: { documentId: { $in: actionFieldIds } } });
  if (groups.length > 0) anyShared.push({ targetGroups: { group: { $in: groups } } });
  if (anyShared.length === 0) return [];

  const candidates = (await strapi.documents(PROJECT).findMany({
    locale: source.locale,
    status: 'published',
    fields: ['title', 'summary'],
    filters: { documentId: { $ne: source.documentId }, $or: anyShared },
    populate: { actionFields: { fields: ['documentId'] }, targetGroups: true },
    limit: MAX_CANDIDATES,
  } as never)) as unknown as ProjectRow[];

  const sourceStems = stems(`${source.title ?? ''} ${source.summary ?? ''}`);
  const scored = candidates.map((candidate) => {
    const sharedFields = (candidate.actionFields ?? []).filter((f) =>
      actionFieldIds.includes(f.documentId),
    ).length;
    const sharedGroups = new Set(
      (candidate.targetGroups ?? []).map((g) => g.group).filter((g) => groups.includes(g)),
    ).size;
    const text = jaccard(sourceStems, stems(`${candidate.title ?? ''} ${candidate.summary ?? ''}`));
    return {
      documentId: candidate.documentId,
      score: WEIGHTS.actionField * sharedFields + WEIGHTS.targetGroup * sharedGroups + WEIGHTS.text * text,
    };
  });
  scored.sort((a, b) => b.score - a.score || a.documentId.localeCompare(b.documentId));
  const top = scored.slice(0, size);
  if (top.length === 0) return [];
  const documents = (await strapi.documents(PROJECT).findMany({
    locale: source.locale,
    status: 'published',
    filters: { documentId: { $in: top.map((item) => item.documentId) } },
    limit: top.length,
  } as never)) as unknown as { documentId: string }[];
  const byId = new Map(documents.map((doc) => [doc.documentId, doc]));
  return top.map((item) => byId.get(item.documentId)).filter((doc) => doc !== undefined);
}

export const similarTypeDefs = /* GraphQL */ `
  extend type Project {
    "Other published projects on similar topics: shared fields of action, target groups and wording"
    similar(limit: Int = 5): [Project!]!
  }
`;

export function similarResolvers(strapi: Core.Strapi) {
  return {
    Project: {
      similar(
        parent: { id: number; documentId: string; locale?: string | null },
        args: { limit?: number | null },
      ) {
        return similarProjects(strapi, parent, args.limit ?? 5);
      },
    },
  };
}
