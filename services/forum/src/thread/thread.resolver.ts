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
import { ALL_CATEGORIES, type ThreadActivityEvent, type ThreadUpdatedEvent } from '../live/pubsub.js';
import { Category } from '../category/category.entity.js';
import {
  ConnectionType,
  countOf,
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
} from '../common/connection.js';
import { badInput, notFound } from '../common/errors.js';
import { isUuid } from '../common/ids.js';
import { requireVerifiedViewer, requireViewer, type ForumContext } from '../context.js';
import { ActionField, Project, Workshop } from '../federation/cms-references.js';
import { Member } from '../member/member.entity.js';
import { NotificationKind, notifyMembers } from '../notification/notification.service.js';
import { Post } from '../post/post.entity.js';
import { CreateThreadInput } from '../post/post.input.js';
import { postWithClientId, publishPost, writePost } from '../post/post.service.js';
import { OFFSET_DESCRIPTION, PostConnection, listPosts } from '../post/post.resolver.js';
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
  @Field(() => Thread, { description: 'The thread' })
  thread: Thread;

  @Field(() => ThreadActivityKind, { description: 'What happened' })
  kind: ThreadActivityKind;
}

@ArgsType()
export class ThreadsArgs {
  @Field(() => ID, { nullable: true, description: 'Only threads of this forum category' })
  categoryId?: string;

  @Field(() => ID, { nullable: true, description: 'documentId of a CMS project' })
  projectId?: string;

  @Field(() => ID, { nullable: true, description: 'documentId of a CMS workshop' })
  workshopId?: string;

  @Field(() => ID, { nullable: true, description: 'documentId of a CMS field of action' })
  actionFieldId?: string;

  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20)' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor of the last thread seen: the next page' })
  after?: string;

  @Field(() => Date, {
    nullable: true,
    description:
      'Only threads opened or answered after this moment (their last activity is later): for mirroring discussions',
  })
  updatedSince?: Date;
}

/** Changes to a thread, for a reader who may see it. */
async function* threadUpdatesOf(context: ForumContext, threadId: string): AsyncGenerator<ThreadUpdatedEvent> {
  const thread = await visibleThread(context, threadId);
  if (!thread) throw notFound('Thread');
  yield* context.services.pubSub.subscribe('THREAD_UPDATED', thread.id);
}

const threadCursor = (thread: Thread) => encodeCursor([thread.lastActivityAt.toISOString(), thread.id]);

/**
 * A page of threads, most recent activity first, with the filters `threads` takes: also the connections of a
 * project's, workshop's and field of action's discussions.
 */
export async function listThreads(
  context: ForumContext,
  args: Pick<
    ThreadsArgs,
    'categoryId' | 'projectId' | 'workshopId' | 'actionFieldId' | 'first' | 'after' | 'updatedSince'
  >,
) {
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
  if (args.updatedSince) query.andWhere('thread.last_activity_at > :since', { since: args.updatedSince });
  const total = countOf(query);
  if (args.after) {
    const [at, id] = decodeCursor(args.after, 2);
    if (!isUuid(id) || Number.isNaN(Date.parse(at!)))
      throw badInput('after', 'is not a cursor from this API');
    query.andWhere('(thread.last_activity_at, thread.id) < (:at, :id)', { at, id });
  }
  return toConnection(await query.getMany(), size, threadCursor, total);
}

@Resolver(() => Thread)
export class ThreadResolver {
  @Query(() => ThreadConnection, { description: 'Threads, most recent activity first' })
  async threads(@Args() args: ThreadsArgs, @Ctx() context: ForumContext) {
    return listThreads(context, args);
  }

  @Query(() => Thread, {
    nullable: true,
    description: 'One thread by its id (null if there is none or it is hidden)',
  })
  thread(@Arg('id', () => ID, { description: 'The thread’s id' }) id: string, @Ctx() context: ForumContext) {
    return visibleThread(context, id);
  }

  @Mutation(() => Thread, { description: 'Opens a thread with its first post; the author follows it' })
  async createThread(
    @Arg('input', { description: 'The new thread and its opening post' }) input: CreateThreadInput,
    @Ctx() context: ForumContext,
  ) {
    const viewer = await requireVerifiedViewer(context);
    const { dataSource, pubSub } = context.services;
    const author = await context.loaders.member.load(viewer.id);
    if (!author) throw notFound('Member');
    if (!(await context.loaders.category.load(input.categoryId)))
      throw badInput('categoryId', 'no such category');
    const projectId = input.projectId || null;
    const workshopId = input.workshopId || null;
    const actionFieldIds = [...new Set(input.actionFieldIds ?? [])];
    // Asked before the transaction: no database session waits on the CMS, and nothing is written if it fails.
    await context.services.cmsReferences.requirePublished([
      { field: 'projectId', type: 'Project', documentIds: projectId ? [projectId] : [] },
      { field: 'workshopId', type: 'Workshop', documentIds: workshopId ? [workshopId] : [] },
      { field: 'actionFieldIds', type: 'ActionField', documentIds: actionFieldIds },
    ]);
    // The same form sent again: the thread it opened the first time.
    const repeated = await postWithClientId(dataSource.manager, viewer.id, input.clientId);
    if (repeated) return context.loaders.thread.load(repeated.threadId);
    const written = await dataSource
      .transaction(async (tx) => {
        const category = await tx.getRepository(Category).findOneBy({ id: input.categoryId });
        if (!category) throw badInput('categoryId', 'no such category');
        const threads = tx.getRepository(Thread);
        const thread = threads.create({
          title: input.title.trim(),
          categoryId: category.id,
          authorId: viewer.id,
          projectId,
          workshopId,
          actionFieldIds,
          lastActivityAt: new Date(),
        });
        await threads.insert(thread);
        const saved = await threads.findOneByOrFail({ id: thread.id });
        const post = await writePost(
          tx,
          author,
          saved,
          input.body,
          null,
          context.services.mail.outbox,
          input.clientId ?? null,
        );
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
          context.services.mail.outbox,
        );
        // Those who follow the project it is about hear of the new discussion.
        const notified = new Set([...alreadyNotified, ...categoryNotifications.map((n) => n.memberId)]);
        const projectFollowers: { member_id: string }[] = projectId
          ? await tx.query(
              `SELECT member_id FROM follow WHERE target_type = 'PROJECT' AND target_id = $1 AND member_id <> $2`,
              [projectId, viewer.id],
            )
          : [];
        const projectNotifications = await notifyMembers(
          tx,
          projectFollowers
            .filter(({ member_id }) => !notified.has(member_id))
            .map(({ member_id }) => [member_id, NotificationKind.PROJECT_THREAD]),
          { actorId: viewer.id, threadId: saved.id, postId: post.post.id },
          context.services.mail.outbox,
        );
        return {
          ...post,
          notifications: [...post.notifications, ...categoryNotifications, ...projectNotifications],
        };
      })
      .catch(async (error: unknown) => {
        // Sent twice at once: the second insert met the first's clientId (unique per author).
        const again =
          (error as { code?: string }).code === '23505'
            ? await postWithClientId(dataSource.manager, viewer.id, input.clientId)
            : null;
        if (again) return null;
        throw error;
      });
    if (!written) {
      const first = await postWithClientId(dataSource.manager, viewer.id, input.clientId);
      return context.loaders.thread.load(first!.threadId);
    }
    publishPost(pubSub, written, author, 'CREATED');
    return written.thread;
  }

  @Subscription(() => ThreadActivity, {
    topics: 'THREAD_ACTIVITY',
    topicId: ({ args }: { args: { categoryId?: string | null } }) => args.categoryId ?? ALL_CATEGORIES,
    filter: ({
      payload,
      args,
    }: {
      payload: ThreadActivityEvent;
      args: { projectId?: string | null; workshopId?: string | null };
    }) =>
      !payload.hidden &&
      (!args.projectId || payload.projectId === args.projectId) &&
      (!args.workshopId || payload.workshopId === args.workshopId),
    description:
      'Threads opened, answered or changed, in one category or (without categoryId) everywhere; with projectId or ' +
      "workshopId only the discussions about that project or workshop (a project page's new discussion)",
  })
  async threadActivity(
    @Root() event: ThreadActivityEvent,
    @Arg('categoryId', () => ID, { nullable: true, description: 'Only this category (none: every category)' })
    _categoryId: string | undefined,
    @Arg('projectId', () => ID, { nullable: true, description: 'documentId of a CMS project' })
    _projectId: string | undefined,
    @Arg('workshopId', () => ID, { nullable: true, description: 'documentId of a CMS workshop' })
    _workshopId: string | undefined,
    @Ctx() context: ForumContext,
  ) {
    context.renewLoaders();
    const thread = await context.loaders.thread.load(event.threadId);
    if (!thread) throw notFound('Thread');
    return { thread, kind: event.kind };
  }

  @Subscription(() => Thread, {
    subscribe: ({ args, context }) =>
      threadUpdatesOf(context as ForumContext, (args as { threadId: string }).threadId),
    description:
      'The thread changed: a new post (its post count), the solution marked, pinned, locked, hidden or moved',
  })
  async threadUpdated(
    @Root() event: ThreadUpdatedEvent,
    @Arg('threadId', () => ID, { description: 'The thread' }) _threadId: string,
    @Ctx() context: ForumContext,
  ) {
    context.renewLoaders();
    const thread = await context.loaders.thread.load(event.threadId);
    if (!thread) throw notFound('Thread');
    return thread;
  }

  @Mutation(() => Thread, { description: 'Follows a thread: notifications on new posts' })
  async followThread(
    @Arg('threadId', () => ID, { description: 'The thread' }) threadId: string,
    @Ctx() context: ForumContext,
  ) {
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

  @Mutation(() => Thread, { description: 'Stops following a thread' })
  async unfollowThread(
    @Arg('threadId', () => ID, { description: 'The thread' }) threadId: string,
    @Ctx() context: ForumContext,
  ) {
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

  @FieldResolver(() => Member, { description: 'Who opened it' })
  async author(@Root() thread: Thread, @Ctx() context: ForumContext) {
    return context.loaders.member.load(thread.authorId);
  }

  @FieldResolver(() => Category, { description: 'The category it is in' })
  async category(@Root() thread: Thread, @Ctx() context: ForumContext) {
    return context.loaders.category.load(thread.categoryId);
  }

  @FieldResolver(() => PostConnection, { description: 'Posts in the order written' })
  posts(
    @Root() thread: Thread,
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
    return listPosts(context, thread.id, first, after, offset);
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

  @FieldResolver(() => [ActionField], {
    nullable: 'items',
    description:
      'The fields of action the thread is about; an entry is null where the CMS no longer publishes it',
  })
  actionFields(@Root() thread: Thread) {
    return thread.actionFieldIds.map((documentId) => ({ documentId }));
  }

  @FieldResolver(() => Boolean, { description: 'Whether the signed-in member follows this thread' })
  followedByMe(@Root() thread: Thread, @Ctx() context: ForumContext) {
    return context.loaders.followsThread.load(thread.id);
  }
}
