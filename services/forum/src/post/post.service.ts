import type { EntityManager } from 'typeorm';
import { clientError, notFound } from '../common/errors.js';
import type { ForumContext } from '../context.js';
import type { ForumPubSub } from '../live/pubsub.js';
import { publishThreadActivity } from '../live/thread-events.js';
import { renderMemberMarkdown } from '../markdown/render-markdown.js';
import { Member } from '../member/member.entity.js';
import { Notification, NotificationKind } from '../notification/notification.entity.js';
import { notifyMembers } from '../notification/notification.service.js';
import { Thread } from '../thread/thread.entity.js';
import { Post } from './post.entity.js';
import type { OutboxOptions } from '../mail/outbox.js';

export interface WrittenPost {
  post: Post;
  thread: Thread;
  notifications: Notification[];
  /** The same form (clientId) had already written this post: nothing new was written or is to be told. */
  repeated?: boolean;
}

/** The post this member wrote with this form before, if any (see AddPostInput.clientId). */
export async function postWithClientId(
  tx: EntityManager,
  authorId: string,
  clientId: string | null | undefined,
) {
  if (!clientId) return null;
  return tx.getRepository(Post).findOneBy({ authorId, clientId });
}

/**
 * Writes a post inside the caller's transaction: the post, the thread's counters, the author's follow, and
 * the notifications for the people it concerns. Publishing happens after commit (see `publishPost`).
 */
export async function writePost(
  tx: EntityManager,
  author: Pick<Member, 'id'>,
  thread: Thread,
  body: string,
  replyToId: string | null,
  mail: OutboxOptions,
  clientId: string | null = null,
): Promise<WrittenPost> {
  // Sent twice: the thread row is locked by the caller, so the second one waits and finds the first.
  const earlier = await postWithClientId(tx, author.id, clientId);
  if (earlier) {
    if (earlier.threadId !== thread.id) {
      throw clientError('BAD_USER_INPUT', 'clientId: already used for a post in another thread', {
        field: 'clientId',
        reason: 'used',
      });
    }
    return { post: earlier, thread, notifications: [], repeated: true };
  }
  if (replyToId) {
    const replyTo = await tx.getRepository(Post).findOneBy({ id: replyToId });
    if (!replyTo || replyTo.threadId !== thread.id) {
      throw clientError('BAD_USER_INPUT', 'replyToId: the post answered must be in the same thread', {
        field: 'replyToId',
        reason: 'not in thread',
      });
    }
  }
  const rendered = await renderMemberMarkdown(tx, body);
  const [inserted] = (
    await tx
      .createQueryBuilder()
      .insert()
      .into(Post)
      .values({
        threadId: thread.id,
        authorId: author.id,
        body,
        bodyHtml: rendered.html,
        replyToId,
        clientId,
      })
      .returning('*')
      .execute()
  ).raw as Record<string, unknown>[];
  const post = tx.getRepository(Post).create(rowToPost(inserted!));

  await tx.query(
    `UPDATE thread SET post_count = post_count + 1, last_post_id = $2, last_activity_at = $3 WHERE id = $1`,
    [thread.id, post.id, post.createdAt],
  );
  await tx.query(
    `INSERT INTO follow (member_id, target_type, target_id) VALUES ($1, 'THREAD', $2) ON CONFLICT DO NOTHING`,
    [author.id, thread.id],
  );

  // Who hears of it: the author answered, those mentioned, then everyone following the thread — each once.
  const recipients = new Map<string, NotificationKind>();
  if (replyToId) {
    const [replied] = await tx.query('SELECT author_id FROM post WHERE id = $1', [replyToId]);
    if (replied) recipients.set(replied.author_id, NotificationKind.REPLY);
  }
  for (const id of rendered.mentionedIds)
    if (!recipients.has(id)) recipients.set(id, NotificationKind.MENTION);
  const followers: { member_id: string }[] = await tx.query(
    `SELECT member_id FROM follow WHERE target_type = 'THREAD' AND target_id = $1`,
    [thread.id],
  );
  for (const { member_id } of followers) {
    if (!recipients.has(member_id)) recipients.set(member_id, NotificationKind.THREAD_POST);
  }
  recipients.delete(author.id);
  const notifications = await notifyMembers(
    tx,
    [...recipients],
    { actorId: author.id, threadId: thread.id, postId: post.id },
    mail,
  );
  return {
    post,
    thread: {
      ...thread,
      postCount: thread.postCount + 1,
      lastPostId: post.id,
      lastActivityAt: post.createdAt,
    },
    notifications,
  };
}

/** Locks the thread row for the length of the transaction, so counters stay right under concurrent posts. */
export async function lockThreadForPosting(tx: EntityManager, threadId: string, context: ForumContext) {
  const thread = await tx
    .getRepository(Thread)
    .createQueryBuilder('thread')
    .setLock('pessimistic_write')
    .where('thread.id = :threadId', { threadId })
    .getOne();
  if (!thread || (thread.hidden && !(await context.isModerator()))) throw notFound('Thread');
  if (thread.locked) {
    throw clientError('FORBIDDEN', 'This thread is locked and takes no new posts', {
      reason: 'THREAD_LOCKED',
    });
  }
  return thread;
}

/** Publishes a committed post to its thread's subscribers, its category's watchers and the notified. */
export function publishPost(
  pubSub: ForumPubSub,
  written: WrittenPost,
  author: Member,
  activity: 'CREATED' | 'POSTED',
) {
  const { post, thread, notifications } = written;
  if (written.repeated) return;
  const { email: _email, passwordHash: _hash, ...publicAuthor } = author;
  pubSub.publish('POST_ADDED', thread.id, { post: toJson(post), author: toJson(publicAuthor) });
  publishThreadActivity(pubSub, thread, activity);
  for (const notification of notifications) {
    pubSub.publish('NOTIFICATION_ADDED', notification.memberId, { notification: toJson(notification) });
  }
}

const toJson = (value: object) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

const snakeToCamel = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** A `RETURNING *` row (snake_case, as the driver gives it) as a Post. */
export function rowToPost(row: Record<string, unknown>): Partial<Post> {
  const post: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row))
    if (key !== 'search_vector' && key !== 'client_id') post[snakeToCamel(key)] = value;
  for (const key of ['createdAt', 'editedAt', 'deletedAt', 'hiddenAt']) {
    if (typeof post[key] === 'string') post[key] = new Date(post[key] as string);
  }
  if (post['seq'] !== undefined && post['seq'] !== null) post['seq'] = String(post['seq']);
  return post as Partial<Post>;
}

/** A post as carried by a live event (JSON), back as a Post with its author attached. */
export function postFromEvent(event: { post: Record<string, unknown>; author: Record<string, unknown> }) {
  const post = Object.assign(new Post(), rowToPost(event.post)) as Post & { preloadedAuthor?: Member };
  const author = Object.assign(new Member(), event.author);
  author.createdAt = new Date(author.createdAt);
  post.preloadedAuthor = author;
  return post;
}
