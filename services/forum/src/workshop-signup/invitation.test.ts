import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { workshopInvitation } from './invitation.js';
import type { WorkshopSettings } from './workshop-settings.js';

const settings: WorkshopSettings = {
  documentId: 'ws3',
  title: 'Ankommen im Quartier',
  slug: 'werkstatt-3',
  startsAt: new Date('2027-01-12T09:00:00Z'),
  endsAt: new Date('2027-01-12T15:00:00Z'),
  venue: { name: 'Neues Rathaus', address: 'Martin-Luther-Ring 4–6, 04109 Leipzig', city: 'Leipzig' },
  open: true,
  cancelled: false,
  opensAt: null,
  closesAt: null,
  capacity: 3,
  waitlist: true,
  approvalRequired: false,
  questions: [],
};
const organizer = { name: 'Stadtnetz Integration', email: 'workshops@stadtnetz.example.org' };
const attendee = { name: 'Anna Beispiel', email: 'anna@example.org' };

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent('vevent')!;
  const attendeeProperty = event.getFirstProperty('attendee')!;
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: event.getFirstPropertyValue('sequence'),
    status: event.getFirstPropertyValue('status'),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    organizer: String(event.getFirstPropertyValue('organizer')).toLowerCase(),
    attendee: String(attendeeProperty.getFirstValue()).toLowerCase(),
    rsvp: attendeeProperty.getParameter('rsvp'),
    partstat: attendeeProperty.getParameter('partstat'),
    location: event.getFirstPropertyValue('location'),
  };
}

describe('workshop invitations (iCalendar)', () => {
  const registration = { id: 'r1', workshopId: 'ws3', status: 'CONFIRMED' as const, invitationSequence: 0 };

  it('invites the member with RSVP, the organiser and a stable UID; a change raises SEQUENCE', () => {
    const first = parse(
      workshopInvitation({ settings, registration, organizer, attendee, url: 'https://x/w' }).ics,
    );
    expect(first).toMatchObject({
      method: 'REQUEST',
      sequence: 0,
      status: 'CONFIRMED',
      start: '2027-01-12T09:00:00.000Z',
      organizer: 'mailto:workshops@stadtnetz.example.org',
      attendee: 'mailto:anna@example.org',
      rsvp: 'TRUE',
      partstat: 'NEEDS-ACTION',
      location: 'Neues Rathaus, Martin-Luther-Ring 4–6, 04109 Leipzig, Leipzig',
    });
    const moved = parse(
      workshopInvitation({
        settings: { ...settings, startsAt: new Date('2027-01-19T09:00:00Z') },
        registration: { ...registration, invitationSequence: 1 },
        organizer,
        attendee,
        url: 'https://x/w',
      }).ics,
    );
    expect(moved).toMatchObject({ method: 'REQUEST', sequence: 1, uid: first.uid });
  });

  it('cancels with METHOD:CANCEL when the member cancels or the workshop is called off', () => {
    const cancelled = workshopInvitation({
      settings,
      registration: { ...registration, status: 'CANCELLED', invitationSequence: 2 },
      organizer,
      attendee,
      url: 'https://x/w',
    });
    expect(cancelled.method).toBe('CANCEL');
    expect(parse(cancelled.ics)).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', sequence: 2 });
    const calledOff = workshopInvitation({
      settings,
      registration,
      organizer,
      attendee,
      url: 'https://x/w',
      workshopCancelled: true,
    });
    expect(parse(calledOff.ics).method).toBe('CANCEL');
  });
});
