import type { Core, Modules } from '@strapi/strapi';
import type { Knex } from 'knex';
import { contentTypes } from '@strapi/utils';
import { BATCHED_RELATIONS, populateFor } from '../relations/batched-relations';
import { MAX_SIMILAR, profileOf, SimilarityIndex, type Profile } from './similarity';

/**
 * The read model of published projects that the CMS owns: `project_listing` (one row per published project and
 * locale: its text, its German search vector on PostgreSQL, its similarity profile) and `project_similar` (each
 * project's most similar projects, precomputed). Both tables come from a Strapi database migration
 * (database/migrations). This module writes them: after a change of a project (and of a field of action one
 * links), in a full rebuild (`npm run reindex -w cms`), and at start when the counts disagree.
 *
 * Everything is read through Strapi's Document Service, so the model holds exactly what the public API shows:
 * published versions, published relations.
 */

export const PROJECT = 'api::project.project';
export const LISTING = 'project_listing';
export const LINKS = 'project_listing_link';
export const SIMILAR = 'project_similar';
const PAGE = 500;

/** A published project as Strapi's Query Engine returns it, with the relations a list shows. */
export type ProjectDocument = Record<string, unknown> & {
  id: number;
  documentId: string;
  title?: string | null;
  summary?: string | null;
  description?: string | null;
  actionFields?: { documentId: string }[];
  targetGroups?: { group?: string | null }[];
};

/** The relations and components a listing row carries: those the relation fields serve in batches. */
export const LISTED_RELATIONS = BATCHED_RELATIONS.filter((spec) => spec.uid === PROJECT);

/**
 * What a list filters through, and the link table's column for each field (see list-plan.ts): one link row per
 * linked entry; conditions on one filter object hold for the same row.
 */
export const LINK_COLUMNS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  actionFields: { slug: 'slug', documentId: 'target_document_id' },
  city: { slug: 'slug', federalState: 'federal_state', documentId: 'target_document_id' },
  leadOrganisation: { documentId: 'target_document_id' },
  partners: { documentId: 'target_document_id' },
  targetGroups: { group: 'target_group' },
};

const isPostgres = (strapi: Core.Strapi) => strapi.db.dialect.client === 'postgres';

async function localeCodes(strapi: Core.Strapi): Promise<string[]> {
  const locales = (await strapi.plugin('i18n').service('locales').find()) as { code: string }[];
  return locales.map((locale) => locale.code);
}

/**
 * Published projects of one locale — those of `documentIds`, or a page of all of them — read as the API's
 * relation fields read them (published targets, in the editor's order).
 */
function readPublished(
  strapi: Core.Strapi,
  locale: string,
  selection: { documentIds: string[] } | { start: number },
): Promise<ProjectDocument[]> {
  const populate = Object.fromEntries(
    LISTED_RELATIONS.map((spec) => [spec.attribute, populateFor(strapi, spec, true)]),
  );
  const where = { publishedAt: { $notNull: true }, locale };
  return strapi.db.query(PROJECT).findMany({
    populate,
    ...('documentIds' in selection
      ? { where: { ...where, documentId: { $in: selection.documentIds } } }
      : { where, offset: selection.start, limit: PAGE, orderBy: { id: 'asc' } }),
  }) as Promise<ProjectDocument[]>;
}

type Linked = Record<string, unknown> | null | undefined;

/** The link rows of one project: what its list filters read. */
function linksOf(project: ProjectDocument, locale: string) {
  return Object.entries(LINK_COLUMNS).flatMap(([attribute, columns]) => {
    const value = project[attribute] as Linked | Linked[];
    const linked = (Array.isArray(value) ? value : [value]).filter(
      (entry): entry is Record<string, unknown> => Boolean(entry),
    );
    return linked.map((entry, position) => {
      const row: Record<string, unknown> = {
        document_id: project.documentId,
        locale,
        attribute,
        position,
        target_document_id: null,
        slug: null,
        federal_state: null,
        target_group: null,
      };
      for (const [field, column] of Object.entries(columns)) row[column] = entry[field] ?? null;
      return row;
    });
  });
}

async function insertListing(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  locale: string,
  projects: ProjectDocument[],
): Promise<void> {
  const vector = (title: unknown, summary: unknown, description: unknown) =>
    trx.raw(
      `setweight(to_tsvector('german'::regconfig, coalesce(?, '')), 'A') || ` +
        `setweight(to_tsvector('german'::regconfig, coalesce(?, '')), 'B') || ` +
        `setweight(to_tsvector('german'::regconfig, coalesce(?, '')), 'C')`,
      [title, summary, description] as Knex.RawBinding[],
    );
  const rows = projects.map((project) => ({
    document_id: project.documentId,
    locale,
    project_id: project.id,
    title: project.title ?? null,
    summary: project.summary ?? null,
    description: project.description ?? null,
    profile: JSON.stringify(profileOf(project)),
    document: JSON.stringify(project),
    ...(isPostgres(strapi)
      ? { search: vector(project.title ?? null, project.summary ?? null, project.description ?? null) }
      : {}),
  }));
  for (let at = 0; at < rows.length; at += 200) await trx(LISTING).insert(rows.slice(at, at + 200));
  const links = projects.flatMap((project) => linksOf(project, locale));
  for (let at = 0; at < links.length; at += 100) await trx(LINKS).insert(links.slice(at, at + 100));
}

async function profilesOf(trx: Knex.Transaction, locale: string): Promise<Profile[]> {
  const rows: { profile: string }[] = await trx(LISTING).select('profile').where({ locale });
  return rows.map((row) => JSON.parse(row.profile) as Profile);
}

/** The lists a change of these projects touches (see updateSimilar). */
async function listsChangedBy(
  trx: Knex.Transaction,
  locale: string,
  changed: Set<string>,
  index: SimilarityIndex,
): Promise<Set<string>> {
  const affected = new Set(changed);
  const holding: { source_document_id: string }[] = await trx(SIMILAR)
    .distinct('source_document_id')
    .where({ locale })
    .whereIn('document_id', [...changed]);
  for (const row of holding) affected.add(row.source_document_id);
  const ends: { source: string; entries: number | string; lowest: number | string }[] = await trx(SIMILAR)
    .select({ source: 'source_document_id' })
    .count({ entries: '*' })
    .min({ lowest: 'score' })
    .where({ locale })
    .groupBy('source_document_id');
  const endOf = new Map(ends.map((row) => [row.source, row]));
  for (const documentId of changed) {
    const profile = index.byId.get(documentId);
    if (!profile) continue;
    // Scores are symmetric: the projects this one is similar to are those whose lists it may now enter — when it
    // scores at least their lowest entry, or their list is not full.
    for (const entry of index.topFor(profile, Number.MAX_SAFE_INTEGER)) {
      const end = endOf.get(entry.documentId);
      if (!end || Number(end.entries) < MAX_SIMILAR || entry.score >= Number(end.lowest))
        affected.add(entry.documentId);
    }
  }
  return affected;
}

/**
 * Brings the similar lists of one locale up to date after `changed` projects changed: theirs, those that list
 * one of them, and those one of them may now enter. Everything else cannot have changed. `all`: a rebuild, whose
 * tables were just emptied — every list is computed, nothing needs looking up.
 */
async function updateSimilar(
  trx: Knex.Transaction,
  locale: string,
  changed: Set<string> | 'all',
): Promise<number> {
  const index = new SimilarityIndex(await profilesOf(trx, locale));
  const { byId } = index;
  // When half of the projects changed (an import), looking up which lists they touch costs more than all lists.
  const affected =
    changed === 'all'
      ? new Set(byId.keys())
      : changed.size * 2 >= byId.size
        ? new Set([...byId.keys(), ...changed])
        : await listsChangedBy(trx, locale, changed, index);
  const ids = [...affected];
  for (let at = 0; at < ids.length; at += 500)
    await trx(SIMILAR)
      .where({ locale })
      .whereIn('source_document_id', ids.slice(at, at + 500))
      .delete();
  const rows = ids.flatMap((source) => {
    const profile = byId.get(source);
    if (!profile) return [];
    return index.topFor(profile).map((entry, position) => ({
      locale,
      source_document_id: source,
      position,
      document_id: entry.documentId,
      score: entry.score,
    }));
  });
  for (let at = 0; at < rows.length; at += 500) await trx(SIMILAR).insert(rows.slice(at, at + 500));
  return affected.size;
}

/** What changed: projects, and documents a published project shows (a city, a field of action, …). */
export interface Changes {
  projects: Iterable<string>;
  /** uid → documentIds */
  shown?: ReadonlyMap<string, Iterable<string>>;
}

/** The project's relations to a content type: `api::city.city` → ['city']. */
function attributesTargeting(strapi: Core.Strapi, uid: string): string[] {
  const attributes: Record<string, { type: string; target?: string }> = strapi.getModel(PROJECT).attributes;
  return LISTED_RELATIONS.filter(
    (spec) => spec.kind === 'relation' && attributes[spec.attribute]?.target === uid,
  ).map((spec) => spec.attribute);
}

/**
 * The published projects that show one of these documents: those the read model links them to (a withdrawn
 * target is gone from Strapi's links already) and those Strapi links them to now (a first publish).
 */
async function projectsShowing(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  shown: ReadonlyMap<string, Iterable<string>>,
): Promise<string[]> {
  const found = new Set<string>();
  for (const [uid, documents] of shown) {
    const documentIds = [...documents];
    for (const attribute of attributesTargeting(strapi, uid)) {
      for (let at = 0; at < documentIds.length; at += 500) {
        const batch = documentIds.slice(at, at + 500);
        const linked: { document_id: string }[] = await trx(LINKS)
          .distinct('document_id')
          .where({ attribute })
          .whereIn('target_document_id', batch);
        const current = (await strapi.db.query(PROJECT).findMany({
          select: ['documentId'],
          where: { publishedAt: { $notNull: true }, [attribute]: { documentId: { $in: batch } } },
        })) as { documentId: string }[];
        for (const row of linked) found.add(row.document_id);
        for (const project of current) found.add(project.documentId);
      }
    }
  }
  return [...found];
}

async function deleteRows(trx: Knex.Transaction, locale: string, documentIds: string[]): Promise<void> {
  for (let at = 0; at < documentIds.length; at += 500)
    for (const table of [LISTING, LINKS])
      await trx(table)
        .where({ locale })
        .whereIn('document_id', documentIds.slice(at, at + 500))
        .delete();
}

/** Rewrites the rows of the changed projects (every locale) and the similar lists they touch, in one transaction. */
export async function refreshProjects(strapi: Core.Strapi, changes: Changes): Promise<void> {
  await strapi.db.transaction(async ({ trx }) => {
    const documentIds = [
      ...new Set([...changes.projects, ...(await projectsShowing(strapi, trx, changes.shown ?? new Map()))]),
    ];
    if (documentIds.length === 0) return;
    for (const locale of await localeCodes(strapi)) {
      const projects: ProjectDocument[] = [];
      for (let at = 0; at < documentIds.length; at += PAGE)
        projects.push(
          ...(await readPublished(strapi, locale, { documentIds: documentIds.slice(at, at + PAGE) })),
        );
      await deleteRows(trx, locale, documentIds);
      await insertListing(strapi, trx, locale, projects);
      await updateSimilar(trx, locale, new Set(documentIds));
    }
  });
}

/** Rebuilds the whole read model from Strapi's published content, in one transaction. */
export async function reindex(strapi: Core.Strapi): Promise<{ projects: number; similarLists: number }> {
  let projects = 0;
  let similarLists = 0;
  await strapi.db.transaction(async ({ trx }) => {
    for (const table of [SIMILAR, LINKS, LISTING]) await trx(table).delete();
    for (const locale of await localeCodes(strapi)) {
      const ids = new Set<string>();
      for (let start = 0; ; start += PAGE) {
        const page = await readPublished(strapi, locale, { start });
        await insertListing(strapi, trx, locale, page);
        for (const project of page) ids.add(project.documentId);
        if (page.length < PAGE) break;
      }
      projects += ids.size;
      similarLists += ids.size === 0 ? 0 : await updateSimilar(trx, locale, 'all');
    }
  });
  return { projects, similarLists };
}

/** At start: the read model holds one row per published project and locale, or it is rebuilt. */
export async function ensureReadModel(strapi: Core.Strapi): Promise<void> {
  // What the demo seed just published is written first, so the counts compare like with like.
  await readModelIdle(strapi);
  const published = await strapi.db.query(PROJECT).count({ where: { publishedAt: { $notNull: true } } });
  const [{ rows }] = (await strapi.db.connection(LISTING).count({ rows: '*' })) as [
    { rows: number | string },
  ];
  const [{ unwritten }] = (await strapi.db
    .connection(LISTING)
    .whereNull('document')
    .count({ unwritten: '*' })) as [{ unwritten: number | string }];
  if (Number(rows) === Number(published) && Number(unwritten) === 0) return;
  const started = Date.now();
  const result = await reindex(strapi);
  strapi.log.info(
    `Read model rebuilt (${rows} rows for ${published} published projects): ${result.projects} projects in ${Date.now() - started} ms`,
  );
}

/** Changes waiting to be written, per CMS: written together, one refresh at a time. */
class RefreshQueue {
  private readonly projects = new Set<string>();
  private readonly shown = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly strapi: Core.Strapi) {}

  private get empty(): boolean {
    return this.projects.size === 0 && this.shown.size === 0;
  }

  schedule(changes: Changes): void {
    for (const id of changes.projects) this.projects.add(id);
    for (const [uid, documentIds] of changes.shown ?? []) {
      const known = this.shown.get(uid) ?? new Set<string>();
      for (const id of documentIds) known.add(id);
      this.shown.set(uid, known);
    }
    this.timer ??= setTimeout(() => void this.flush(), 20);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.empty) {
      const changes = { projects: [...this.projects], shown: new Map(this.shown) };
      this.projects.clear();
      this.shown.clear();
      this.running = this.running
        .then(() => refreshProjects(this.strapi, changes))
        .catch((error: unknown) => {
          this.strapi.log.error(`Read model: writing a change failed: ${String(error)}`);
        });
    }
    return this.running;
  }

  /** Everything scheduled is written (at shutdown). */
  async idle(): Promise<void> {
    while (!this.empty || this.timer) await this.flush();
    await this.running;
  }
}

const queues = new WeakMap<Core.Strapi, RefreshQueue>();

function queueOf(strapi: Core.Strapi): RefreshQueue {
  let queue = queues.get(strapi);
  if (!queue) queues.set(strapi, (queue = new RefreshQueue(strapi)));
  return queue;
}

export const readModelIdle = (strapi: Core.Strapi) => queueOf(strapi).idle();

type DocumentContext = Modules.Documents.Middleware.Context;

/** Actions after which the published versions differ. */
const PUBLISHED_CHANGES = new Set(['publish', 'unpublish', 'delete']);

/**
 * What a change of this document may have changed in the read model: a project's published version, or a
 * document published projects may show. Nothing is read here: the change may run inside a transaction that holds
 * the only connection (SQLite), so the affected projects are looked up when the change is written, after the
 * commit.
 */
function changesBy(strapi: Core.Strapi, context: DocumentContext, result: unknown): Changes | null {
  const { uid, action, contentType } = context;
  const params: { documentId?: string; status?: string } = { ...context.params };
  const documentId = params.documentId ?? (result as { documentId?: string } | null)?.documentId;
  if (!documentId) return null;
  const draftAndPublish = contentTypes.hasDraftAndPublish(contentType);
  const changesPublished =
    PUBLISHED_CHANGES.has(action) ||
    (['create', 'update'].includes(action) && (!draftAndPublish || params.status === 'published'));
  if (!changesPublished) return null;
  if (uid === PROJECT) return { projects: [documentId] };
  if (attributesTargeting(strapi, uid).length > 0)
    return { projects: [], shown: new Map([[uid, [documentId]]]) };
  return null;
}

/**
 * Keeps the read model current from Strapi's Document Service: a change is written once it is committed — before
 * the change's own call returns when it ran in no surrounding transaction, else right after that commits.
 */
export function registerReadModel(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const result = await next();
    const changed = changesBy(strapi, context, result);
    if (!changed) return result;
    const state = { committedAlready: false };
    await strapi.db.transaction(async ({ onCommit }) => {
      onCommit(() => {
        state.committedAlready = true;
        queueOf(strapi).schedule(changed);
      });
    });
    if (state.committedAlready) await queueOf(strapi).flush();
    return result;
  });
}
