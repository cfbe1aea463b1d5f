import { seatsLeft, signupStatus, type SeatCounts } from './signup-status.js';
import type { WorkshopSignup } from './signup.types.js';
import type { WorkshopSettings } from './workshop-settings.js';

// Kept apart from the resolver: the editor API needs it too, and importing the resolver from elsewhere would
// register its GraphQL fields earlier than the schema builder does (and reorder the printed SDL).

/** A workshop's signup as the API answers it (without anyone's own status). */
export function signupOf(settings: WorkshopSettings, counts: SeatCounts, now = new Date()): WorkshopSignup {
  return {
    workshopId: settings.documentId,
    opensAt: settings.opensAt,
    closesAt: settings.closesAt,
    capacity: settings.capacity,
    seatsLeft: seatsLeft(settings, counts),
    confirmedCount: counts.confirmed,
    waitlistCount: counts.waitlisted,
    status: signupStatus(settings, counts, now),
    waitlistEnabled: settings.waitlist,
    approvalRequired: settings.approvalRequired,
    questions: settings.questions,
  };
}
