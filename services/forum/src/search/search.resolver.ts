import { Arg, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { ConnectionType, decodeCursor, encodeCursor, toConnection } from '../common/connection.js';
import { badInput } from '../common/errors.js';
import type { ForumContext } from '../context.js';
import { Post } from '../post/post.entity.js';
import { Thread } from '../thread/thread.entity.js';

@ObjectType({ description: 'A thread that matches, with its best matching post if the match was in a post' })
export class SearchHit {
  @Field(() => Thread, { description: 'The thread found' })
  thread: Thread;

  @Field(() => Post, { nullable: true, description: 'The post that matched (null: the title matched)' })
  post: Post | null;

  @Field({ description: 'An excerpt with the matched words between « and »' })
  excerpt: string;

  @Field(() => Float, { description: 'Relevance, higher is better' })
  rank: number;
}

/**
 * The German stemmer does not always stem a word and its plural alike ("Sprachkurs" → sprachkur,
 * "Sprachkurse" → sprachkurs), so each word also matches as a prefix of its stem. Only letters and digits
 * reach to_tsquery's syntax.
 */
function prefixQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}]+/gu)?.slice(0, 10) ?? [];
  return words.length > 0 ? words.map((word) => `${word}:*`).join(' & ') : null;
}

/** The matches of a search: every thread once, at its best match (title or post), as a CTE to select from. */
const HITS = `WITH q AS (
   SELECT CASE WHEN $3::text IS NULL THEN websearch_to_tsquery('german', $1)
               ELSE websearch_to_tsquery('german', $1) || to_tsquery('german', $3) END AS query
 ),
 hits AS (
   SELECT t.id AS thread_id, NULL::uuid AS post_id, ts_rank(t.search_vector, q.query) * 2 AS rank,
          ts_headline('german', t.title, q.query, 'StartSel=«, StopSel=», MaxWords=30, MinWords=10') AS excerpt
     FROM thread t, q WHERE t.search_vector @@ q.query AND ($2 OR NOT t.hidden)
   UNION ALL
   SELECT p.thread_id, p.id, ts_rank(p.search_vector, q.query),
          ts_headline('german', p.body, q.query, 'StartSel=«, StopSel=», MaxWords=30, MinWords=10')
     FROM post p JOIN thread t ON t.id = p.thread_id, q
    WHERE p.search_vector @@ q.query AND p.deleted_at IS NULL AND ($2 OR (p.hidden_at IS NULL AND NOT t.hidden))
 ),
 best AS (
   SELECT DISTINCT ON (thread_id) thread_id, post_id, rank, excerpt FROM hits ORDER BY thread_id, rank DESC
 )`;

function checkedQuery(text: string): string {
  const query = text.trim();
  if (query.length < 2 || query.length > 200) throw badInput('query', 'must be between 2 and 200 characters');
  return query;
}

/** One page of a search's hits, best first (rank, then thread id: a stable order for offsets). */
async function searchHits(context: ForumContext, query: string, limit: number, offset: number) {
  const moderator = await context.isModerator();
  // websearch_to_tsquery accepts anything a person types (quotes, "or", minus) and never raises a syntax
  // error; the text is a bound parameter, so no SQL metacharacter matters.
  const rows: { thread_id: string; post_id: string | null; rank: number; excerpt: string }[] =
    await context.services.dataSource.query(
      `${HITS} SELECT * FROM best ORDER BY rank DESC, thread_id LIMIT $4 OFFSET $5`,
      [query, moderator, prefixQuery(query), limit, offset],
    );
  const [threads, posts] = await Promise.all([
    context.loaders.thread.loadMany(rows.map((row) => row.thread_id)),
    context.loaders.post.loadMany(rows.filter((row) => row.post_id).map((row) => row.post_id!)),
  ]);
  const postById = new Map(posts.filter((p): p is Post => p instanceof Post).map((p) => [p.id, p]));
  return rows.flatMap((row, index) => {
    const thread = threads[index];
    if (!(thread instanceof Thread)) return [];
    return [
      {
        thread,
        post: row.post_id ? (postById.get(row.post_id) ?? null) : null,
        excerpt: row.excerpt,
        rank: Number(row.rank),
      },
    ];
  });
}

async function countHits(context: ForumContext, query: string): Promise<number> {
  const moderator = await context.isModerator();
  const [row]: { count: string }[] = await context.services.dataSource.query(
    `${HITS} SELECT count(*) AS count FROM best`,
    [query, moderator, prefixQuery(query)],
  );
  return Number(row?.count ?? 0);
}

@ObjectType({ description: 'Search results, best matches first, page by page' })
export class SearchHitConnection extends ConnectionType(SearchHit) {}

@Resolver()
export class SearchResolver {
  @Query(() => [SearchHit], {
    description: 'Full-text search in German over thread titles and posts, best matches first',
    deprecationReason: 'A bare list without paging or total: use searchConnection',
  })
  async search(
    @Arg('query', { description: 'Words to find (German stemming: "Sprachkurs" finds "Sprachkurse")' })
    text: string,
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many results, 1 to 50' }) first: number,
    @Ctx() context: ForumContext,
  ) {
    const query = checkedQuery(text);
    if (!Number.isInteger(first) || first < 1 || first > 50)
      throw badInput('first', 'must be between 1 and 50');
    return searchHits(context, query, first, 0);
  }

  @Query(() => SearchHitConnection, {
    description:
      'Full-text search in German over thread titles and posts, best matches first, page by page with totalCount',
  })
  async searchConnection(
    @Arg('query', { description: 'Words to find (German stemming: "Sprachkurs" finds "Sprachkurse")' })
    text: string,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 50 (default 20)' })
    first: number | undefined,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last hit seen: the next page' })
    after: string | undefined,
    @Ctx() context: ForumContext,
  ) {
    const query = checkedQuery(text);
    const size = first ?? 20;
    if (!Number.isInteger(size) || size < 1 || size > 50) throw badInput('first', 'must be between 1 and 50');
    let offset = 0;
    if (after) {
      const [position] = decodeCursor(after, 1);
      if (!/^\d{1,6}$/.test(position!)) throw badInput('after', 'is not a cursor from this API');
      offset = Number(position);
    }
    const hits = await searchHits(context, query, size + 1, offset);
    // A cursor is the hit's position: ranks change as posts are written, so a later page may repeat or skip one.
    const positions = new Map(hits.map((hit, index) => [hit, offset + index + 1]));
    return toConnection(
      hits,
      size,
      (hit) => encodeCursor([positions.get(hit)!]),
      () => countHits(context, query),
    );
  }
}
