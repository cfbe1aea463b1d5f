import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { MailFrequency, NotificationSettingKind } from '../notification/notification-settings.js';

/**
 * Signed unsubscribe tokens: `<payload>.<HMAC-SHA256>`, payload = base64url JSON `{ m: memberId, s: scope }`.
 * The scope is what the mail was about: setting kinds (`REPLY,MENTION`) or a digest (`DIGEST:WEEKLY`). They
 * carry no expiry: a link in an old mail must still work (RFC 8058), and it can only turn mail off.
 */
export interface UnsubscribeSigner {
  sign(memberId: string, scope: string): string;
  verify(token: string): { memberId: string; scope: string } | null;
}

export function createUnsubscribeSigner(key: Buffer): UnsubscribeSigner {
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');
  return {
    sign(memberId, scope) {
      const payload = Buffer.from(JSON.stringify({ m: memberId, s: scope })).toString('base64url');
      return `${payload}.${mac(payload)}`;
    },
    verify(token) {
      const [payload, signature, extra] = token.split('.');
      if (!payload || !signature || extra !== undefined || token.length > 1000) return null;
      const expected = Buffer.from(mac(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      try {
        const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
          m?: unknown;
          s?: unknown;
        };
        if (typeof parsed.m !== 'string' || typeof parsed.s !== 'string') return null;
        return { memberId: parsed.m, scope: parsed.s };
      } catch {
        return null;
      }
    },
  };
}

export const unsubscribeUrl = (websiteUrl: string, token: string) =>
  `${websiteUrl}/e-mail/abbestellen/${encodeURIComponent(token)}`;

/**
 * Turns off the mails a token names; the same token twice changes nothing more. Returns the setting kinds
 * now at NEVER, or null for a token that is not ours (or whose member is gone).
 */
export async function applyUnsubscribe(
  dataSource: DataSource,
  signer: UnsubscribeSigner,
  token: string,
): Promise<NotificationSettingKind[] | null> {
  const claims = signer.verify(token);
  if (!claims) return null;
  const [member] = await dataSource.query('SELECT id FROM member WHERE id::text = $1', [claims.memberId]);
  if (!member) return null;
  const all = Object.values(NotificationSettingKind);
  let kinds: NotificationSettingKind[];
  const digest = /^DIGEST:(DAILY|WEEKLY)$/.exec(claims.scope);
  if (digest) {
    const rows: { kind: string; frequency: string }[] = await dataSource.query(
      'SELECT kind, frequency FROM notification_setting WHERE member_id = $1',
      [member.id],
    );
    const chosen = new Map(rows.map((row) => [row.kind, row.frequency]));
    kinds = all.filter((kind) => (chosen.get(kind) ?? MailFrequency.WEEKLY) === digest[1]);
  } else {
    kinds = claims.scope
      .split(',')
      .filter((kind): kind is NotificationSettingKind => all.includes(kind as NotificationSettingKind));
  }
  if (kinds.length > 0) {
    await dataSource.query(
      `INSERT INTO notification_setting (member_id, kind, frequency)
       SELECT $1, kind, 'NEVER' FROM unnest($2::text[]) AS kind
       ON CONFLICT (member_id, kind) DO UPDATE SET frequency = 'NEVER'`,
      [member.id, kinds],
    );
  }
  return kinds;
}
