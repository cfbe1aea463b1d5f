import type { DataSource } from 'typeorm';
import type { MailConfig } from '../config.js';
import type { Log } from '../log.js';
import type { OutboxOptions } from '../mail/outbox.js';
import { enqueueWorkshopMail } from './signup-mails.js';
import { invitationFingerprint } from './signup.service.js';
import type { WorkshopSettings, WorkshopSettingsSource } from './workshop-settings.js';

const DAY_MS = 24 * 3600 * 1000;

interface Deps {
  dataSource: DataSource;
  settings: WorkshopSettingsSource;
  outbox: OutboxOptions;
  mail: Pick<MailConfig, 'from' | 'websiteUrl'>;
}

/**
 * For every upcoming workshop with confirmed members: when editors moved it (start, end or venue differ from
 * what the invitations carry), each confirmed member gets an updated invitation (`SEQUENCE` + 1); within a day
 * of its start, each gets one reminder. Safe on several replicas: the workshop's row is locked and the
 * fingerprint checked again inside the transaction; reminders are claimed with SKIP LOCKED.
 * A workshop the CMS no longer publishes is left alone (an editor may unpublish for a moment).
 */
export async function syncInvitations(
  deps: Deps,
  now = new Date(),
): Promise<{ updated: number; reminded: number; calledOff: number }> {
  const rows: { workshop_id: string }[] = await deps.dataSource.query(
    `SELECT s.workshop_id FROM workshop_signup s
      WHERE (s.starts_at IS NULL OR s.starts_at > $1)
        AND EXISTS (SELECT 1 FROM workshop_registration r WHERE r.workshop_id = s.workshop_id AND r.status <> 'CANCELLED')`,
    [now],
  );
  if (rows.length === 0) return { updated: 0, reminded: 0, calledOff: 0 };
  const ids = rows.map((row) => row.workshop_id);
  const all = await deps.settings.loadMany(ids);
  let updated = 0;
  let reminded = 0;
  let calledOff = 0;
  for (const settings of all) {
    if (!settings?.startsAt) continue;
    if (settings.cancelled) {
      calledOff += await callOff(deps, settings);
      continue;
    }
    const fingerprint = invitationFingerprint(settings);
    updated += await deps.dataSource.transaction(async (tx) => {
      const [signup]: { invited_fingerprint: string | null }[] = await tx.query(
        'SELECT invited_fingerprint FROM workshop_signup WHERE workshop_id = $1 FOR UPDATE',
        [settings.documentId],
      );
      if (!signup || signup.invited_fingerprint === fingerprint) return 0;
      await tx.query(
        `UPDATE workshop_signup SET invited_fingerprint = $2, starts_at = $3, ends_at = $4 WHERE workshop_id = $1`,
        [settings.documentId, fingerprint, settings.startsAt, settings.endsAt ?? settings.startsAt],
      );
      // The first sync after an upgrade has no fingerprint yet: it records, and sends nothing.
      if (signup.invited_fingerprint === null) return 0;
      const [confirmed]: [Record<string, unknown>[], number] = await tx.query(
        `UPDATE workshop_registration SET invitation_sequence = invitation_sequence + 1, updated_at = now()
          WHERE workshop_id = $1 AND status = 'CONFIRMED'
          RETURNING id, workshop_id, member_id, status, invitation_sequence`,
        [settings.documentId],
      );
      for (const row of confirmed) {
        await enqueueWorkshopMail(tx, deps, settings, registrationOf(row), 'UPDATED', {
          calendar: 'REQUEST',
        });
      }
      return confirmed.length;
    });
    if (settings.startsAt.getTime() - now.getTime() > DAY_MS) continue;
    reminded += await deps.dataSource.transaction(async (tx) => {
      const due: Record<string, unknown>[] = await tx.query(
        `SELECT id, workshop_id, member_id, status, invitation_sequence FROM workshop_registration
          WHERE workshop_id = $1 AND status = 'CONFIRMED' AND reminded_at IS NULL
          FOR UPDATE SKIP LOCKED`,
        [settings.documentId],
      );
      for (const row of due) {
        await enqueueWorkshopMail(tx, deps, settings, registrationOf(row), 'REMINDER', { calendar: null });
      }
      if (due.length > 0) {
        await tx.query('UPDATE workshop_registration SET reminded_at = now() WHERE id = ANY($1::uuid[])', [
          due.map((row) => row['id']),
        ]);
      }
      return due.length;
    });
  }
  return { updated, reminded, calledOff };
}

/**
 * Editors called the workshop off: every registration still standing is cancelled, and each member hears of it —
 * those with a seat with the cancellation for their calendar (`METHOD:CANCEL`).
 */
async function callOff(deps: Deps, settings: WorkshopSettings): Promise<number> {
  return deps.dataSource.transaction(async (tx) => {
    await tx.query('SELECT 1 FROM workshop_signup WHERE workshop_id = $1 FOR UPDATE', [settings.documentId]);
    const [rows]: [Record<string, unknown>[], number] = await tx.query(
      `UPDATE workshop_registration r SET status = 'CANCELLED', invitation_sequence = invitation_sequence + 1, updated_at = now()
         FROM (SELECT id, status AS before FROM workshop_registration
                WHERE workshop_id = $1 AND status <> 'CANCELLED' FOR UPDATE) old
        WHERE r.id = old.id
        RETURNING r.id, r.workshop_id, r.member_id, r.invitation_sequence, old.before`,
      [settings.documentId],
    );
    for (const row of rows) {
      await enqueueWorkshopMail(
        tx,
        deps,
        settings,
        { ...registrationOf(row), status: 'CANCELLED' },
        'WORKSHOP_CANCELLED',
        { calendar: row['before'] === 'CONFIRMED' ? 'CANCEL' : null, workshopCancelled: true },
      );
    }
    return rows.length;
  });
}

function registrationOf(row: Record<string, unknown>) {
  return {
    id: row['id'] as string,
    workshopId: row['workshop_id'] as string,
    memberId: (row['member_id'] as string | null) ?? null,
    status: 'CONFIRMED' as const,
    invitationSequence: Number(row['invitation_sequence']),
  };
}

/** Every few minutes; a failed round (the CMS away) is tried again at the next. */
export function scheduleInvitationSync(
  run: () => Promise<{ updated: number; reminded: number; calledOff: number }>,
  log: Log,
  intervalMs = 5 * 60 * 1000,
): { stop(): void } {
  const once = () =>
    run()
      .then(({ updated, reminded }) => {
        if (updated + reminded > 0)
          log.info({ updated, reminded }, 'workshop invitations updated, reminders sent');
      })
      .catch((error: Error) => log.warn({ error: error.message }, 'syncing workshop invitations failed'));
  const timer = setInterval(once, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
