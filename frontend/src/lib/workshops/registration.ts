// Whether a workshop still takes registrations. An editor may leave "open" ticked after the deadline or after the
// day itself: what the page says must follow the calendar, not only the tick.
export interface RegistrationSettings {
  open?: boolean | null;
  deadline?: string | null;
}

export type RegistrationState = { open: true; until: string | null } | { open: false };

export function registrationState(
  workshop: { startsAt?: string | null; registration?: RegistrationSettings | null },
  now: Date = new Date(),
): RegistrationState {
  const settings = workshop.registration;
  if (!settings?.open) return { open: false };
  const time = now.getTime();
  if (workshop.startsAt && new Date(workshop.startsAt).getTime() <= time) return { open: false };
  if (settings.deadline && new Date(settings.deadline).getTime() < time) return { open: false };
  return { open: true, until: settings.deadline ?? null };
}

/** "PDF, 1,6 kB": a download's type and size (Strapi keeps sizes in kilobytes of 1000 bytes). */
export function fileFacts(
  file: { ext?: string | null; mime?: string | null; size?: number | null },
  locale: 'de' | 'en',
): string {
  const type = (file.ext?.replace(/^\./, '') || file.mime?.split('/')[1] || '').toUpperCase();
  const kilobytes = file.size ?? 0;
  const number = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    maximumFractionDigits: kilobytes >= 1000 ? 1 : kilobytes >= 10 ? 0 : 1,
  });
  const size = kilobytes >= 1000 ? `${number.format(kilobytes / 1000)} MB` : `${number.format(kilobytes)} kB`;
  return type ? `${type}, ${size}` : size;
}
