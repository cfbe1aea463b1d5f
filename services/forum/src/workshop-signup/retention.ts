import type { DataSource } from 'typeorm';
import type { Log } from '../log.js';
import type { WorkshopSettingsSource } from './workshop-settings.js';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Participants' data is kept only as long as the workshop needs it: `retentionDays` after its end, each
 * registration loses its member, name and answers (the counts stay). The end is asked of the CMS again first,
 * in case editors moved the workshop; a workshop the CMS no longer publishes is taken as it was last seen.
 */
export async function anonymiseOldRegistrations(
  dataSource: DataSource,
  settingsSource: WorkshopSettingsSource,
  retentionDays: number,
  now = new Date(),
): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const due: { workshop_id: string }[] = await dataSource.query(
    `SELECT workshop_id FROM workshop_signup WHERE anonymised_at IS NULL AND ends_at < $1`,
    [cutoff],
  );
  if (due.length === 0) return 0;
  const ids = due.map((row) => row.workshop_id);
  const settings = await settingsSource.loadMany(ids);
  let anonymised = 0;
  for (const [index, workshopId] of ids.entries()) {
    const current = settings[index];
    const endsAt = current ? (current.endsAt ?? current.startsAt) : undefined;
    if (endsAt && endsAt >= cutoff) {
      await dataSource.query('UPDATE workshop_signup SET ends_at = $2 WHERE workshop_id = $1', [
        workshopId,
        endsAt,
      ]);
      continue;
    }
    await dataSource.transaction(async (tx) => {
      const [, count]: [unknown, number] = await tx.query(
        `UPDATE workshop_registration SET member_id = NULL, answers = '{}', updated_at = now()
          WHERE workshop_id = $1 AND (member_id IS NOT NULL OR answers <> '{}')`,
        [workshopId],
      );
      await tx.query('UPDATE workshop_signup SET anonymised_at = now() WHERE workshop_id = $1', [workshopId]);
      anonymised += count;
    });
  }
  return anonymised;
}

/** Runs the anonymisation at start and then hourly; a failed round (the CMS away) is tried again next hour. */
export function scheduleRetention(
  run: () => Promise<number>,
  log: Log,
  intervalMs = 3600 * 1000,
): { stop(): void } {
  const once = () =>
    run()
      .then((count) => {
        if (count > 0) log.info({ count }, 'workshop registrations anonymised after their retention period');
      })
      .catch((error: Error) =>
        log.warn({ error: error.message }, 'anonymising old workshop registrations failed'),
      );
  const first = setTimeout(once, 10_000);
  const timer = setInterval(once, intervalMs);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
