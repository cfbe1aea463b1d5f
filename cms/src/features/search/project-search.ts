import type { Core } from '@strapi/strapi';
import { stems, words } from './german-text';

const PROJECT = 'api::project.project';
/** Ranked candidates considered per query; filters and pagination apply within them. */
export const MAX_CANDIDATES = 1000;

export interface RankedId {
  documentId: string;
  rank: number;
}

interface Columns {
  table: string;
  documentId: string;
  title: string;
  summary: string;
  description: string;
  publishedAt: string;
  locale: string;
}

function columns(strapi: Core.Strapi): Columns {
  const meta = strapi.db.metadata.get(PROJECT);
  const column = (attribute: string) => {
    const definition = meta.attributes[attribute] as { columnName?: string } | undefined;
    return definition?.columnName ?? attribute;
  };
  return {
    table: meta.tableName,
    documentId: column('documentId'),
    title: column('title'),
    summary: column('summary'),
    description: column('description'),
    publishedAt: column('publishedAt'),
    locale: column('locale'),
  };
}

/** The weighted German text vector of a row (`row` is a table alias or NEW in the trigger). */
function pgVector(c: Columns, row: string): string {
  return (
    `(setweight(to_tsvector('german'::regconfig, coalesce(${row}."${c.title}", '')), 'A') || ` +
    `setweight(to_tsvector('german'::regconfig, coalesce(${row}."${c.summary}", '')), 'B') || ` +
    `setweight(to_tsvector('german'::regconfig, coalesce(${row}."${c.description}", '')), 'C'))`
  );
}

export function isPostgres(strapi: Core.Strapi): boolean {
  return strapi.db.dialect.client === 'postgres';
}

/**
 * The side table holding each project row's German text vector with what the search filters on (document id,
 * locale, published or draft), kept current by a trigger. The earlier table held the vector only, and every
 * search joined it to the wide projects table: PostgreSQL then read all of it (12 of 16 ms per search).
 */
const SEARCH_TABLE = 'project_search';
const FORMER_SEARCH_TABLE = 'project_search_de';

/**
 * Sets up the German full-text search on PostgreSQL: a side table with each row's weighted tsvector and a
 * GIN index, filled by a trigger on the projects table and back-filled for rows it misses. Computing the
 * vectors at write time keeps ranking cheap (no to_tsvector per match at query time), and a side table stays
 * out of Strapi's `SELECT *`. Strapi's schema sync leaves tables and triggers it did not create alone.
 * Idempotent; runs on every start.
 */
export async function ensureSearchIndex(strapi: Core.Strapi): Promise<void> {
  if (!isPostgres(strapi)) return;
  const c = columns(strapi);
  const knex = strapi.db.connection;
  await knex.raw(`DROP INDEX IF EXISTS "${c.table}_search_de_idx"`);
  await knex.raw(`DROP TRIGGER IF EXISTS "${FORMER_SEARCH_TABLE}_sync" ON "${c.table}"`);
  await knex.raw(`DROP FUNCTION IF EXISTS "${FORMER_SEARCH_TABLE}_sync"()`);
  await knex.raw(`DROP TABLE IF EXISTS "${FORMER_SEARCH_TABLE}"`);
  await knex.raw(
    `CREATE TABLE IF NOT EXISTS "${SEARCH_TABLE}" (
       project_id integer PRIMARY KEY,
       document_id varchar(255),
       locale varchar(255),
       published boolean NOT NULL,
       document tsvector NOT NULL)`,
  );
  await knex.raw(
    `CREATE INDEX IF NOT EXISTS "${SEARCH_TABLE}_gin" ON "${SEARCH_TABLE}" USING gin (document)`,
  );
  const values = (row: string) =>
    `${row}.id, ${row}."${c.documentId}", ${row}."${c.locale}", ${row}."${c.publishedAt}" IS NOT NULL, ${pgVector(c, row)}`;
  await knex.raw(`
    CREATE OR REPLACE FUNCTION "${SEARCH_TABLE}_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        DELETE FROM "${SEARCH_TABLE}" WHERE project_id = OLD.id;
        RETURN OLD;
      END IF;
      INSERT INTO "${SEARCH_TABLE}" (project_id, document_id, locale, published, document)
        VALUES (${values('NEW')})
        ON CONFLICT (project_id) DO UPDATE SET document_id = EXCLUDED.document_id, locale = EXCLUDED.locale,
          published = EXCLUDED.published, document = EXCLUDED.document;
      RETURN NEW;
    END $$`);
  await knex.raw(`
    CREATE OR REPLACE TRIGGER "${SEARCH_TABLE}_sync"
      AFTER INSERT OR DELETE OR UPDATE OF "${c.title}", "${c.summary}", "${c.description}", "${c.documentId}", "${c.locale}", "${c.publishedAt}"
      ON "${c.table}" FOR EACH ROW EXECUTE FUNCTION "${SEARCH_TABLE}_sync"()`);
  await knex.raw(`
    INSERT INTO "${SEARCH_TABLE}" (project_id, document_id, locale, published, document)
    SELECT ${values('p')} FROM "${c.table}" p
     WHERE NOT EXISTS (SELECT 1 FROM "${SEARCH_TABLE}" s WHERE s.project_id = p.id)`);
}

/** Published projects of one locale that match the query, best first. */
export async function rankProjects(strapi: Core.Strapi, query: string, locale: string): Promise<RankedId[]> {
  const text = query.trim();
  if (!text) return [];
  return isPostgres(strapi) ? rankOnPostgres(strapi, text, locale) : rankOnSqlite(strapi, text, locale);
}

/**
 * The words of a query as a German prefix tsquery: "Sprachkurs Eltern" → 'sprachkur':* & 'elt':*.
 * The prefix matters: Snowball stems "Sprachkurs" to "sprachkur" but "Sprachkurse" to "sprachkurs".
 * Only letters and digits survive, so the text cannot carry tsquery syntax.
 */
export function prefixTsQuery(query: string): string {
  return words(query)
    .slice(0, 12)
    .map((word) => (word.length >= 4 ? `${word}:*` : word))
    .join(' & ');
}

async function rankOnPostgres(strapi: Core.Strapi, query: string, locale: string): Promise<RankedId[]> {
  const tsquery = prefixTsQuery(query);
  if (!tsquery) return [];
  const result = await strapi.db.connection.raw(
    `SELECT s.document_id, ts_rank_cd(s.document, q) AS rank
       FROM "${SEARCH_TABLE}" s, to_tsquery('german'::regconfig, ?) AS q
      WHERE s.published AND s.locale = ? AND s.document @@ q
      ORDER BY rank DESC, s.document_id
      LIMIT ${MAX_CANDIDATES}`,
    [tsquery, locale],
  );
  return (result.rows as { document_id: string; rank: number | string }[]).map((row) => ({
    documentId: row.document_id,
    rank: Number(row.rank),
  }));
}

/**
 * SQLite has no German stemmer: match the stems of the query words as substrings (so "Sprachkurs" finds
 * "Sprachkurse" and "Sprachkursen"), require every word to match somewhere, and rank title over summary
 * over description.
 */
async function rankOnSqlite(strapi: Core.Strapi, query: string, locale: string): Promise<RankedId[]> {
  const terms = stems(query);
  if (terms.length === 0) return [];
  const c = columns(strapi);
  const knex = strapi.db.connection;
  const rows: {
    document_id: string;
    title: string | null;
    summary: string | null;
    description: string | null;
  }[] = await knex(c.table)
    .select({ document_id: c.documentId, title: c.title, summary: c.summary, description: c.description })
    .whereNotNull(c.publishedAt)
    .andWhere(c.locale, locale)
    .andWhere((all) => {
      for (const term of terms) {
        // SQLite's LIKE folds ASCII case only; try the capitalised form for words starting with an umlaut.
        const variants = new Set([term, term.charAt(0).toLocaleUpperCase('de') + term.slice(1)]);
        all.andWhere((any) => {
          for (const variant of variants) {
            for (const column of [c.title, c.summary, c.description])
              any.orWhere(column, 'like', `%${variant}%`);
          }
        });
      }
    })
    .limit(MAX_CANDIDATES * 2);
  const ranked = rows.map((row) => {
    const fields: [string, number][] = [
      [row.title ?? '', 3],
      [row.summary ?? '', 2],
      [row.description ?? '', 1],
    ];
    let rank = 0;
    for (const term of terms) {
      for (const [text, weight] of fields) {
        const occurrences = text.toLocaleLowerCase('de').split(term).length - 1;
        rank += weight * Math.min(occurrences, 3);
      }
    }
    return { documentId: row.document_id, rank: rank / (terms.length * 18) };
  });
  ranked.sort((a, b) => b.rank - a.rank || a.documentId.localeCompare(b.documentId));
  return ranked.slice(0, MAX_CANDIDATES);
}
