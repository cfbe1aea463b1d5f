import type { EntityManager } from 'typeorm';
import type { MailConfig } from '../config.js';
import { NotificationKind } from '../notification/notification.entity.js';
import { KINDS_OF, NotificationSettingKind, frequencySql } from '../notification/notification-settings.js';
import {
  renderMail,
  type MailItem,
  type MailLocale,
  type TemplateData,
  type TemplateKind,
} from './templates.js';
import { newMessageId } from './outbox.js';
import type { OutgoingMail } from './transport.js';
import { unsubscribeUrl, type UnsubscribeSigner } from './unsubscribe.js';

/** A mail the worker claimed from the outbox. */
export interface OutboxRow {
  id: string;
  recipient: string;
  member_id: string | null;
  template: TemplateKind;
  payload: Record<string, unknown>;
  group_key: string | null;
  attempts: number;
  message_id: string;
}

export interface Composed {
  mail: OutgoingMail;
  /** Runs in the transaction that marks the mail sent (notifications marked as mailed). */
  afterSent?: (tx: EntityManager) => Promise<void>;
}

export interface ComposeDeps {
  config: MailConfig;
  signer: UnsubscribeSigner;
  messageDomain: string;
}

const excerpt = (text: string, length = 160) => {
  const plain = text
    .replace(/[#>*_`~[\]()!]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > length ? `${plain.slice(0, length - 1)}…` : plain;
};

const WHAT: Record<MailLocale, Partial<Record<NotificationKind, string>>> = {
  de: {
    REPLY: 'antwortete Ihnen',
    MENTION: 'erwähnte Sie',
    THREAD_POST: 'schrieb',
    CATEGORY_THREAD: 'eröffnete das Thema',
    PROJECT_THREAD: 'eröffnete eine Diskussion zum Projekt',
    SOLUTION: 'markierte Ihren Beitrag als Lösung',
    DIRECT_MESSAGE: 'schrieb Ihnen',
    NEW_PROJECT: 'Neues Projekt',
    NEW_WORKSHOP: 'Neuer Workshop',
  },
  en: {
    REPLY: 'replied to you',
    MENTION: 'mentioned you',
    THREAD_POST: 'wrote',
    CATEGORY_THREAD: 'opened the thread',
    PROJECT_THREAD: 'opened a discussion about the project',
    SOLUTION: 'marked your post as the solution',
    DIRECT_MESSAGE: 'wrote to you',
    NEW_PROJECT: 'New project',
    NEW_WORKSHOP: 'New workshop',
  },
};

export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  thread_id: string | null;
  conversation_id: string | null;
  cms_type: string | null;
  cms_document_id: string | null;
  title: string | null;
  actor: string | null;
  body: string | null;
  cms_title: string | null;
}

/** Notifications of one subject (thread, conversation, CMS document) as one mail item. */
export function itemsOf(rows: NotificationRow[], locale: MailLocale, websiteUrl: string): MailItem[] {
  const groups = new Map<string, NotificationRow[]>();
  for (const row of rows) {
    const key = row.thread_id ?? row.conversation_id ?? `${row.cms_type}:${row.cms_document_id}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const untitled = locale === 'de' ? 'Nachricht' : 'Message';
  const items = [...groups.values()].map((group): MailItem => {
    const first = group[0]!;
    const url = first.thread_id
      ? `${websiteUrl}/forum/thema/${first.thread_id}`
      : first.conversation_id
        ? `${websiteUrl}/nachrichten/${first.conversation_id}`
        : first.cms_type === 'Workshop'
          ? `${websiteUrl}/workshops/${first.cms_document_id}`
          : `${websiteUrl}/projekte/${first.cms_document_id}`;
    const title =
      first.title ??
      first.cms_title ??
      (first.conversation_id ? `${untitled}: ${first.actor ?? ''}`.trim() : (WHAT[locale][first.kind] ?? ''));
    const lines = group.slice(-5).map((row) => {
      const what = WHAT[locale][row.kind] ?? '';
      if (row.cms_document_id && !row.thread_id) return `${what}: ${row.cms_title ?? ''}`.trim();
      const head = row.actor ? `${row.actor} ${what}` : what;
      return row.body ? `${head}: „${excerpt(row.body)}“` : head;
    });
    return { title, url, lines, count: group.length };
  });
  // Most active first.
  return items.sort((a, b) => (b.count ?? 0) - (a.count ?? 0));
}

/** The notification rows a mail item is made of (without any address: only display names). */
export const NOTIFICATION_ROWS = `
  SELECT n.id, n.kind, n.thread_id, n.conversation_id, n.cms_type, n.cms_document_id,
         t.title, a.display_name AS actor, coalesce(p.body, msg.body) AS body, cms.title AS cms_title
    FROM notification n
    LEFT JOIN thread t ON t.id = n.thread_id
    LEFT JOIN member a ON a.id = n.actor_id
    LEFT JOIN post p ON p.id = n.post_id AND p.deleted_at IS NULL AND p.hidden_at IS NULL
    LEFT JOIN LATERAL (SELECT body FROM message WHERE conversation_id = n.conversation_id AND author_id = n.actor_id
                        ORDER BY created_at DESC LIMIT 1) msg ON n.conversation_id IS NOT NULL
    LEFT JOIN cms_title cms ON cms.cms_type = n.cms_type AND cms.document_id = n.cms_document_id`;

interface MemberRow {
  id: string;
  display_name: string;
  email: string;
  locale: MailLocale;
  email_verified_at: string | null;
}

/**
 * Renders a claimed outbox row into the mail that goes out, reading what the mail shows as it is now (a
 * member's language, a thread's title). Null: nothing to send any more (the notifications were read).
 */
export async function composeMail(
  tx: EntityManager,
  row: OutboxRow,
  deps: ComposeDeps,
): Promise<Composed | null> {
  const { config, signer } = deps;
  const [member]: (MemberRow | undefined)[] = row.member_id
    ? await tx.query('SELECT id, display_name, email, locale, email_verified_at FROM member WHERE id = $1', [
        row.member_id,
      ])
    : [];
  if (row.member_id && !member) return null;
  const locale: MailLocale = member?.locale ?? 'de';
  const name = member?.display_name ?? '';
  const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' };
  const settingsUrl = `${config.websiteUrl}/profil/benachrichtigungen`;
  const base = { to: row.recipient, messageId: row.message_id, headers };

  const withUnsubscribe = (scope: string) => {
    const url = unsubscribeUrl(config.websiteUrl, signer.sign(member!.id, scope));
    headers['List-Unsubscribe'] = `<${url}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    headers['List-Id'] = `Stadtnetz Integration <notifications.${deps.messageDomain}>`;
    return url;
  };

  if (row.template === 'NOTIFICATION') {
    if (!member || !member.email_verified_at) return null;
    const subject = String(row.payload['subject'] ?? '');
    const rows: NotificationRow[] = await tx.query(
      `${NOTIFICATION_ROWS}
        WHERE n.member_id = $1 AND n.mailed_at IS NULL AND n.read_at IS NULL
          AND ${frequencySql('n.member_id', 'n.kind')} = 'IMMEDIATELY'
          AND CASE WHEN n.thread_id IS NOT NULL THEN 'thread:' || n.thread_id
                   WHEN n.conversation_id IS NOT NULL THEN 'conversation:' || n.conversation_id
                   ELSE 'cms:' || n.cms_type || ':' || n.cms_document_id END = $2
        ORDER BY n.seq`,
      [member.id, subject],
    );
    if (rows.length === 0) return null;
    const kinds = [...new Set(rows.map((r) => r.kind))];
    const settingKinds = Object.values(NotificationSettingKind).filter((setting) =>
      KINDS_OF(setting).some((kind) => kinds.includes(kind)),
    );
    const unsubscribe = withUnsubscribe(settingKinds.join(','));
    const threadId = rows[0]!.thread_id;
    const rendered = renderMail(
      'NOTIFICATION',
      locale,
      { name, items: itemsOf(rows, locale, config.websiteUrl), settingsUrl },
      { unsubscribeUrl: unsubscribe },
    );
    const threadRoot = threadId ? `<thread-${threadId}@${deps.messageDomain}>` : undefined;
    return {
      mail: {
        ...base,
        ...rendered,
        ...(threadRoot ? { inReplyTo: threadRoot, references: [threadRoot] } : {}),
      },
      afterSent: async (sentTx) => {
        await sentTx.query('UPDATE notification SET mailed_at = now() WHERE id = ANY($1::uuid[])', [
          rows.map((r) => r.id),
        ]);
        // What came while this mail was being sent found it still pending and joined it: it gets the next one.
        await sentTx.query(
          `INSERT INTO mail_outbox (recipient, member_id, template, payload, group_key, next_attempt_at, message_id)
           SELECT $1, $2, 'NOTIFICATION', $3::jsonb, $4, now() + make_interval(secs => $5), $6
            WHERE EXISTS (
              SELECT 1 FROM notification n
               WHERE n.member_id = $2 AND n.mailed_at IS NULL AND n.read_at IS NULL
                 AND ${frequencySql('n.member_id', 'n.kind')} = 'IMMEDIATELY'
                 AND CASE WHEN n.thread_id IS NOT NULL THEN 'thread:' || n.thread_id
                          WHEN n.conversation_id IS NOT NULL THEN 'conversation:' || n.conversation_id
                          ELSE 'cms:' || n.cms_type || ':' || n.cms_document_id END = $7)
           ON CONFLICT (group_key) WHERE status = 'PENDING' DO NOTHING`,
          [
            row.recipient,
            member.id,
            JSON.stringify(row.payload),
            row.group_key,
            config.collectSeconds,
            newMessageId(deps.messageDomain),
            subject,
          ],
        );
      },
    };
  }

  if (row.template === 'DIGEST') {
    if (!member || !member.email_verified_at) return null;
    const payload = row.payload as unknown as TemplateData['DIGEST'];
    const unsubscribe = withUnsubscribe(`DIGEST:${payload.period}`);
    const rendered = renderMail(
      'DIGEST',
      locale,
      { ...payload, name, settingsUrl },
      { unsubscribeUrl: unsubscribe },
    );
    return { mail: { ...base, ...rendered } };
  }

  if (row.template === 'WORKSHOP') {
    // Workshop mails go to verified members only, as registering needs a verified address anyway.
    if (!member) return null;
    const payload = row.payload as unknown as WorkshopPayload;
    const rendered = renderMail('WORKSHOP', locale, {
      name,
      event: payload.event,
      title: payload.title,
      when: workshopWhen(locale, payload.startsAt, payload.endsAt),
      where: payload.where,
      url: payload.url,
      ...(payload.position ? { position: payload.position } : {}),
    });
    return {
      mail: {
        ...base,
        ...rendered,
        ...(payload.ics && payload.method
          ? { icalEvent: { method: payload.method, content: payload.ics } }
          : {}),
      },
    };
  }

  const data = { ...(row.payload as Record<string, unknown>), name } as never;
  return { mail: { ...base, ...renderMail(row.template, locale, data) } };
}

/** What the outbox keeps for a workshop mail (written by workshop-signup/signup-mails.ts). */
export interface WorkshopPayload {
  event: TemplateData['WORKSHOP']['event'];
  title: string;
  startsAt: string;
  endsAt: string | null;
  where: string;
  url: string;
  position?: number;
  ics?: string;
  method?: 'REQUEST' | 'CANCEL';
}

/** "Dienstag, 12. Januar 2027, 10:00–16:00 Uhr": Berlin's wall clock, in the member's language. */
export function workshopWhen(locale: MailLocale, startsAt: string, endsAt: string | null): string {
  const tag = locale === 'de' ? 'de-DE' : 'en-GB';
  const day = new Intl.DateTimeFormat(tag, {
    timeZone: 'Europe/Berlin',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(startsAt));
  const time = new Intl.DateTimeFormat(tag, {
    timeZone: 'Europe/Berlin',
    hour: '2-digit',
    minute: '2-digit',
  });
  const span = endsAt
    ? `${time.format(new Date(startsAt))}–${time.format(new Date(endsAt))}`
    : time.format(new Date(startsAt));
  return locale === 'de' ? `${day}, ${span} Uhr` : `${day}, ${span} (Berlin time)`;
}
