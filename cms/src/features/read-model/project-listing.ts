import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
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
const ACTION_FIELD = 'api::action-field.action-field';
export const LISTING = 'project_listing';
export const SIMILAR = 'project_similar';
const PAGE = 500;

interface PublishedProject {
  id: number;
  documentId: string;
  title?: string | null;
  summary?: string | null;
  description?: string | null;
  actionFields?: { documentId: string }[];
  targetGroups?: { group?: string | null }[];
}

type Documents = {
  findMany(params: Record<string, unknown>): Promise<PublishedProject[]>;
};

const isPostgres = (strapi: Core.Strapi) => strapi.db.dialect.client === 'postgres';

async function localeCodes(strapi: Core.Strapi): Promise<string[]> {
  const locales = (await strapi.plugin('i18n').service('locales').find()) as { code: string }[];
  return locales.map((locale) => locale.code);
}

/** Published projects of one locale: those of `documentIds`, or a page of all of them. */
function readPublished(
  strapi: Core.Strapi,
  locale: string,
  selection: { documentIds: string[] } | { start: number },
): Promise<PublishedProject[]> {
  const documents = strapi.documents(PROJECT as never) as unknown as Documents;
  return documents.findMany({
    locale,
    status: 'published',
    fields: ['title', 'summary', 'description'],
    populate: { actionFields: { fields: ['documentId'] }, targetGroups: true },
    ...('documentIds' in selection
      ? { filters: { documentId: { $in: selection.documentIds } }, limit: selection.documentIds.length }
      : { start: selection.start, limit: PAGE, sort: 'id' }),
  });
}

async function insertListing(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  locale: string,
  projects: PublishedProject[],
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
    ...(isPostgres(strapi)
      ? { search: vector(project.title ?? null, project.summary ?? null, project.description ?? null) }
      : {}),
  }));
  for (let at = 0; at < rows.length; at += 200) await trx(LISTING).insert(rows.slice(at, at + 200));
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
  const affected =
    changed === 'all' ? new Set(byId.keys()) : await listsChangedBy(trx, locale, changed, index);
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

/** What changed: projects, and fields of action that went out of public view (their projects change). */
export interface Changes {
  projects: Iterable<string>;
  withdrawnActionFields?: Iterable<string>;
}

/** The projects whose profile links one of these fields of action. */
async function projectsLinking(trx: Knex.Transaction, actionFields: Iterable<string>): Promise<string[]> {
  const found = new Set<string>();
  for (const documentId of actionFields) {
    const rows: { document_id: string }[] = await trx(LISTING)
      .distinct('document_id')
      .where('profile', 'like', `%"${documentId.replace(/[^A-Za-z0-9]/g, '')}"%`);
    for (const row of rows) found.add(row.document_id);
  }
  return [...found];
}

/** Rewrites the rows of the changed projects (every locale) and the similar lists they touch, in one transaction. */
export async function refreshProjects(strapi: Core.Strapi, changes: Changes): Promise<void> {
  await strapi.db.transaction(async ({ trx }) => {
    const documentIds = [
      ...new Set([...changes.projects, ...(await projectsLinking(trx, changes.withdrawnActionFields ?? []))]),
    ];
    if (documentIds.length === 0) return;
    for (const locale of await localeCodes(strapi)) {
      const projects: PublishedProject[] = [];
      for (let at = 0; at < documentIds.length; at += PAGE)
        projects.push(
          ...(await readPublished(strapi, locale, { documentIds: documentIds.slice(at, at + PAGE) })),
        );
      for (let at = 0; at < documentIds.length; at += 500)
        await trx(LISTING)
          .where({ locale })
          .whereIn('document_id', documentIds.slice(at, at + 500))
          .delete();
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
    await trx(SIMILAR).delete();
    await trx(LISTING).delete();
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
  const published = await strapi.db
    .query(PROJECT as never)
    .count({ where: { publishedAt: { $notNull: true } } });
  const [{ rows }] = (await strapi.db.connection(LISTING).count({ rows: '*' })) as [
    { rows: number | string },
  ];
  if (Number(rows) === Number(published)) return;
  const started = Date.now();
  const result = await reindex(strapi);
  strapi.log.info(
    `Read model rebuilt (${rows} rows for ${published} published projects): ${result.projects} projects in ${Date.now() - started} ms`,
  );
}

/** Changes waiting to be written, per CMS: written together, one refresh at a time. */
class RefreshQueue {
  private readonly projects = new Set<string>();
  private readonly withdrawnActionFields = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly strapi: Core.Strapi) {}

  private get empty(): boolean {
    return this.projects.size === 0 && this.withdrawnActionFields.size === 0;
  }

  schedule(changes: Changes): void {
    for (const id of changes.projects) this.projects.add(id);
    for (const id of changes.withdrawnActionFields ?? []) this.withdrawnActionFields.add(id);
    this.timer ??= setTimeout(() => void this.flush(), 20);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.empty) {
      const changes = {
        projects: [...this.projects],
        withdrawnActionFields: [...this.withdrawnActionFields],
      };
      this.projects.clear();
      this.withdrawnActionFields.clear();
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

interface DocumentContext {
  uid: string;
  action: string;
  params: { documentId?: string; status?: string };
}

/**
 * What a change of this document may have changed in the read model. Nothing is read here: the change may run
 * inside a transaction that holds the only connection (SQLite), so the affected projects are looked up when the
 * change is written, after the commit.
 */
function changesBy({ uid, action, params }: DocumentContext, result: unknown): Changes | null {
  const documentId = params.documentId ?? (result as { documentId?: string } | null)?.documentId;
  if (!documentId) return null;
  if (uid === PROJECT) {
    const changesPublished =
      ['publish', 'unpublish', 'delete'].includes(action) ||
      (['create', 'update'].includes(action) && params.status === 'published');
    return changesPublished ? { projects: [documentId] } : null;
  }
  // A field of action that goes out of public view leaves the projects that linked it.
  if (uid === ACTION_FIELD && ['unpublish', 'delete'].includes(action))
    return { projects: [], withdrawnActionFields: [documentId] };
  return null;
}

/**
 * Keeps the read model current from Strapi's Document Service: a change is written once it is committed — before
 * the change's own call returns when it ran in no surrounding transaction, else right after that commits.
 */
export function registerReadModel(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const result = await next();
    const changed = changesBy(context as unknown as DocumentContext, result);
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
