import type { EntityManager } from 'typeorm';
import { Notification, NotificationKind } from './notification.entity.js';

/** Inserts one notification per recipient in a single statement and returns them. */
export async function notifyMembers(
  tx: EntityManager,
  recipients: [memberId: string, kind: NotificationKind][],
  about: { actorId: string | null; threadId: string | null; postId: string | null },
): Promise<Notification[]> {
  if (recipients.length === 0) return [];
  const rows: Record<string, unknown>[] = await tx.query(
    `INSERT INTO notification (member_id, kind, actor_id, thread_id, post_id)
     SELECT r.member_id, r.kind, $3, $4, $5 FROM unnest($1::uuid[], $2::text[]) AS r(member_id, kind)
     RETURNING id, seq, member_id, kind, actor_id, thread_id, post_id, read_at, created_at`,
    [
      recipients.map(([id]) => id),
      recipients.map(([, kind]) => kind),
      about.actorId,
      about.threadId,
      about.postId,
    ],
  );
  return rows.map((row) =>
    Object.assign(new Notification(), {
      id: row['id'],
      seq: String(row['seq']),
      memberId: row['member_id'],
      kind: row['kind'],
      actorId: row['actor_id'],
      threadId: row['thread_id'],
      postId: row['post_id'],
      readAt: row['read_at'] ? new Date(row['read_at'] as string) : null,
      createdAt: new Date(row['created_at'] as string),
    }),
  );
}

export { NotificationKind };
