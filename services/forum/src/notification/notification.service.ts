import type { EntityManager } from 'typeorm';
import { enqueueNotificationMails, type OutboxOptions } from '../mail/outbox.js';
import { Notification, NotificationKind } from './notification.entity.js';

export interface NotificationSubject {
  actorId: string | null;
  threadId?: string | null;
  postId?: string | null;
  cmsType?: 'Project' | 'Workshop' | null;
  cmsDocumentId?: string | null;
  conversationId?: string | null;
}

/**
 * Inserts one notification per recipient in a single statement and returns them. In the same transaction,
 * members who want this kind of news immediately get (or join) a pending mail in the outbox.
 */
export async function notifyMembers(
  tx: EntityManager,
  recipients: [memberId: string, kind: NotificationKind][],
  about: NotificationSubject,
  mail: OutboxOptions,
): Promise<Notification[]> {
  if (recipients.length === 0) return [];
  const rows: Record<string, unknown>[] = await tx.query(
    `INSERT INTO notification (member_id, kind, actor_id, thread_id, post_id, cms_type, cms_document_id, conversation_id)
     SELECT r.member_id, r.kind, $3, $4, $5, $6, $7, $8 FROM unnest($1::uuid[], $2::text[]) AS r(member_id, kind)
     RETURNING id, seq, member_id, kind, actor_id, thread_id, post_id, cms_type, cms_document_id, conversation_id,
       read_at, created_at`,
    [
      recipients.map(([id]) => id),
      recipients.map(([, kind]) => kind),
      about.actorId,
      about.threadId ?? null,
      about.postId ?? null,
      about.cmsType ?? null,
      about.cmsDocumentId ?? null,
      about.conversationId ?? null,
    ],
  );
  const notifications = rows.map((row) =>
    Object.assign(new Notification(), {
      id: row['id'],
      seq: String(row['seq']),
      memberId: row['member_id'],
      kind: row['kind'],
      actorId: row['actor_id'],
      threadId: row['thread_id'],
      postId: row['post_id'],
      cmsType: row['cms_type'],
      cmsDocumentId: row['cms_document_id'],
      conversationId: row['conversation_id'],
      readAt: row['read_at'] ? new Date(row['read_at'] as string) : null,
      mailedAt: null,
      createdAt: new Date(row['created_at'] as string),
    }),
  );
  await enqueueNotificationMails(tx, mail, notifications);
  return notifications;
}

export { NotificationKind };
