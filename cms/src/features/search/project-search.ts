import type { Core } from '@strapi/strapi';
import { fold, stems, words } from './german-text';

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
 * The words of a query as German prefix tsquery terms: "Sprachkurs Eltern" → ['Sprachkurs:*', 'Eltern:*'].
 * The prefix matters: Snowball stems "Sprachkurs" to "sprachkur" but "Sprachkurse" to "sprachkurs".
 * Only letters and digits survive, so the text cannot carry tsquery syntax.
 */
export function prefixTerms(query: string): string[] {
  return words(query)
    .slice(0, 12)
    .map((word) => (word.length >= 4 ? `${word}:*` : word));
}

/** The terms joined: `&` for documents with every word, `|` for documents with any. */
export function prefixTsQuery(query: string, operator: '&' | '|' = '&'): string {
  return prefixTerms(query).join(` ${operator} `);
}

/**
 * The rank a search answers: the number of query words a project has, plus its text rank squeezed into [0, 1).
 * So every project with all the words ranks above every project with fewer, and within the same number of words
 * the better text match (title over summary over description) comes first.
 */
const combinedRank = (matchedWords: number, textRank: number) =>
  matchedWords + Math.max(0, textRank) / (1 + Math.max(0, textRank));

/**
 * PostgreSQL: documents with any of the words (an OR tsquery over the GIN index), ordered by how many of the
 * words each has (one `@@` per word, on the row the index found), then by `ts_rank_cd`. Stop words ("für")
 * make an empty tsquery that matches nothing and so count for no document.
 */
async function rankOnPostgres(strapi: Core.Strapi, query: string, locale: string): Promise<RankedId[]> {
  const terms = prefixTerms(query);
  if (terms.length === 0) return [];
  const matched = terms.map(() => `(s.document @@ to_tsquery('german'::regconfig, ?))::int`).join(' + ');
  const result = await strapi.db.connection.raw(
    `SELECT document_id, matched, rank FROM (
       SELECT s.document_id, ${matched} AS matched, ts_rank_cd(s.document, q) AS rank
         FROM "${SEARCH_TABLE}" s, to_tsquery('german'::regconfig, ?) AS q
        WHERE s.published AND s.locale = ? AND s.document @@ q) hits
      ORDER BY matched DESC, rank DESC, document_id
      LIMIT ${MAX_CANDIDATES}`,
    [...terms, terms.join(' | '), locale],
  );
  return (result.rows as { document_id: string; matched: number | string; rank: number | string }[]).map(
    (row) => ({ documentId: row.document_id, rank: combinedRank(Number(row.matched), Number(row.rank)) }),
  );
}

/** SQL that folds a column as `fold` does (SQLite's lower() and LIKE know ASCII case only). */
function foldedColumn(column: string): string {
  const pairs: [string, string][] = [
    ['Ä', 'a'],
    ['ä', 'a'],
    ['Ö', 'o'],
    ['ö', 'o'],
    ['Ü', 'u'],
    ['ü', 'u'],
    ['ß', 'ss'],
  ];
  return pairs.reduce(
    (sql, [from, to]) => `replace(${sql}, '${from}', '${to}')`,
    `coalesce("${column}", '')`,
  );
}

/**
 * SQLite has no German stemmer: match the stems of the query words (umlauts folded, so "Haus" finds "Häusern")
 * as substrings, so "Sprachkurs" finds "Sprachkurse" and "Sprachkursen". A project needs one of the words; those
 * with more of them rank first, then title over summary over description.
 */
async function rankOnSqlite(strapi: Core.Strapi, query: string, locale: string): Promise<RankedId[]> {
  const terms = stems(query);
  if (terms.length === 0) return [];
  const c = columns(strapi);
  const knex = strapi.db.connection;
  const folded = [c.title, c.summary, c.description].map(foldedColumn);
  const patterns = terms.map((term) => `%${escapeLike(term)}%`);
  const hasTerm = `(${folded.map((column) => `${column} LIKE ? ESCAPE '\\'`).join(' OR ')})`;
  // The candidates with the most words first, so that the cut below never drops a better match.
  const wordCount = terms.map(() => hasTerm).join(' + ');
  const bindings = patterns.flatMap((pattern) => folded.map(() => pattern));
  const rows: {
    document_id: string;
    title: string | null;
    summary: string | null;
    description: string | null;
  }[] = await knex(c.table)
    .select({ document_id: c.documentId, title: c.title, summary: c.summary, description: c.description })
    .whereNotNull(c.publishedAt)
    .andWhere(c.locale, locale)
    // Parenthesised: the words' OR must not escape the published and locale conditions.
    .andWhereRaw(`(${terms.map(() => hasTerm).join(' OR ')})`, bindings)
    .orderByRaw(`${wordCount} DESC`, bindings)
    .limit(MAX_CANDIDATES * 2);
  const ranked = rows.map((row) => {
    const fields: [string, number][] = [
      [fold(row.title ?? ''), 3],
      [fold(row.summary ?? ''), 2],
      [fold(row.description ?? ''), 1],
    ];
    let matchedWords = 0;
    let score = 0;
    for (const term of terms) {
      let found = false;
      for (const [text, weight] of fields) {
        const occurrences = text.split(term).length - 1;
        if (occurrences > 0) found = true;
        score += weight * Math.min(occurrences, 3);
      }
      if (found) matchedWords += 1;
    }
    return { documentId: row.document_id, rank: combinedRank(matchedWords, score / (terms.length * 18)) };
  });
  ranked.sort((a, b) => b.rank - a.rank || a.documentId.localeCompare(b.documentId));
  return ranked.slice(0, MAX_CANDIDATES);
}

/** Stems are letters and digits only; escaping LIKE's wildcards anyway keeps that a property of this query. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);
