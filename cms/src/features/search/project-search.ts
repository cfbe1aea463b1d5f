import type { Core } from '@strapi/strapi';
import { LISTING } from '../read-model/project-listing';
import { fold, stems, words } from './german-text';

/*
 * Ranking reads the read model (read-model/project-listing.ts): published projects only, each with its text and,
 * on PostgreSQL, its weighted German text vector under a GIN index, computed when the project was written.
 */
/** Ranked candidates considered per query; filters and pagination apply within them. */
export const MAX_CANDIDATES = 1000;

export interface RankedId {
  documentId: string;
  rank: number;
}

export function isPostgres(strapi: Core.Strapi): boolean {
  return strapi.db.dialect.client === 'postgres';
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
  const matched = terms.map(() => `(s.search @@ to_tsquery('german'::regconfig, ?))::int`).join(' + ');
  const result = await strapi.db.connection.raw(
    `SELECT document_id, matched, rank FROM (
       SELECT s.document_id, ${matched} AS matched, ts_rank_cd(s.search, q) AS rank
         FROM "${LISTING}" s, to_tsquery('german'::regconfig, ?) AS q
        WHERE s.locale = ? AND s.search @@ q) hits
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
  const knex = strapi.db.connection;
  const folded = ['title', 'summary', 'description'].map(foldedColumn);
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
  }[] = await knex(LISTING)
    .select('document_id', 'title', 'summary', 'description')
    .where('locale', locale)
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
