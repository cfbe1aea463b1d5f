import {
  Arg,
  Args,
  ArgsType,
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
  registerEnumType,
} from 'type-graphql';
import { ALL_CATEGORIES, type ThreadActivityEvent } from '../live/pubsub.js';
import { Category } from '../category/category.entity.js';
import { ConnectionType, decodeCursor, encodeCursor, pageSize, toConnection } from '../common/connection.js';
import { badInput, notFound } from '../common/errors.js';
import { isUuid } from '../common/ids.js';
import { requireViewer, type ForumContext } from '../context.js';
import { ActionField, Project, Workshop } from '../federation/cms-references.js';
import { Member } from '../member/member.entity.js';
import { NotificationKind, notifyMembers } from '../notification/notification.service.js';
import { Post } from '../post/post.entity.js';
import { CreateThreadInput } from '../post/post.input.js';
import { publishPost, writePost } from '../post/post.service.js';
import { PostConnection, listPosts } from '../post/post.resolver.js';
import { Thread } from './thread.entity.js';
import { visibleThread } from './thread.service.js';

@ObjectType()
export class ThreadConnection extends ConnectionType(Thread) {}

export enum ThreadActivityKind {
  CREATED = 'CREATED',
  POSTED = 'POSTED',
  UPDATED = 'UPDATED',
}
registerEnumType(ThreadActivityKind, { name: 'ThreadActivityKind' });

@ObjectType({
  description: 'Something happened in a thread: it was opened, answered, or changed by a moderator',
})
export class ThreadActivity {
  @Field(() => Thread)
  thread: Thread;

  @Field(() => ThreadActivityKind)
  kind: ThreadActivityKind;
}

@ArgsType()
export class ThreadsArgs {
  @Field(() => ID, { nullable: true })
  categoryId?: string;

  @Field(() => ID, { nullable: true, description: 'documentId of a CMS project' })
  projectId?: string;

  @Field(() => ID, { nullable: true, description: 'documentId of a CMS workshop' })
  workshopId?: string;

  @Field(() => ID, { nullable: true, description: 'documentId of a CMS field of action' })
  actionFieldId?: string;

  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20)' })
  first?: number;

  @Field(() => String, { nullable: true })
  after?: string;
}

const threadCursor = (thread: Thread) => encodeCursor([thread.lastActivityAt.toISOString(), thread.id]);

@Resolver(() => Thread)
export class ThreadResolver {
  @Query(() => ThreadConnection, { description: 'Threads, most recent activity first' })
  async threads(@Args() args: ThreadsArgs, @Ctx() context: ForumContext) {
    const size = pageSize(args.first);
    const query = context.services.dataSource
      .getRepository(Thread)
      .createQueryBuilder('thread')
      .orderBy('thread.last_activity_at', 'DESC')
      .addOrderBy('thread.id', 'DESC')
      .limit(size + 1);
    if (!(await context.isModerator())) query.andWhere('NOT thread.hidden');
    if (args.categoryId) {
      if (!isUuid(args.categoryId)) throw badInput('categoryId', 'is not a category id');
      query.andWhere('thread.category_id = :categoryId', { categoryId: args.categoryId });
    }
    if (args.projectId) query.andWhere('thread.project_id = :projectId', { projectId: args.projectId });
    if (args.workshopId) query.andWhere('thread.workshop_id = :workshopId', { workshopId: args.workshopId });
    if (args.actionFieldId) {
      query.andWhere('thread.action_field_ids @> ARRAY[:actionFieldId]::text[]', {
        actionFieldId: args.actionFieldId,
      });
    }
    if (args.after) {
      const [at, id] = decodeCursor(args.after, 2);
      if (!isUuid(id) || Number.isNaN(Date.parse(at!)))
        throw badInput('after', 'is not a cursor from this API');
      query.andWhere('(thread.last_activity_at, thread.id) < (:at, :id)', { at, id });
    }
    return toConnection(await query.getMany(), size, threadCursor);
  }

  @Query(() => Thread, { nullable: true })
  thread(@Arg('id', () => ID) id: string, @Ctx() context: ForumContext) {
    return visibleThread(context, id);
  }

  @Mutation(() => Thread, { description: 'Opens a thread with its first post; the author follows it' })
  async createThread(@Arg('input') input: CreateThreadInput, @Ctx() context: ForumContext) {
    const viewer = requireViewer(context);
    const { dataSource, pubSub } = context.services;
    const author = await context.loaders.member.load(viewer.id);
    if (!author) throw notFound('Member');
    const written = await dataSource.transaction(async (tx) => {
      const category = await tx.getRepository(Category).findOneBy({ id: input.categoryId });
      if (!category) throw badInput('categoryId', 'no such category');
      const threads = tx.getRepository(Thread);
      const thread = threads.create({
        title: input.title.trim(),
        categoryId: category.id,
        authorId: viewer.id,
        projectId: input.projectId || null,
        workshopId: input.workshopId || null,
        actionFieldIds: [...new Set(input.actionFieldIds ?? [])],
        lastActivityAt: new Date(),
      });
      await threads.insert(thread);
      const saved = await threads.findOneByOrFail({ id: thread.id });
      const post = await writePost(tx, author, saved, input.body, null);
      // Those who follow the category hear of the new thread.
      const watchers: { member_id: string }[] = await tx.query(
        `SELECT member_id FROM follow WHERE target_type = 'CATEGORY' AND target_id = $1 AND member_id <> $2`,
        [category.id, viewer.id],
      );
      const alreadyNotified = new Set(post.notifications.map((n) => n.memberId));
      const categoryNotifications = await notifyMembers(
        tx,
        watchers
          .filter(({ member_id }) => !alreadyNotified.has(member_id))
          .map(({ member_id }) => [member_id, NotificationKind.CATEGORY_THREAD]),
        { actorId: viewer.id, threadId: saved.id, postId: post.post.id },
      );
      return { ...post, notifications: [...post.notifications, ...categoryNotifications] };
    });
    publishPost(pubSub, written, author, 'CREATED');
    return written.thread;
  }

  @Subscription(() => ThreadActivity, {
    topics: 'THREAD_ACTIVITY',
    topicId: ({ args }: { args: { categoryId?: string | null } }) => args.categoryId ?? ALL_CATEGORIES,
    filter: ({ payload }: { payload: ThreadActivityEvent }) => !payload.hidden,
    description: 'Threads opened, answered or changed, in one category or (without categoryId) everywhere',
  })
  async threadActivity(
    @Root() event: ThreadActivityEvent,
    @Arg('categoryId', () => ID, { nullable: true }) _categoryId: string | undefined,
    @Ctx() context: ForumContext,
  ) {
    context.renewLoaders();
    const thread = await context.loaders.thread.load(event.threadId);
    if (!thread) throw notFound('Thread');
    return { thread, kind: event.kind };
  }

  @Mutation(() => Thread)
  async followThread(@Arg('threadId', () => ID) threadId: string, @Ctx() context: ForumContext) {
    const viewer = requireViewer(context);
    const thread = await visibleThread(context, threadId);
    if (!thread) throw notFound('Thread');
    await context.services.dataSource.query(
      `INSERT INTO follow (member_id, target_type, target_id) VALUES ($1, 'THREAD', $2) ON CONFLICT DO NOTHING`,
      [viewer.id, thread.id],
    );
    context.loaders.followsThread.clear(thread.id);
    return thread;
  }

  @Mutation(() => Thread)
  async unfollowThread(@Arg('threadId', () => ID) threadId: string, @Ctx() context: ForumContext) {
    const viewer = requireViewer(context);
    const thread = await visibleThread(context, threadId);
    if (!thread) throw notFound('Thread');
    await context.services.dataSource.query(
      `DELETE FROM follow WHERE member_id = $1 AND target_type = 'THREAD' AND target_id = $2`,
      [viewer.id, thread.id],
    );
    context.loaders.followsThread.clear(thread.id);
    return thread;
  }

  @FieldResolver(() => Member)
  async author(@Root() thread: Thread, @Ctx() context: ForumContext) {
    return context.loaders.member.load(thread.authorId);
  }

  @FieldResolver(() => Category)
  async category(@Root() thread: Thread, @Ctx() context: ForumContext) {
    return context.loaders.category.load(thread.categoryId);
  }

  @FieldResolver(() => PostConnection, { description: 'Posts in the order written' })
  posts(
    @Root() thread: Thread,
    @Arg('first', () => Int, { nullable: true }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() context: ForumContext,
  ) {
    return listPosts(context, thread.id, first, after);
  }

  @FieldResolver(() => Post, { nullable: true, description: 'The newest post' })
  lastPost(@Root() thread: Thread, @Ctx() context: ForumContext) {
    return thread.lastPostId ? context.loaders.post.load(thread.lastPostId) : null;
  }

  @FieldResolver(() => Post, { nullable: true, description: 'The post marked as the answer' })
  solution(@Root() thread: Thread, @Ctx() context: ForumContext) {
    return thread.solutionPostId ? context.loaders.post.load(thread.solutionPostId) : null;
  }

  @FieldResolver(() => Project, { nullable: true, description: 'The CMS project this thread is about' })
  project(@Root() thread: Thread) {
    return thread.projectId ? { documentId: thread.projectId } : null;
  }

  @FieldResolver(() => Workshop, { nullable: true, description: 'The CMS workshop this thread is about' })
  workshop(@Root() thread: Thread) {
    return thread.workshopId ? { documentId: thread.workshopId } : null;
  }

  @FieldResolver(() => [ActionField])
  actionFields(@Root() thread: Thread) {
    return thread.actionFieldIds.map((documentId) => ({ documentId }));
  }

  @FieldResolver(() => Boolean, { description: 'Whether the signed-in member follows this thread' })
  followedByMe(@Root() thread: Thread, @Ctx() context: ForumContext) {
    return context.loaders.followsThread.load(thread.id);
  }
}
