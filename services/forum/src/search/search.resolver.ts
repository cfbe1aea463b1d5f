import { Arg, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { badInput } from '../common/errors.js';
import type { ForumContext } from '../context.js';
import { Post } from '../post/post.entity.js';
import { Thread } from '../thread/thread.entity.js';

@ObjectType({ description: 'A thread that matches, with its best matching post if the match was in a post' })
export class SearchHit {
  @Field(() => Thread)
  thread: Thread;

  @Field(() => Post, { nullable: true })
  post: Post | null;

  @Field({ description: 'An excerpt with the matched words between « and »' })
  excerpt: string;

  @Field(() => Float)
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

@Resolver()
export class SearchResolver {
  @Query(() => [SearchHit], {
    description: 'Full-text search in German over thread titles and posts, best matches first',
  })
  async search(
    @Arg('query') text: string,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Ctx() context: ForumContext,
  ) {
    const query = text.trim();
    if (query.length < 2 || query.length > 200)
      throw badInput('query', 'must be between 2 and 200 characters');
    if (!Number.isInteger(first) || first < 1 || first > 50)
      throw badInput('first', 'must be between 1 and 50');
    const moderator = await context.isModerator();
    // websearch_to_tsquery accepts anything a person types (quotes, "or", minus) and never raises a syntax
    // error; the text is a bound parameter, so no SQL metacharacter matters.
    const rows: { thread_id: string; post_id: string | null; rank: number; excerpt: string }[] =
      await context.services.dataSource.query(
        `WITH q AS (
           SELECT CASE WHEN $4::text IS NULL THEN websearch_to_tsquery('german', $1)
                       ELSE websearch_to_tsquery('german', $1) || to_tsquery('german', $4) END AS query
         ),
         hits AS (
           SELECT t.id AS thread_id, NULL::uuid AS post_id, ts_rank(t.search_vector, q.query) * 2 AS rank,
                  ts_headline('german', t.title, q.query, 'StartSel=«, StopSel=», MaxWords=30, MinWords=10') AS excerpt
             FROM thread t, q WHERE t.search_vector @@ q.query AND ($3 OR NOT t.hidden)
           UNION ALL
           SELECT p.thread_id, p.id, ts_rank(p.search_vector, q.query),
                  ts_headline('german', p.body, q.query, 'StartSel=«, StopSel=», MaxWords=30, MinWords=10')
             FROM post p JOIN thread t ON t.id = p.thread_id, q
            WHERE p.search_vector @@ q.query AND p.deleted_at IS NULL AND ($3 OR (p.hidden_at IS NULL AND NOT t.hidden))
         )
         SELECT * FROM (
           SELECT DISTINCT ON (thread_id) thread_id, post_id, rank, excerpt FROM hits ORDER BY thread_id, rank DESC
         ) best ORDER BY rank DESC, thread_id LIMIT $2`,
        [query, first, moderator, prefixQuery(query)],
      );
    const best = rows;
    const [threads, posts] = await Promise.all([
      context.loaders.thread.loadMany(best.map((row) => row.thread_id)),
      context.loaders.post.loadMany(best.filter((row) => row.post_id).map((row) => row.post_id!)),
    ]);
    const postById = new Map(posts.filter((p): p is Post => p instanceof Post).map((p) => [p.id, p]));
    return best.flatMap((row, index) => {
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
}
