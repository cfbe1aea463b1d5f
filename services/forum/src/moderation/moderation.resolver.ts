import { Length } from 'class-validator';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput, forbidden, notFound } from '../common/errors.js';
import { requireModerator, requireViewer, type ForumContext } from '../context.js';
import { Member, MemberRole } from '../member/member.entity.js';
import { NotificationKind, notifyMembers } from '../notification/notification.service.js';
import { Post } from '../post/post.entity.js';
import { Thread } from '../thread/thread.entity.js';
import { visibleThread } from '../thread/thread.service.js';
import { publishPostsUpdated, publishThreadActivity } from '../live/thread-events.js';
import { Flag } from './flag.entity.js';

@InputType()
class FlagPostInput {
  @Field(() => ID, { description: 'The post to report' })
  postId: string;

  @Field({ description: 'Why the post should be looked at' })
  @Length(3, 1000, { message: 'must be between 3 and 1000 characters' })
  reason: string;
}

/** Applies a moderator's change to a thread and tells the thread's watchers. */
async function updateThread(context: ForumContext, threadId: string, changes: Partial<Thread>) {
  await requireModerator(context);
  const thread = await context.loaders.thread.load(threadId);
  if (!thread) throw notFound('Thread');
  await context.services.dataSource.getRepository(Thread).update({ id: thread.id }, changes);
  const updated = Object.assign(thread, changes);
  publishThreadActivity(context.services.pubSub, updated, 'UPDATED');
  return updated;
}

@Resolver(() => Flag)
export class ModerationResolver {
  @Mutation(() => Thread, { description: 'Moderators: pin a thread to the top of its lists' })
  pinThread(
    @Arg('threadId', () => ID, { description: 'The thread' }) threadId: string,
    @Arg('pinned', { description: 'true pins it, false unpins it' }) pinned: boolean,
    @Ctx() context: ForumContext,
  ) {
    return updateThread(context, threadId, { pinned });
  }

  @Mutation(() => Thread, { description: 'Moderators: a locked thread takes no new posts' })
  lockThread(
    @Arg('threadId', () => ID, { description: 'The thread' }) threadId: string,
    @Arg('locked', { description: 'true locks it, false unlocks it' }) locked: boolean,
    @Ctx() context: ForumContext,
  ) {
    return updateThread(context, threadId, { locked });
  }

  @Mutation(() => Thread, { description: 'Moderators: hide a thread from everyone but moderators' })
  hideThread(
    @Arg('threadId', () => ID, { description: 'The thread' }) threadId: string,
    @Arg('hidden', { description: 'true hides it, false shows it again' }) hidden: boolean,
    @Ctx() context: ForumContext,
  ) {
    return updateThread(context, threadId, { hidden });
  }

  @Mutation(() => Thread, { description: 'Moderators: move a thread to another category' })
  async moveThread(
    @Arg('threadId', () => ID, { description: 'The thread' }) threadId: string,
    @Arg('categoryId', () => ID, { description: 'The category to move it to' }) categoryId: string,
    @Ctx() context: ForumContext,
  ) {
    await requireModerator(context);
    const category = await context.loaders.category.load(categoryId);
    if (!category) throw badInput('categoryId', 'no such category');
    return updateThread(context, threadId, { categoryId: category.id });
  }

  @Mutation(() => Post, { description: 'Moderators: hide a post; its text is then shown to moderators only' })
  async hidePost(
    @Arg('postId', () => ID, { description: 'The post' }) postId: string,
    @Arg('hidden', { description: 'true hides it, false shows it again' }) hidden: boolean,
    @Ctx() context: ForumContext,
  ) {
    await requireModerator(context);
    const post = await context.loaders.post.load(postId);
    if (!post) throw notFound('Post');
    const hiddenAt = hidden ? new Date() : null;
    await context.services.dataSource.getRepository(Post).update({ id: post.id }, { hiddenAt });
    publishPostsUpdated(context.services.pubSub, post.threadId, [post.id]);
    return Object.assign(post, { hiddenAt });
  }

  @Mutation(() => Thread, {
    description: "The thread's author or a moderator marks the post that answers it",
  })
  async markSolution(
    @Arg('postId', () => ID, { description: 'The answer' }) postId: string,
    @Ctx() context: ForumContext,
  ) {
    const viewer = requireViewer(context);
    const post = await context.loaders.post.load(postId);
    if (!post || post.deletedAt) throw notFound('Post');
    const thread = await visibleThread(context, post.threadId);
    if (!thread) throw notFound('Thread');
    if (thread.authorId !== viewer.id && !(await context.isModerator())) {
      throw forbidden("Only the thread's author or a moderator can mark the solution");
    }
    const { dataSource, pubSub } = context.services;
    const notifications = await dataSource.transaction(async (tx) => {
      await tx.getRepository(Thread).update({ id: thread.id }, { solutionPostId: post.id });
      return post.authorId === viewer.id
        ? []
        : notifyMembers(
            tx,
            [[post.authorId, NotificationKind.SOLUTION]],
            {
              actorId: viewer.id,
              threadId: thread.id,
              postId: post.id,
            },
            context.services.mail.outbox,
          );
    });
    for (const notification of notifications) {
      pubSub.publish('NOTIFICATION_ADDED', notification.memberId, {
        notification: JSON.parse(JSON.stringify(notification)),
      });
    }
    const previous = thread.solutionPostId;
    context.loaders.thread.clear(thread.id);
    publishPostsUpdated(pubSub, thread.id, [previous, post.id]);
    pubSub.publish('THREAD_UPDATED', thread.id, { threadId: thread.id });
    return Object.assign(thread, { solutionPostId: post.id });
  }

  @Mutation(() => Thread, { description: 'Takes back the solution of a thread (its author or a moderator)' })
  async unmarkSolution(
    @Arg('threadId', () => ID, { description: 'The thread' }) threadId: string,
    @Ctx() context: ForumContext,
  ) {
    const viewer = requireViewer(context);
    const thread = await visibleThread(context, threadId);
    if (!thread) throw notFound('Thread');
    if (thread.authorId !== viewer.id && !(await context.isModerator())) {
      throw forbidden("Only the thread's author or a moderator can change the solution");
    }
    await context.services.dataSource
      .getRepository(Thread)
      .update({ id: thread.id }, { solutionPostId: null });
    const { pubSub } = context.services;
    publishPostsUpdated(pubSub, thread.id, [thread.solutionPostId]);
    pubSub.publish('THREAD_UPDATED', thread.id, { threadId: thread.id });
    return Object.assign(thread, { solutionPostId: null });
  }

  @Mutation(() => Boolean, { description: 'Any member reports a post to the moderators' })
  async flagPost(
    @Arg('input', { description: 'What to report and why' }) input: FlagPostInput,
    @Ctx() context: ForumContext,
  ) {
    const viewer = requireViewer(context);
    const post = await context.loaders.post.load(input.postId);
    if (!post || !(await visibleThread(context, post.threadId))) throw notFound('Post');
    await context.services.dataSource.query(
      `INSERT INTO flag (post_id, reporter_id, reason) VALUES ($1, $2, $3)
       ON CONFLICT (post_id, reporter_id) WHERE resolved_at IS NULL DO NOTHING`,
      [post.id, viewer.id, input.reason.trim()],
    );
    return true;
  }

  @Query(() => [Flag], { description: 'Moderators: reported posts, oldest first' })
  async flags(
    @Arg('resolved', { defaultValue: false, description: 'true: the resolved ones too' }) resolved: boolean,
    @Ctx() context: ForumContext,
  ) {
    await requireModerator(context);
    return context.services.dataSource
      .getRepository(Flag)
      .createQueryBuilder('flag')
      .where(resolved ? 'flag.resolved_at IS NOT NULL' : 'flag.resolved_at IS NULL')
      .orderBy('flag.created_at', resolved ? 'DESC' : 'ASC')
      .limit(200)
      .getMany();
  }

  @Mutation(() => Flag, { description: 'Marks a flag as dealt with (moderators)' })
  async resolveFlag(
    @Arg('flagId', () => ID, { description: 'The flag' }) flagId: string,
    @Ctx() context: ForumContext,
  ) {
    const viewer = await requireModerator(context);
    const flags = context.services.dataSource.getRepository(Flag);
    const flag = await flags.findOneBy({ id: flagId }).catch(() => null);
    if (!flag) throw notFound('Flag');
    Object.assign(flag, { resolvedAt: new Date(), resolvedById: viewer.id });
    await flags.save(flag);
    return flag;
  }

  @Mutation(() => Member, {
    description: 'Admins: make a member a moderator or admin, or take the role back',
  })
  async setMemberRole(
    @Arg('memberId', () => ID, { description: 'The member' }) memberId: string,
    @Arg('role', () => MemberRole, { description: 'The new role' }) role: MemberRole,
    @Ctx() context: ForumContext,
  ) {
    const viewer = requireViewer(context);
    const admin = await context.loaders.member.load(viewer.id);
    if (admin?.role !== MemberRole.ADMIN) throw forbidden('Only admins can change roles');
    const member = await context.loaders.member.load(memberId);
    if (!member) throw notFound('Member');
    await context.services.dataSource.getRepository(Member).update({ id: member.id }, { role });
    return Object.assign(member, { role });
  }

  @FieldResolver(() => Post, { description: 'The post reported' })
  post(@Root() flag: Flag, @Ctx() context: ForumContext) {
    return context.loaders.post.load(flag.postId);
  }

  @FieldResolver(() => Member, { description: 'Who reported it (moderators only)' })
  reporter(@Root() flag: Flag, @Ctx() context: ForumContext) {
    return context.loaders.member.load(flag.reporterId);
  }
}
