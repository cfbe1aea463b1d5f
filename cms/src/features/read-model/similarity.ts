import { stems } from '../search/german-text';

/**
 * Which published projects are similar: shared fields of action count most, then the wording of title and
 * summary (stems, Jaccard), then shared target groups. A project with neither a field of action nor a target
 * group in common is not similar at all. Pure functions; the read model stores what they compute.
 */

export const MAX_SIMILAR = 20;

/** What similarity reads of a project (stored with its listing row). */
export interface Profile {
  documentId: string;
  actionFields: string[];
  groups: string[];
  stems: string[];
}

export interface SimilarEntry {
  documentId: string;
  score: number;
}

const WEIGHTS = { actionField: 2, targetGroup: 1, text: 4 };

export function profileOf(project: {
  documentId: string;
  title?: string | null;
  summary?: string | null;
  actionFields?: { documentId: string }[] | null;
  targetGroups?: { group?: string | null }[] | null;
}): Profile {
  return {
    documentId: project.documentId,
    actionFields: [...new Set((project.actionFields ?? []).map((field) => field.documentId))],
    groups: [...new Set((project.targetGroups ?? []).flatMap((group) => (group.group ? [group.group] : [])))],
    stems: stems(`${project.title ?? ''} ${project.summary ?? ''}`),
  };
}

function countShared(a: readonly string[], b: readonly string[]): number {
  let shared = 0;
  for (const item of a) if (b.includes(item)) shared += 1;
  return shared;
}

/** Jaccard similarity of stem lists without duplicates (profiles keep them so), the source's as a set. */
function stemSimilarity(source: ReadonlySet<string>, candidate: readonly string[]): number {
  if (source.size === 0 || candidate.length === 0) return 0;
  let shared = 0;
  for (const item of candidate) if (source.has(item)) shared += 1;
  return shared / (source.size + candidate.length - shared);
}

export function score(source: Profile, candidate: Profile, sourceStems = new Set(source.stems)): number {
  const sharedFields = countShared(source.actionFields, candidate.actionFields);
  const sharedGroups = countShared(source.groups, candidate.groups);
  if (sharedFields === 0 && sharedGroups === 0) return 0;
  return (
    WEIGHTS.actionField * sharedFields +
    WEIGHTS.targetGroup * sharedGroups +
    WEIGHTS.text * stemSimilarity(sourceStems, candidate.stems)
  );
}

const byRank = (a: SimilarEntry, b: SimilarEntry) =>
  b.score - a.score || a.documentId.localeCompare(b.documentId);

/** The projects of one locale, indexed by what makes two of them comparable at all. */
export class SimilarityIndex {
  private readonly byKey = new Map<string, Profile[]>();
  readonly byId: ReadonlyMap<string, Profile>;

  constructor(profiles: readonly Profile[]) {
    this.byId = new Map(profiles.map((profile) => [profile.documentId, profile]));
    for (const profile of profiles)
      for (const key of keysOf(profile)) {
        const list = this.byKey.get(key);
        if (list) list.push(profile);
        else this.byKey.set(key, [profile]);
      }
  }

  /** The most similar other projects, best first. */
  topFor(source: Profile, limit = MAX_SIMILAR): SimilarEntry[] {
    const seen = new Set<string>([source.documentId]);
    const sourceStems = new Set(source.stems);
    const scored: SimilarEntry[] = [];
    for (const key of keysOf(source))
      for (const candidate of this.byKey.get(key) ?? []) {
        if (seen.has(candidate.documentId)) continue;
        seen.add(candidate.documentId);
        const value = score(source, candidate, sourceStems);
        if (value > 0) scored.push({ documentId: candidate.documentId, score: value });
      }
    return scored.sort(byRank).slice(0, limit);
  }
}

const keysOf = (profile: Profile) => [
  ...profile.actionFields.map((id) => `f:${id}`),
  ...profile.groups.map((group) => `g:${group}`),
];
