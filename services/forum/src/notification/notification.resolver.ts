import {
  Arg,
  Ctx,
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
import { badInput } from '../common/errors.js';
import { requireViewer, type ForumContext } from '../context.js';
import type { NotificationEvent } from '../live/pubsub.js';
import { Member } from '../member/member.entity.js';
import { Post } from '../post/post.entity.js';
import { Thread } from '../thread/thread.entity.js';
import { Notification } from './notification.entity.js';

@ObjectType()
export class NotificationConnection extends ConnectionType(Notification) {}

const notificationCursor = (notification: Notification) => encodeCursor([notification.seq]);

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: "The signed-in member's notifications, newest first" })
  async notifications(
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20)' })
    first: number | undefined,
    @Arg('after', () => String, {
      nullable: true,
      description: 'Cursor of the last notification seen: the next page',
    })
    after: string | undefined,
    @Arg('unreadOnly', { defaultValue: false, description: 'true: unread ones only' }) unreadOnly: boolean,
    @Ctx() context: ForumContext,
  ) {
    const viewer = requireViewer(context);
    const size = pageSize(first);
    const query = context.services.dataSource
      .getRepository(Notification)
      .createQueryBuilder('notification')
      .where('notification.member_id = :memberId', { memberId: viewer.id })
      .orderBy('notification.seq', 'DESC')
      .limit(size + 1);
    if (unreadOnly) query.andWhere('notification.read_at IS NULL');
    const total = countOf(query);
    if (after) {
      const [seq] = decodeCursor(after, 1);
      if (!/^\d{1,18}$/.test(seq!)) throw badInput('after', 'is not a cursor from this API');
      query.andWhere('notification.seq < :seq', { seq });
    }
    return toConnection(await query.getMany(), size, notificationCursor, total);
  }

  @Query(() => Int, { description: 'How many notifications the signed-in member has not read' })
  async unreadNotificationCount(@Ctx() context: ForumContext) {
    const viewer = requireViewer(context);
    const [row] = await context.services.dataSource.query(
      'SELECT count(*) AS count FROM notification WHERE member_id = $1 AND read_at IS NULL',
      [viewer.id],
    );
    return Number(row.count);
  }

  @Mutation(() => Int, {
    description: 'Marks the given notifications (or all) as read; returns how many changed',
  })
  async markNotificationsRead(
    @Arg('ids', () => [ID], { nullable: true, description: 'These only (none given: all)' })
    ids: string[] | undefined,
    @Ctx() context: ForumContext,
  ) {
    const viewer = requireViewer(context);
    if (ids && ids.length > 100) throw badInput('ids', 'at most 100 at a time');
    // TypeORM answers an UPDATE with [rows, affected count].
    const [, changed]: [unknown[], number] = await context.services.dataSource.query(
      `UPDATE notification SET read_at = now()
        WHERE member_id = $1 AND read_at IS NULL AND ($2::text[] IS NULL OR id::text = ANY($2::text[]))
        RETURNING id`,
      [viewer.id, ids ?? null],
    );
    return changed;
  }

  @Subscription(() => Notification, {
    topics: 'NOTIFICATION_ADDED',
    topicId: ({ context }: { context: ForumContext }) => requireViewer(context).id,
    description: "The signed-in member's new notifications, live",
  })
  notificationAdded(@Root() event: NotificationEvent, @Ctx() context: ForumContext): Notification {
    context.renewLoaders();
    const notification = Object.assign(new Notification(), event.notification);
    notification.createdAt = new Date(notification.createdAt);
    return notification;
  }

  @FieldResolver(() => String, { description: 'Where this notification is in the list (for after:)' })
  cursor(@Root() notification: Notification) {
    return notificationCursor(notification);
  }

  @FieldResolver(() => Member, { nullable: true, description: 'Who caused it' })
  actor(@Root() notification: Notification, @Ctx() context: ForumContext) {
    return notification.actorId ? context.loaders.member.load(notification.actorId) : null;
  }

  @FieldResolver(() => Thread, { nullable: true, description: 'The thread it is about' })
  thread(@Root() notification: Notification, @Ctx() context: ForumContext) {
    return notification.threadId ? context.loaders.thread.load(notification.threadId) : null;
  }

  @FieldResolver(() => Post, { nullable: true, description: 'The post it is about' })
  post(@Root() notification: Notification, @Ctx() context: ForumContext) {
    return notification.postId ? context.loaders.post.load(notification.postId) : null;
  }
}
