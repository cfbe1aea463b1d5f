import type { DataSource } from 'typeorm';
import type { MailConfig } from '../config.js';
import { frequencySql } from '../notification/notification-settings.js';
import { itemsOf, NOTIFICATION_ROWS, type NotificationRow } from './compose.js';
import { enqueueMail, type OutboxOptions } from './outbox.js';
import type { MailLocale } from './templates.js';

export type DigestPeriod = 'DAILY' | 'WEEKLY';

const COLUMN: Record<DigestPeriod, string> = {
  DAILY: 'last_daily_digest_at',
  WEEKLY: 'last_weekly_digest_at',
};
/** A digest is due this long after the last one (a little less than the period, so a daily run at a fixed hour always finds it due). */
const DUE_AFTER: Record<DigestPeriod, string> = { DAILY: '20 hours', WEEKLY: '6 days 20 hours' };
const MAX_ITEMS = 20;
const BATCH = 200;

export interface DigestRun {
  members: number;
  digests: number;
}

/**
 * Writes the due digests to the outbox. A member's digest holds what happened since the later of the last
 * digest, the last visit and the registration — in the threads, categories, cities, fields of action and
 * projects they follow, and what concerns them — for the kinds they chose that period for; most active
 * first. A member who visited after all of it gets nothing (the digest would be empty, and empty digests are
 * not sent). Each member is handled in a transaction that takes the member's row with SKIP LOCKED, so two
 * replicas (or the script beside a forum) never write one digest twice.
 */
export async function queueDueDigests(
  dataSource: DataSource,
  options: { outbox: OutboxOptions; mail: Pick<MailConfig, 'websiteUrl'> },
): Promise<DigestRun> {
  const run: DigestRun = { members: 0, digests: 0 };
  for (const period of ['DAILY', 'WEEKLY'] as const) {
    const column = COLUMN[period];
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      // Members who are due and have something of this period waiting (keyset pages by id).
      const due: { id: string }[] = await dataSource.query(
        `SELECT m.id FROM member m
          WHERE m.id > $1 AND m.email_verified_at IS NOT NULL
            AND (m.${column} IS NULL OR m.${column} < now() - interval '${DUE_AFTER[period]}')
            AND NOT EXISTS (SELECT 1 FROM undeliverable_address u WHERE u.address = lower(m.email))
            AND EXISTS (
              SELECT 1 FROM notification n
               WHERE n.member_id = m.id AND n.mailed_at IS NULL AND n.read_at IS NULL
                 AND n.created_at > greatest(m.${column}, m.last_seen_at, m.created_at)
                 AND ${frequencySql('m.id', 'n.kind')} = $2)
          ORDER BY m.id LIMIT ${BATCH}`,
        [after, period],
      );
      if (due.length === 0) break;
      after = due.at(-1)!.id;
      for (const { id } of due) {
        run.members++;
        if (await queueDigest(dataSource, options, id, period)) run.digests++;
      }
      if (due.length < BATCH) break;
    }
  }
  return run;
}

async function queueDigest(
  dataSource: DataSource,
  options: { outbox: OutboxOptions; mail: Pick<MailConfig, 'websiteUrl'> },
  memberId: string,
  period: DigestPeriod,
): Promise<boolean> {
  const column = COLUMN[period];
  return dataSource.transaction(async (tx) => {
    const [member] = await tx.query(
      `SELECT id, email, locale, greatest(${column}, last_seen_at, created_at) AS since
         FROM member WHERE id = $1 AND (${column} IS NULL OR ${column} < now() - interval '${DUE_AFTER[period]}')
         FOR UPDATE SKIP LOCKED`,
      [memberId],
    );
    if (!member) return false;
    const rows: NotificationRow[] = await tx.query(
      `${NOTIFICATION_ROWS}
        WHERE n.member_id = $1 AND n.mailed_at IS NULL AND n.read_at IS NULL AND n.created_at > $2
          AND ${frequencySql('n.member_id', 'n.kind')} = $3
        ORDER BY n.seq`,
      [memberId, member.since, period],
    );
    if (rows.length === 0) return false;
    const items = itemsOf(rows, member.locale as MailLocale, options.mail.websiteUrl).slice(0, MAX_ITEMS);
    await enqueueMail(tx, options.outbox, {
      to: member.email,
      memberId,
      template: 'DIGEST',
      payload: { items, period },
      groupKey: `digest:${period}:${memberId}`,
    });
    await tx.query('UPDATE notification SET mailed_at = now() WHERE id = ANY($1::uuid[])', [
      rows.map((r) => r.id),
    ]);
    await tx.query(`UPDATE member SET ${column} = now() WHERE id = $1`, [memberId]);
    return true;
  });
}
