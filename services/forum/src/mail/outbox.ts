import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Notification } from '../notification/notification.entity.js';
import { frequencySql } from '../notification/notification-settings.js';
import type { TemplateData, TemplateKind } from './templates.js';

/** What writers of the outbox need to know: how long to collect, and the domain of Message-IDs. */
export interface OutboxOptions {
  collectSeconds: number;
  messageDomain: string;
}

export interface MailToEnqueue<K extends TemplateKind = TemplateKind> {
  to: string;
  memberId: string | null;
  template: K;
  /** What the template needs (NOTIFICATION mails gather theirs when they are sent). */
  payload: Partial<TemplateData[K]> & Record<string, unknown>;
  /** Holds a secret (a token link): its content is erased once the mail went out. */
  sensitive?: boolean;
  /** One pending mail per group key; a second enqueue with the key joins the first. */
  groupKey?: string;
  /** Not before this many seconds from now. */
  delaySeconds?: number;
}

export const newMessageId = (domain: string) => `<${randomUUID()}@${domain}>`;

/**
 * Writes a mail to the outbox inside the caller's transaction: it goes if and only if the transaction
 * commits. Addresses that bounced for good get nothing. Returns whether a mail was written.
 */
export async function enqueueMail(
  tx: EntityManager,
  options: OutboxOptions,
  mail: MailToEnqueue,
): Promise<boolean> {
  const rows: unknown[] = await tx.query(
    `INSERT INTO mail_outbox (recipient, member_id, template, payload, sensitive, group_key, next_attempt_at, message_id)
     SELECT $1, $2, $3, $4::jsonb, $5, $6, now() + make_interval(secs => $7), $8
      WHERE NOT EXISTS (SELECT 1 FROM undeliverable_address WHERE address = lower($1))
     ON CONFLICT (group_key) WHERE status = 'PENDING' DO NOTHING
     RETURNING id`,
    [
      mail.to,
      mail.memberId,
      mail.template,
      JSON.stringify(mail.payload),
      mail.sensitive ?? false,
      mail.groupKey ?? null,
      mail.delaySeconds ?? 0,
      newMessageId(options.messageDomain),
    ],
  );
  return rows.length > 0;
}

/** The group a notification's mail belongs to: one mail per member and thread (or conversation, or document). */
export function subjectKeyOf(
  notification: Pick<Notification, 'threadId' | 'conversationId' | 'cmsType' | 'cmsDocumentId'>,
): string {
  if (notification.threadId) return `thread:${notification.threadId}`;
  if (notification.conversationId) return `conversation:${notification.conversationId}`;
  return `cms:${notification.cmsType}:${notification.cmsDocumentId}`;
}

/**
 * For each new notification whose recipient wants its kind immediately (and whose address is verified and
 * deliverable): a pending NOTIFICATION mail, due after the collecting delay. Notifications that come while
 * it waits join it (same group key), so a busy thread is one mail.
 */
export async function enqueueNotificationMails(
  tx: EntityManager,
  options: OutboxOptions,
  notifications: Notification[],
): Promise<void> {
  if (notifications.length === 0) return;
  await tx.query(
    `INSERT INTO mail_outbox (recipient, member_id, template, payload, group_key, next_attempt_at, message_id)
     SELECT m.email, m.id, 'NOTIFICATION', jsonb_build_object('subject', n.subject_key),
            'notify:' || m.id || ':' || n.subject_key, now() + make_interval(secs => $4),
            '<' || gen_random_uuid() || '@' || $5 || '>'
       FROM (SELECT DISTINCT * FROM unnest($1::uuid[], $2::text[], $3::text[]) AS x(member_id, kind, subject_key)) n
       JOIN member m ON m.id = n.member_id
      WHERE ${frequencySql('m.id', 'n.kind')} = 'IMMEDIATELY'
        AND m.email_verified_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM undeliverable_address u WHERE u.address = lower(m.email))
     ON CONFLICT (group_key) WHERE status = 'PENDING' DO NOTHING`,
    [
      notifications.map((n) => n.memberId),
      notifications.map((n) => n.kind),
      notifications.map(subjectKeyOf),
      options.collectSeconds,
      options.messageDomain,
    ],
  );
}
