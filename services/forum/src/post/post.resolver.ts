import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import {
  ConnectionType,
  countOf,
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
} from '../common/connection.js';
import { badInput, forbidden, notFound } from '../common/errors.js';
import { requireVerifiedViewer, requireViewer, type ForumContext } from '../context.js';
import type { PostAddedEvent, PostUpdatedEvent } from '../live/pubsub.js';
import { renderMemberMarkdown } from '../markdown/render-markdown.js';
import { publishPostsUpdated } from '../live/thread-events.js';
import { Member } from '../member/member.entity.js';
import { ReactionKind } from '../reaction/reaction.entity.js';
import { Thread } from '../thread/thread.entity.js';
import { visibleThread } from '../thread/thread.service.js';
import { Post } from './post.entity.js';
import { AddPostInput, EditPostInput } from './post.input.js';
import { lockThreadForPosting, postFromEvent, publishPost, writePost } from './post.service.js';

@ObjectType()
export class PostConnection extends ConnectionType(Post) {}

@ObjectType()
export class ReactionCount {
  @Field(() => ReactionKind, { description: 'The reaction' })
  kind: ReactionKind;

  @Field(() => Int, { description: 'How many members reacted so' })
  count: number;

  @Field({ description: 'Whether the signed-in member gave this reaction' })
  reactedByMe: boolean;
}

const postCursor = (post: Post) => encodeCursor([post.seq]);

/** How far into a thread `offset` may skip: page links for the longest threads, bounded work per request. */
export const MAX_OFFSET = 100_000;

/** The post's offset argument, shared by `posts` and `Thread.posts`. */
export const OFFSET_DESCRIPTION =
  'Skip this many posts first (0 to 100000), for numbered pages: page n of 100 is `first: 100, offset: 100 * (n - 1)`';

/** Posts of a thread in the order written, after a cursor: also what a reconnecting client catches up with. */
export async function listPosts(
  context: ForumContext,
  threadId: string,
  first?: number | null,
  after?: string | null,
  offset?: number | null,
) {
  const size = pageSize(first);
  if (
    offset !== undefined &&
    offset !== null &&
    (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET)
  ) {
    throw badInput('offset', `must be between 0 and ${MAX_OFFSET}`);
  }
  const query = context.services.dataSource
    .getRepository(Post)
    .createQueryBuilder('post')
    .where('post.thread_id = :threadId', { threadId })
    .orderBy('post.seq', 'ASC')
    .limit(size + 1);
  const total = countOf(query);
  if (after) {
    const [seq] = decodeCursor(after, 1);
    if (!/^\d{1,18}$/.test(seq!)) throw badInput('after', 'is not a cursor from this API');
    query.andWhere('post.seq > :seq', { seq });
  }
  if (offset) query.offset(offset);
  const rows = await query.getMany();
  for (const post of rows) context.loaders.post.prime(post.id, post);
  return toConnection(rows, size, postCursor, total);
}

/**
 * Live posts of a thread, optionally preceded by those written after a cursor. The live subscription starts
 * before the catch-up query, and posts are passed on in order of `seq` with none twice, so nothing falls into
 * the gap between the two.
 */
async function* postsFrom(
  context: ForumContext,
  threadId: string,
  after?: string | null,
): AsyncGenerator<PostAddedEvent> {
  // What the catch-up below replayed, up to and including. Live events can arrive out of order (two
  // replicas publish through Redis, each right after its own commit), so a live event is dropped only when the
  // replay already sent it — never because a later one came first.
  let lastSeq: bigint | undefined;
  if (after) {
    const [seq] = decodeCursor(after, 1);
    if (!/^\d{1,18}$/.test(seq!)) throw badInput('after', 'is not a cursor from this API');
    lastSeq = BigInt(seq!);
  }
  const thread = await visibleThread(context, threadId);
  if (!thread) throw notFound('Thread');
  const live = context.services.pubSub.subscribe('POST_ADDED', thread.id)[Symbol.asyncIterator]();
  let nextLive = live.next(); // starts listening now, before the catch-up query below
  try {
    if (lastSeq !== undefined) {
      for (;;) {
        const page = await listPosts(context, thread.id, 100, encodeCursor([lastSeq.toString()]));
        for (const post of page.nodes) {
          const author = await context.loaders.member.load(post.authorId);
          lastSeq = BigInt(post.seq);
          yield {
            post: JSON.parse(JSON.stringify(post)) as Record<string, unknown>,
            author: JSON.parse(JSON.stringify({ ...author, email: undefined })) as Record<string, unknown>,
          };
        }
        if (!page.pageInfo.hasNextPage) break;
      }
    }
    for (;;) {
      const { value, done } = await nextLive;
      if (done) return;
      nextLive = live.next();
      const seq = BigInt(String(value.post['seq']));
      if (lastSeq !== undefined && seq <= lastSeq) continue;
      yield value;
    }
  } finally {
    await live.return?.();
  }
}

/** Changes to a thread's posts, for a reader who may see the thread. */
async function* postUpdatesOf(context: ForumContext, threadId: string): AsyncGenerator<PostUpdatedEvent> {
  const thread = await visibleThread(context, threadId);
  if (!thread) throw notFound('Thread');
  yield* context.services.pubSub.subscribe('POST_UPDATED', thread.id);
}

/** Whether the text of a post may be shown to the reader. */
async function readable(post: Post, context: ForumContext) {
  if (post.deletedAt) return false;
  return !post.hiddenAt || (await context.isModerator());
}

@Resolver(() => Post)
export class PostResolver {
  @Query(() => PostConnection, {
    description:
      'Posts of a thread in the order written. After a lost connection, pass the last cursor seen.',
  })
  async posts(
    @Arg('threadId', () => ID, { description: 'The thread' }) threadId: string,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20)' })
    first: number | undefined,
    @Arg('after', () => String, {
      nullable: true,
      description: 'Cursor of the last post seen: the posts written after it',
    })
    after: string | undefined,
    @Arg('offset', () => Int, { nullable: true, description: OFFSET_DESCRIPTION }) offset: number | undefined,
    @Ctx() context: ForumContext,
  ) {
    const thread = await visibleThread(context, threadId);
    if (!thread) throw notFound('Thread');
    return listPosts(context, thread.id, first, after, offset);
  }

  @Query(() => Post, {
    nullable: true,
    description: 'One post by its id (null if there is none or it is hidden)',
  })
  async post(
    @Arg('id', () => ID, { description: 'The post’s id' }) id: string,
    @Ctx() context: ForumContext,
  ) {
    const post = await context.loaders.post.load(id);
    return post && (await visibleThread(context, post.threadId)) ? post : null;
  }

  @Mutation(() => Post, { description: 'Writes a post; the author then follows the thread' })
  async addPost(
    @Arg('input', { description: 'The reply' }) input: AddPostInput,
    @Ctx() context: ForumContext,
  ) {
    const viewer = await requireVerifiedViewer(context);
    const { dataSource, pubSub } = context.services;
    const author = await context.loaders.member.load(viewer.id);
    if (!author) throw notFound('Member');
    const written = await dataSource.transaction(async (tx) => {
      const thread = await lockThreadForPosting(tx, input.threadId, context);
      return writePost(
        tx,
        author,
        thread,
        input.body,
        input.replyToId ?? null,
        context.services.mail.outbox,
        input.clientId ?? null,
      );
    });
    // Committed: only now may subscribers hear of it.
    publishPost(pubSub, written, author, 'POSTED');
    context.loaders.thread.clear(written.thread.id);
    return written.post;
  }

  @Mutation(() => Post, { description: 'Changes the text of your own post' })
  async editPost(
    @Arg('input', { description: 'What to change' }) input: EditPostInput,
    @Ctx() context: ForumContext,
  ) {
    const viewer = await requireVerifiedViewer(context);
    const post = await context.loaders.post.load(input.postId);
    if (!post || post.deletedAt) throw notFound('Post');
    if (post.authorId !== viewer.id && !(await context.isModerator()))
      throw forbidden('You can only edit your own posts');
    const thread = await context.loaders.thread.load(post.threadId);
    if (thread?.locked && !(await context.isModerator())) throw forbidden('This thread is locked');
    const { dataSource, pubSub } = context.services;
    const { html } = await renderMemberMarkdown(dataSource, input.body);
    const changes = { body: input.body, bodyHtml: html, editedAt: new Date() };
    await dataSource.getRepository(Post).update({ id: post.id }, changes);
    publishPostsUpdated(pubSub, post.threadId, [post.id]);
    return Object.assign(post, changes);
  }

  @Mutation(() => Post, { description: 'Removes your own post; it stays in the thread as "removed"' })
  async deletePost(
    @Arg('postId', () => ID, { description: 'The post to delete (your own; moderators any)' }) postId: string,
    @Ctx() context: ForumContext,
  ) {
    const viewer = requireViewer(context);
    const post = await context.loaders.post.load(postId);
    if (!post || post.deletedAt) throw notFound('Post');
    if (post.authorId !== viewer.id && !(await context.isModerator()))
      throw forbidden('You can only delete your own posts');
    const deletedAt = new Date();
    await context.services.dataSource.getRepository(Post).update({ id: post.id }, { deletedAt });
    publishPostsUpdated(context.services.pubSub, post.threadId, [post.id]);
    return Object.assign(post, { deletedAt });
  }

  @Subscription(() => Post, {
    subscribe: ({ args, context }) =>
      postsFrom(
        context as ForumContext,
        (args as { threadId: string }).threadId,
        (args as { after?: string | null }).after,
      ),
    description:
      'Each new post of a thread, after it is committed. With `after` (the cursor of the last post seen), it first ' +
      'sends every post written since, then the new ones: a client that lost its connection misses nothing.',
  })
  postAdded(
    @Root() event: PostAddedEvent,
    @Arg('threadId', () => ID, { description: 'The thread whose new posts to receive' }) _threadId: string,
    @Arg('after', () => String, {
      nullable: true,
      description: 'Cursor of the last post seen: those written after it are sent first',
    })
    _after: string | undefined,
    @Ctx() context: ForumContext,
  ): Post {
    context.renewLoaders();
    return postFromEvent(event);
  }

  @Subscription(() => Post, {
    subscribe: ({ args, context }) =>
      postUpdatesOf(context as ForumContext, (args as { threadId: string }).threadId),
    description:
      'A post of the thread changed: its reactions, text, removal, hiding or solution mark. Each subscriber gets ' +
      'the post as they see it (`reactedByMe`, hidden text for moderators only).',
  })
  async postUpdated(
    @Root() event: PostUpdatedEvent,
    @Arg('threadId', () => ID, { description: 'The thread' }) _threadId: string,
    @Ctx() context: ForumContext,
  ): Promise<Post> {
    context.renewLoaders();
    const post = await context.loaders.post.load(event.postId);
    if (!post) throw notFound('Post');
    return post;
  }

  @FieldResolver(() => String, { description: 'Markdown as written; empty once removed or hidden' })
  async body(@Root() post: Post, @Ctx() context: ForumContext) {
    return (await readable(post, context)) ? post.body : '';
  }

  @FieldResolver(() => String, { description: 'Sanitized HTML of the body; empty once removed or hidden' })
  async bodyHtml(@Root() post: Post, @Ctx() context: ForumContext) {
    return (await readable(post, context)) ? post.bodyHtml : '';
  }

  @FieldResolver(() => Boolean, { description: 'Deleted by its author or a moderator' })
  removed(@Root() post: Post) {
    return post.deletedAt !== null && post.deletedAt !== undefined;
  }

  @FieldResolver(() => Boolean, { description: 'Hidden by a moderator' })
  hidden(@Root() post: Post) {
    return post.hiddenAt !== null && post.hiddenAt !== undefined;
  }

  @FieldResolver(() => String, { description: 'Pass as `after` to continue from this post' })
  cursor(@Root() post: Post) {
    return postCursor(post);
  }

  @FieldResolver(() => Member, { description: 'Who wrote it' })
  author(@Root() post: Post & { preloadedAuthor?: Member }, @Ctx() context: ForumContext) {
    return post.preloadedAuthor ?? context.loaders.member.load(post.authorId);
  }

  @FieldResolver(() => Thread, { description: 'The thread it belongs to' })
  thread(@Root() post: Post, @Ctx() context: ForumContext) {
    return context.loaders.thread.load(post.threadId);
  }

  @FieldResolver(() => Post, { nullable: true, description: 'The post this one answers' })
  replyTo(@Root() post: Post, @Ctx() context: ForumContext) {
    return post.replyToId ? context.loaders.post.load(post.replyToId) : null;
  }

  @FieldResolver(() => [ReactionCount], { description: 'Reactions by kind, with their counts' })
  reactions(@Root() post: Post, @Ctx() context: ForumContext) {
    return context.loaders.reactions.load(post.id);
  }

  @FieldResolver(() => Int, {
    description:
      'Where the post stands in its thread, 1 for the opening post: the page it is on is `ceil(position / pageSize)`',
  })
  async position(@Root() post: Post, @Ctx() context: ForumContext) {
    const [row] = await context.services.dataSource.query(
      'SELECT count(*) AS count FROM post WHERE thread_id = $1 AND seq <= $2',
      [post.threadId, post.seq],
    );
    return Number(row.count);
  }

  @FieldResolver(() => Boolean, { description: "Marked as the answer to the thread's question" })
  async isSolution(@Root() post: Post, @Ctx() context: ForumContext) {
    const thread = await context.loaders.thread.load(post.threadId);
    return thread?.solutionPostId === post.id;
  }
}
