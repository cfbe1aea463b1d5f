import type { WorkshopSettings } from './workshop-settings.js';

export type SignupStatus = 'NOT_YET_OPEN' | 'OPEN' | 'FULL_WAITLIST' | 'CLOSED';
export type RegistrationStatus = 'CONFIRMED' | 'WAITLISTED' | 'PENDING_APPROVAL' | 'CANCELLED';

export interface SeatCounts {
  confirmed: number;
  waitlisted: number;
}

/** Why a workshop takes no registration now, for the error a member sees. */
export type ClosedReason =
  'CALLED_OFF' | 'NOT_OFFERED' | 'PAST' | 'DEADLINE_PASSED' | 'NOT_YET_OPEN' | 'FULL';

export const seatsLeft = (settings: Pick<WorkshopSettings, 'capacity'>, counts: SeatCounts) =>
  settings.capacity === null ? null : Math.max(0, settings.capacity - counts.confirmed);

/**
 * Closed when editors called it off, the workshop has begun, registration was not offered, or the deadline passed; not yet open
 * before `opensAt`; full with a waiting list when every seat is taken (without one, full is closed).
 */
export function closedReason(settings: WorkshopSettings, counts: SeatCounts, now: Date): ClosedReason | null {
  if (settings.cancelled) return 'CALLED_OFF';
  // A workshop that has taken place says so, whether or not it was ever offered here.
  if (settings.startsAt && settings.startsAt <= now) return 'PAST';
  if (!settings.open) return 'NOT_OFFERED';
  if (settings.closesAt && settings.closesAt <= now) return 'DEADLINE_PASSED';
  if (settings.opensAt && settings.opensAt > now) return 'NOT_YET_OPEN';
  if (seatsLeft(settings, counts) === 0 && !settings.waitlist) return 'FULL';
  return null;
}

export function signupStatus(settings: WorkshopSettings, counts: SeatCounts, now: Date): SignupStatus {
  const reason = closedReason(settings, counts, now);
  if (reason === 'NOT_YET_OPEN') return 'NOT_YET_OPEN';
  if (reason) return 'CLOSED';
  return seatsLeft(settings, counts) === 0 ? 'FULL_WAITLIST' : 'OPEN';
}
