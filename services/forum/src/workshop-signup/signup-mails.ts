import type { EntityManager } from 'typeorm';
import type { MailConfig } from '../config.js';
import type { WorkshopPayload } from '../mail/compose.js';
import { enqueueMail, type OutboxOptions } from '../mail/outbox.js';
import { workshopInvitation } from './invitation.js';
import type { Registration, Transition, TransitionListener } from './signup.service.js';
import type { WorkshopSettings } from './workshop-settings.js';

type Event = WorkshopPayload['event'];

/** Which mail a change of a registration sends, and whether it carries an invitation or a cancellation. */
function mailOf(transition: Transition): { event: Event; calendar: 'REQUEST' | 'CANCEL' | null } | null {
  const { from, registration } = transition;
  switch (registration.status) {
    case 'CONFIRMED':
      return { event: from === 'WAITLISTED' ? 'MOVED_UP' : 'CONFIRMED', calendar: 'REQUEST' };
    case 'WAITLISTED':
      return { event: 'WAITLISTED', calendar: from === 'CONFIRMED' ? 'CANCEL' : null };
    case 'PENDING_APPROVAL':
      return { event: 'PENDING', calendar: null };
    case 'CANCELLED':
      return { event: 'CANCELLED', calendar: from === 'CONFIRMED' ? 'CANCEL' : null };
  }
}

const whereOf = (settings: WorkshopSettings) =>
  [settings.venue?.name, settings.venue?.address, settings.venue?.city].filter(Boolean).join(', ');

/**
 * Writes one workshop mail to the outbox inside the caller's transaction: it goes if and only if the change
 * commits. Invitations carry the registration's current `SEQUENCE`.
 */
export async function enqueueWorkshopMail(
  tx: EntityManager,
  deps: { outbox: OutboxOptions; mail: Pick<MailConfig, 'from' | 'websiteUrl'> },
  settings: WorkshopSettings,
  registration: Pick<Registration, 'id' | 'workshopId' | 'memberId' | 'invitationSequence'> & {
    status: Registration['status'];
  },
  event: Event,
  options: { calendar: 'REQUEST' | 'CANCEL' | null; position?: number | null; workshopCancelled?: boolean },
): Promise<void> {
  if (!registration.memberId || !settings.startsAt) return;
  const [member]: { display_name: string; email: string }[] = await tx.query(
    'SELECT display_name, email FROM member WHERE id = $1',
    [registration.memberId],
  );
  if (!member) return;
  const url = `${deps.mail.websiteUrl}/workshops/${settings.documentId}`;
  const payload: WorkshopPayload = {
    event,
    title: settings.title,
    startsAt: settings.startsAt.toISOString(),
    endsAt: settings.endsAt?.toISOString() ?? null,
    where: whereOf(settings),
    url,
    ...(options.position ? { position: options.position } : {}),
  };
  if (options.calendar) {
    const invitation = workshopInvitation({
      settings,
      registration: {
        ...registration,
        // A calendar entry the member is losing is cancelled, whatever the registration turned into.
        status: options.calendar === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
      },
      organizer: { name: deps.mail.from.name || 'Stadtnetz Integration', email: deps.mail.from.address },
      attendee: { name: member.display_name, email: member.email },
      url,
      workshopCancelled: options.workshopCancelled,
    });
    payload.ics = invitation.ics;
    payload.method = invitation.method;
  }
  await enqueueMail(tx, deps.outbox, {
    to: member.email,
    memberId: registration.memberId,
    template: 'WORKSHOP',
    payload: payload as unknown as Record<string, unknown>,
    groupKey: `workshop:${registration.id}:${event}:${registration.invitationSequence}`,
  });
}

/** The mails of registrations, cancellations, the waiting list and editors' decisions. */
export function signupMails(deps: {
  outbox: OutboxOptions;
  mail: Pick<MailConfig, 'from' | 'websiteUrl'>;
}): TransitionListener {
  return async (tx, settings, transitions) => {
    if (!settings) return;
    for (const transition of transitions) {
      const mail = mailOf(transition);
      if (!mail) continue;
      await enqueueWorkshopMail(tx, deps, settings, transition.registration, mail.event, {
        calendar: mail.calendar,
        position: transition.waitlistPosition,
      });
    }
  };
}
