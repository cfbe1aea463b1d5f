import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import type { Registration } from './signup.service.js';
import type { WorkshopSettings } from './workshop-settings.js';

export interface InvitationParty {
  name: string;
  email: string;
}

/**
 * A calendar invitation (iTIP, RFC 5546) for one member's seat: `REQUEST` while they hold a seat — again, with
 * a higher `SEQUENCE`, whenever it or the workshop changes — and `CANCEL` when the seat or the workshop goes.
 * The `UID` is the same for the registration's whole life, so calendar programs update the one event they have.
 */
export function workshopInvitation(options: {
  settings: WorkshopSettings;
  registration: Pick<Registration, 'id' | 'workshopId' | 'status' | 'invitationSequence'>;
  organizer: InvitationParty;
  attendee: InvitationParty;
  /** The workshop's page on the website. */
  url: string;
  /** The workshop itself was cancelled (unpublished) by the editors. */
  workshopCancelled?: boolean;
}): { method: 'REQUEST' | 'CANCEL'; ics: string } {
  const { settings, registration, organizer, attendee } = options;
  if (!settings.startsAt) throw new Error(`workshop ${settings.documentId} has no start: no invitation`);
  const cancel = options.workshopCancelled || registration.status !== 'CONFIRMED';
  const method = cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  const calendar = ical({
    prodId: { company: 'Stadtnetz Integration', product: 'Workshops', language: 'DE' },
  });
  calendar.method(method);
  const domain = organizer.email.split('@')[1] ?? 'stadtnetz.invalid';
  calendar.createEvent({
    id: `workshop-${registration.workshopId}-${registration.id}@${domain}`,
    sequence: registration.invitationSequence,
    start: settings.startsAt,
    end: settings.endsAt ?? new Date(settings.startsAt.getTime() + 3600 * 1000),
    summary: settings.title,
    location:
      [settings.venue?.name, settings.venue?.address, settings.venue?.city].filter(Boolean).join(', ') ||
      null,
    url: options.url,
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: organizer.name, email: organizer.email },
    attendees: [
      {
        name: attendee.name,
        email: attendee.email,
        rsvp: true,
        role: ICalAttendeeRole.REQ,
        status: cancel ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.NEEDSACTION,
      },
    ],
  });
  return { method: method as 'REQUEST' | 'CANCEL', ics: calendar.toString() };
}
