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
import { ConnectionType, decodeCursor, encodeCursor, pageSize, toConnection } from '../common/connection.js';
import { badInput, forbidden, notFound } from '../common/errors.js';
import { requireViewer, type ForumContext } from '../context.js';
import type { PostAddedEvent } from '../live/pubsub.js';
import { renderMarkdown } from '../markdown/render-markdown.js';
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
  @Field(() => ReactionKind)
  kind: ReactionKind;

  @Field(() => Int)
  count: number;

  @Field({ description: 'Whether the signed-in member gave this reaction' })
  reactedByMe: boolean;
}

const postCursor = (post: Post) => encodeCursor([post.seq]);

/** Posts of a thread in the order written, after a cursor: also what a reconnecting client catches up with. */
export async function listPosts(
  context: ForumContext,
  threadId: string,
  first?: number | null,
  after?: string | null,
) {
  const size = pageSize(first);
  const query = context.services.dataSource
    .getRepository(Post)
    .createQueryBuilder('post')
    .where('post.thread_id = :threadId', { threadId })
    .orderBy('post.seq', 'ASC')
    .limit(size + 1);
  if (after) {
    const [seq] = decodeCursor(after, 1);
    if (!/^\d{1,18}$/.test(seq!)) throw badInput('after', 'is not a cursor from this API');
    query.andWhere('post.seq > :seq', { seq });
  }
  const rows = await query.getMany();
  for (const post of rows) context.loaders.post.prime(post.id, post);
  return toConnection(rows, size, postCursor);
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
      lastSeq = seq;
      yield value;
    }
  } finally {
    await live.return?.();
  }
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
    @Arg('threadId', () => ID) threadId: string,
    @Arg('first', () => Int, { nullable: true }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() context: ForumContext,
  ) {
    const thread = await visibleThread(context, threadId);
    if (!thread) throw notFound('Thread');
    return listPosts(context, thread.id, first, after);
  }

  @Query(() => Post, { nullable: true })
  async post(@Arg('id', () => ID) id: string, @Ctx() context: ForumContext) {
    const post = await context.loaders.post.load(id);
    return post && (await visibleThread(context, post.threadId)) ? post : null;
  }

  @Mutation(() => Post, { description: 'Writes a post; the author then follows the thread' })
  async addPost(@Arg('input') input: AddPostInput, @Ctx() context: ForumContext) {
    const viewer = requireViewer(context);
    const { dataSource, pubSub } = context.services;
    const author = await context.loaders.member.load(viewer.id);
    if (!author) throw notFound('Member');
    const written = await dataSource.transaction(async (tx) => {
      const thread = await lockThreadForPosting(tx, input.threadId, context);
      return writePost(tx, author, thread, input.body, input.replyToId ?? null);
    });
    // Committed: only now may subscribers hear of it.
    publishPost(pubSub, written, author, 'POSTED');
    context.loaders.thread.clear(written.thread.id);
    return written.post;
  }

  @Mutation(() => Post, { description: 'Changes the text of your own post' })
  async editPost(@Arg('input') input: EditPostInput, @Ctx() context: ForumContext) {
    const viewer = requireViewer(context);
    const post = await context.loaders.post.load(input.postId);
    if (!post || post.deletedAt) throw notFound('Post');
    if (post.authorId !== viewer.id && !(await context.isModerator()))
      throw forbidden('You can only edit your own posts');
    const thread = await context.loaders.thread.load(post.threadId);
    if (thread?.locked && !(await context.isModerator())) throw forbidden('This thread is locked');
    const changes = { body: input.body, bodyHtml: renderMarkdown(input.body), editedAt: new Date() };
    await context.services.dataSource.getRepository(Post).update({ id: post.id }, changes);
    return Object.assign(post, changes);
  }

  @Mutation(() => Post, { description: 'Removes your own post; it stays in the thread as "removed"' })
  async deletePost(@Arg('postId', () => ID) postId: string, @Ctx() context: ForumContext) {
    const viewer = requireViewer(context);
    const post = await context.loaders.post.load(postId);
    if (!post || post.deletedAt) throw notFound('Post');
    if (post.authorId !== viewer.id && !(await context.isModerator()))
      throw forbidden('You can only delete your own posts');
    const deletedAt = new Date();
    await context.services.dataSource.getRepository(Post).update({ id: post.id }, { deletedAt });
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
    @Arg('threadId', () => ID) _threadId: string,
    @Arg('after', () => String, { nullable: true }) _after: string | undefined,
    @Ctx() context: ForumContext,
  ): Post {
    context.renewLoaders();
    return postFromEvent(event);
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

  @FieldResolver(() => Member)
  author(@Root() post: Post & { preloadedAuthor?: Member }, @Ctx() context: ForumContext) {
    return post.preloadedAuthor ?? context.loaders.member.load(post.authorId);
  }

  @FieldResolver(() => Thread)
  thread(@Root() post: Post, @Ctx() context: ForumContext) {
    return context.loaders.thread.load(post.threadId);
  }

  @FieldResolver(() => Post, { nullable: true, description: 'The post this one answers' })
  replyTo(@Root() post: Post, @Ctx() context: ForumContext) {
    return post.replyToId ? context.loaders.post.load(post.replyToId) : null;
  }

  @FieldResolver(() => [ReactionCount])
  reactions(@Root() post: Post, @Ctx() context: ForumContext) {
    return context.loaders.reactions.load(post.id);
  }

  @FieldResolver(() => Boolean, { description: "Marked as the answer to the thread's question" })
  async isSolution(@Root() post: Post, @Ctx() context: ForumContext) {
    const thread = await context.loaders.thread.load(post.threadId);
    return thread?.solutionPostId === post.id;
  }
}
