/**
 * Workshops happen in Germany: every date and time an editor or a seed writes means the clock in Berlin. Strapi
 * stores a datetime as an instant (UTC); these helpers turn a Berlin wall-clock time into that instant, with the
 * summer-time change taken into account, without relying on the server's own time zone.
 */
export const TIME_ZONE = 'Europe/Berlin';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** What the clock in Berlin shows at `instant`, as milliseconds of the same wall-clock time read as UTC. */
function wallClock(instant: number): number {
  const field = Object.fromEntries(parts.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return Date.UTC(
    Number(field.year),
    Number(field.month) - 1,
    Number(field.day),
    Number(field.hour),
    Number(field.minute),
    Number(field.second),
  );
}

/** Berlin's offset from UTC at `instant`, in milliseconds (+1 h in winter, +2 h in summer). */
export function berlinOffset(instant: number): number {
  return wallClock(instant) - Math.floor(instant / 1000) * 1000;
}

/** The instant (ISO, UTC) at which the clock in Berlin shows `date` (YYYY-MM-DD) `time` (HH:MM). */
export function berlinTime(date: string, time: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const clock = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match || !clock) throw new Error(`not a date and time: ${date} ${time}`);
  const asUtc = Date.UTC(
    Number(match[1]),
    Number(match[2]) - 1,
    Number(match[3]),
    Number(clock[1]),
    Number(clock[2]),
  );
  // The offset at the guessed instant, then once more at the corrected one (a guess across the change is 1 h off).
  let instant = asUtc - berlinOffset(asUtc);
  instant = asUtc - berlinOffset(instant);
  return new Date(instant).toISOString();
}

/** The calendar day in Berlin (YYYY-MM-DD) `days` days after `from`. */
export function berlinDate(from: Date, days = 0): string {
  return new Date(wallClock(from.getTime() + days * 86_400_000)).toISOString().slice(0, 10);
}

/** The clock time in Berlin (HH:MM) at `iso`. */
export function berlinClock(iso: string): string {
  return new Date(wallClock(new Date(iso).getTime())).toISOString().slice(11, 16);
}
