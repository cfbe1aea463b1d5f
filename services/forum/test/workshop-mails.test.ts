import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncInvitations } from '../src/workshop-signup/invitation-sync.js';
import { backend, startTestForum, type TestForum } from './forum.js';
import { SmtpSink, type ReceivedMail } from './smtp-sink.js';

const DAY = 24 * 3600 * 1000;
// Whole seconds: iCalendar has no milliseconds.
const inDays = (days: number) => new Date(Math.floor((Date.now() + days * DAY) / 1000) * 1000).toISOString();

let sink: SmtpSink;
let forum: TestForum;
beforeAll(async () => {
  sink = await SmtpSink.start();
  forum = await startTestForum({ mail: { smtpUrl: sink.url } });
});
afterAll(async () => {
  await forum?.close();
  await sink?.close();
});

const workshops = new Map<string, Record<string, unknown>>();
function workshop(fields: Record<string, unknown> = {}, registration: Record<string, unknown> = {}) {
  const documentId = `ws${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  workshops.set(documentId, {
    title: 'Werkstatt: Ankommen im Quartier',
    slug: `werkstatt-${documentId}`,
    startsAt: inDays(30),
    endsAt: inDays(30.25),
    venue: {
      name: 'Neues Rathaus',
      address: 'Martin-Luther-Ring 4–6, 04109 Leipzig',
      city: { name: 'Leipzig' },
    },
    ...fields,
    registration: {
      open: true,
      capacity: 1,
      waitlist: true,
      approvalRequired: false,
      questions: [],
      ...registration,
    },
  });
  forum.cms!.setWorkshop(documentId, workshops.get(documentId)!);
  return documentId;
}

/** The workshop's mails to one address (the verification mail of the registration left out). */
const mailsTo = (email: string) =>
  sink.to(email).filter((mail) => !mail.subject.startsWith('Bitte bestätigen Sie Ihre E-Mail-Adresse'));

const REGISTER = `mutation ($input: RegisterForWorkshopInput!) { registerForWorkshop(input: $input) { status } }`;
const CANCEL = `mutation ($id: ID!) { cancelWorkshopRegistration(workshopId: $id) { status } }`;

/** The invitation a mail carries, as a calendar program reads it. */
function calendarOf(mail: ReceivedMail) {
  const part = mail.parsed.attachments.find((attachment) =>
    attachment.contentType.startsWith('text/calendar'),
  );
  if (!part) return null;
  const calendar = new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent')!;
  const attendee = event.getFirstProperty('attendee')!;
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    attendee: String(attendee.getFirstValue()).toLowerCase(),
    rsvp: attendee.getParameter('rsvp'),
  };
}

describe(`workshop mails (${backend})`, () => {
  it('confirms with an invitation, places on the waiting list, cancels, and moves the next up with one', async () => {
    const id = workshop();
    const anna = await forum.register('Anna Anmeldung');
    const ben = await forum.register('Ben Warteliste');
    await forum.ok(REGISTER, { input: { workshopId: id } }, anna.token);
    await forum.ok(REGISTER, { input: { workshopId: id } }, ben.token);
    await sink.waitFor(() => mailsTo(anna.email).length === 1 && mailsTo(ben.email).length === 1);

    const [confirmed] = mailsTo(anna.email);
    expect(confirmed!.subject).toBe('Anmeldung bestätigt: Werkstatt: Ankommen im Quartier');
    expect(confirmed!.text).toMatch(/Termin: \w+, \d{1,2}\. \w+ 20\d\d, \d\d:\d\d–\d\d:\d\d Uhr/);
    expect(confirmed!.text).toContain('Ort: Neues Rathaus, Martin-Luther-Ring 4–6, 04109 Leipzig, Leipzig');
    const invitation = calendarOf(confirmed!)!;
    expect(invitation).toMatchObject({
      method: 'REQUEST',
      sequence: 0,
      attendee: `mailto:${anna.email.toLowerCase()}`,
      rsvp: 'TRUE',
      start: workshops.get(id)!['startsAt'],
    });
    const [waiting] = mailsTo(ben.email);
    expect(waiting!.subject).toBe('Warteliste: Werkstatt: Ankommen im Quartier');
    expect(waiting!.text).toContain('an Stelle 1 der Warteliste');
    expect(calendarOf(waiting!)).toBeNull();

    await forum.ok(CANCEL, { id }, anna.token);
    await sink.waitFor(() => mailsTo(anna.email).length === 2 && mailsTo(ben.email).length === 2);
    const cancelled = mailsTo(anna.email)[1]!;
    expect(cancelled.subject).toBe('Anmeldung storniert: Werkstatt: Ankommen im Quartier');
    expect(calendarOf(cancelled)).toMatchObject({ method: 'CANCEL', uid: invitation.uid, sequence: 1 });
    const movedUp = mailsTo(ben.email)[1]!;
    expect(movedUp.subject).toBe('Sie sind nachgerückt: Werkstatt: Ankommen im Quartier');
    expect(calendarOf(movedUp)).toMatchObject({
      method: 'REQUEST',
      attendee: `mailto:${ben.email.toLowerCase()}`,
    });

    // Editors move the workshop a week on: Ben's calendar gets the same event, one sequence higher.
    const before = calendarOf(movedUp)!;
    const later = inDays(37);
    forum.cms!.setWorkshop(id, { ...workshops.get(id)!, startsAt: later, endsAt: inDays(37.25) });
    const { dataSource, workshopSettings, mail } = forum.server.services;
    const deps = {
      dataSource,
      settings: workshopSettings,
      outbox: mail.outbox,
      mail: forum.server.services.config.mail,
    };
    expect((await syncInvitations(deps)).updated).toBe(1);
    expect((await syncInvitations(deps)).updated).toBe(0);
    mail.worker.wake();
    await sink.waitFor(() => mailsTo(ben.email).length === 3);
    const update = mailsTo(ben.email)[2]!;
    expect(update.subject).toBe('Geändert: Werkstatt: Ankommen im Quartier');
    expect(calendarOf(update)).toMatchObject({
      method: 'REQUEST',
      uid: before.uid,
      sequence: before.sequence + 1,
      start: later,
    });
    // Anna cancelled: she hears nothing of it.
    expect(mailsTo(anna.email)).toHaveLength(2);
  });

  it('reminds each confirmed member once, the day before', async () => {
    const id = workshop({
      startsAt: new Date(Date.now() + 12 * 3600 * 1000).toISOString(),
      endsAt: inDays(0.7),
    });
    const cem = await forum.register('Cem Erinnerung');
    await forum.ok(REGISTER, { input: { workshopId: id } }, cem.token);
    await sink.waitFor(() => mailsTo(cem.email).length === 1);
    const { dataSource, workshopSettings, mail, config } = forum.server.services;
    const deps = { dataSource, settings: workshopSettings, outbox: mail.outbox, mail: config.mail };
    expect((await syncInvitations(deps)).reminded).toBe(1);
    expect((await syncInvitations(deps)).reminded).toBe(0);
    mail.worker.wake();
    await sink.waitFor(() => mailsTo(cem.email).length === 2);
    expect(mailsTo(cem.email)[1]!.subject).toBe('Morgen: Werkstatt: Ankommen im Quartier');
  });

  it('tells everyone when editors call a workshop off, with the cancellation for the calendar, and closes it', async () => {
    const id = workshop({}, { capacity: 1 });
    const eva = await forum.register('Eva Platz');
    const finn = await forum.register('Finn Warteliste');
    await forum.ok(REGISTER, { input: { workshopId: id } }, eva.token);
    await forum.ok(REGISTER, { input: { workshopId: id } }, finn.token);
    await sink.waitFor(() => mailsTo(eva.email).length === 1 && mailsTo(finn.email).length === 1);
    const invitation = calendarOf(mailsTo(eva.email)[0]!)!;

    forum.cms!.setWorkshop(id, {
      ...workshops.get(id)!,
      registration: { ...(workshops.get(id)!['registration'] as object), cancelled: true },
    });
    const { dataSource, workshopSettings, mail, config } = forum.server.services;
    const deps = { dataSource, settings: workshopSettings, outbox: mail.outbox, mail: config.mail };
    expect((await syncInvitations(deps)).calledOff).toBe(2);
    expect((await syncInvitations(deps)).calledOff).toBe(0);
    mail.worker.wake();
    await sink.waitFor(() => mailsTo(eva.email).length === 2 && mailsTo(finn.email).length === 2);
    const calledOff = mailsTo(eva.email)[1]!;
    expect(calledOff.subject).toBe('Abgesagt: Werkstatt: Ankommen im Quartier');
    expect(calendarOf(calledOff)).toMatchObject({ method: 'CANCEL', uid: invitation.uid, sequence: 1 });
    expect(mailsTo(finn.email)[1]!.subject).toBe('Abgesagt: Werkstatt: Ankommen im Quartier');
    expect(calendarOf(mailsTo(finn.email)[1]!)).toBeNull();
    const again = await forum.gql(REGISTER, { input: { workshopId: id } }, eva.token);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CALLED_OFF' });
  });

  it('takes registrations only from members who confirmed their address', async () => {
    const id = workshop();
    const unverified = await forum.register('Dora Unbestätigt', { verified: false });
    const result = await forum.gql(REGISTER, { input: { workshopId: id } }, unverified.token);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'EMAIL_NOT_VERIFIED' });
  });
});
