import type { DataSource, EntityManager } from 'typeorm';
import { badInput, clientError, notFound } from '../common/errors.js';
import {
  closedReason,
  seatsLeft,
  type ClosedReason,
  type RegistrationStatus,
  type SeatCounts,
} from './signup-status.js';
import { oneAtATimePerKey } from './one-at-a-time.js';
import type { WorkshopSettings } from './workshop-settings.js';

export interface Registration {
  id: string;
  workshopId: string;
  memberId: string | null;
  status: RegistrationStatus;
  seq: number;
  answers: Record<string, string>;
  invitationSequence: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A member's registration changed: what the mails (confirmation, waiting list, invitation) are made from. */
export interface Transition {
  registration: Registration;
  from: RegistrationStatus | null;
  /** Place on the waiting list after the change (WAITLISTED only). */
  waitlistPosition: number | null;
}

/**
 * Told of every transition inside the transaction that makes it, so what follows from it (the outbox's mails)
 * commits with it or not at all.
 */
export type TransitionListener = (
  tx: EntityManager,
  settings: WorkshopSettings | null,
  transitions: Transition[],
) => Promise<void>;

const MAX_ANSWER_LENGTH = 1000;

export type EditorAction = 'approve' | 'seat' | 'waitlist' | 'cancel';
export const EDITOR_ACTIONS: readonly EditorAction[] = ['approve', 'seat', 'waitlist', 'cancel'];

/** A registration as editors see it: with the member's name, address and organisation. */
export interface EditorRow extends Registration {
  waitlistPosition: number | null;
  name: string | null;
  email: string | null;
  organisation: string | null;
}

const CLOSED_MESSAGES: Record<ClosedReason, string> = {
  CALLED_OFF: 'This workshop was called off',
  NOT_OFFERED: 'This workshop takes no registrations on the platform',
  PAST: 'This workshop has already taken place; registration is closed',
  DEADLINE_PASSED: 'The registration deadline of this workshop has passed',
  NOT_YET_OPEN: 'Registration for this workshop has not opened yet',
  FULL: 'This workshop is fully booked and keeps no waiting list',
};

const closed = (reason: ClosedReason) =>
  clientError('BAD_USER_INPUT', CLOSED_MESSAGES[reason], { field: 'workshopId', reason });

function toRegistration(row: Record<string, unknown>): Registration {
  return {
    id: row['id'] as string,
    workshopId: row['workshop_id'] as string,
    memberId: (row['member_id'] as string | null) ?? null,
    status: row['status'] as RegistrationStatus,
    seq: Number(row['seq']),
    answers: (typeof row['answers'] === 'string' ? JSON.parse(row['answers']) : row['answers']) as Record<
      string,
      string
    >,
    invitationSequence: Number(row['invitation_sequence']),
    createdAt: new Date(row['created_at'] as string),
    updatedAt: new Date(row['updated_at'] as string),
  };
}

/** What an invitation carries of a workshop: when it changes, confirmed members get an updated one. */
export const invitationFingerprint = (
  settings: Pick<WorkshopSettings, 'startsAt' | 'endsAt' | 'venue' | 'title'>,
) =>
  JSON.stringify([
    settings.startsAt?.toISOString() ?? null,
    settings.endsAt?.toISOString() ?? null,
    settings.venue?.name ?? null,
    settings.venue?.address ?? null,
    settings.venue?.city ?? null,
  ]);

/** The answers as stored: every required question answered, no unknown keys, bounded length. */
export function checkAnswers(
  settings: Pick<WorkshopSettings, 'questions'>,
  answers: readonly { key: string; value: string }[],
): Record<string, string> {
  const known = new Map(settings.questions.map((question) => [question.key, question]));
  const result: Record<string, string> = {};
  for (const { key, value } of answers) {
    if (!known.has(key)) throw badInput('answers', `this workshop asks no question "${key}"`);
    if (key in result) throw badInput('answers', `"${key}" is answered twice`);
    if (value.length > MAX_ANSWER_LENGTH) {
      throw badInput('answers', `the answer to "${key}" is longer than ${MAX_ANSWER_LENGTH} characters`);
    }
    const trimmed = value.trim();
    if (trimmed) result[key] = trimmed;
  }
  const missing = settings.questions.find((question) => question.required && !result[question.key]);
  if (missing) throw badInput('answers', `"${missing.label}" must be answered`);
  return result;
}

const SELECT_REGISTRATION = `SELECT id, workshop_id, member_id, status, seq, answers, invitation_sequence, created_at, updated_at FROM workshop_registration`;

/**
 * Registrations, seats and the waiting list of workshops. Every change of a workshop's seats holds its
 * `workshop_signup` row locked for the length of its transaction: registrations and cancellations of one
 * workshop take turns (on any number of replicas), so a seat is never given twice and the queue keeps the
 * order in which they took the lock.
 */
export class SignupService {
  /** Per workshop, this instance's changes queue in memory; the row lock orders them across instances. */
  private readonly inTurn = oneAtATimePerKey();

  constructor(
    private readonly dataSource: DataSource,
    private readonly onTransitions: TransitionListener = async () => {},
  ) {}

  /** Counts per workshop, for many workshops in one statement. */
  async counts(workshopIds: readonly string[]): Promise<Map<string, SeatCounts>> {
    const rows: { workshop_id: string; confirmed: string; waitlisted: string }[] =
      await this.dataSource.query(
        `SELECT workshop_id,
              count(*) FILTER (WHERE status = 'CONFIRMED') AS confirmed,
              count(*) FILTER (WHERE status = 'WAITLISTED') AS waitlisted
         FROM workshop_registration WHERE workshop_id = ANY($1::text[]) GROUP BY workshop_id`,
        [workshopIds],
      );
    const counts = new Map(workshopIds.map((id) => [id, { confirmed: 0, waitlisted: 0 }]));
    for (const row of rows) {
      counts.set(row.workshop_id, { confirmed: Number(row.confirmed), waitlisted: Number(row.waitlisted) });
    }
    return counts;
  }

  /** The member's registrations (any status) of these workshops, with their place on the waiting list. */
  async mine(
    memberId: string,
    workshopIds: readonly string[],
  ): Promise<Map<string, { registration: Registration; waitlistPosition: number | null }>> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT r.id, r.workshop_id, r.member_id, r.status, r.seq, r.answers, r.invitation_sequence, r.created_at, r.updated_at,
              CASE WHEN r.status = 'WAITLISTED' THEN (
                SELECT count(*) FROM workshop_registration w
                 WHERE w.workshop_id = r.workshop_id AND w.status = 'WAITLISTED' AND w.seq <= r.seq
              ) END AS position
         FROM workshop_registration r WHERE r.member_id = $1 AND r.workshop_id = ANY($2::text[])`,
      [memberId, workshopIds],
    );
    return new Map(
      rows.map((row) => [
        row['workshop_id'] as string,
        {
          registration: toRegistration(row),
          waitlistPosition: row['position'] === null ? null : Number(row['position']),
        },
      ]),
    );
  }

  async register(
    settings: WorkshopSettings,
    memberId: string,
    answers: readonly { key: string; value: string }[],
    now = new Date(),
  ): Promise<Transition> {
    const stored = checkAnswers(settings, answers);
    return this.inTurn(settings.documentId, () =>
      this.dataSource.transaction(async (tx) => {
        const seq = await this.lockWorkshop(tx, settings);
        // The member's earlier registration and the counts, in one statement.
        const [state] = await tx.query(
          `SELECT (SELECT row_to_json(r) FROM workshop_registration r WHERE r.workshop_id = $1 AND r.member_id = $2) AS existing,
                count(*) FILTER (WHERE status = 'CONFIRMED') AS confirmed,
                count(*) FILTER (WHERE status = 'WAITLISTED') AS waitlisted
           FROM workshop_registration WHERE workshop_id = $1`,
          [settings.documentId, memberId],
        );
        const existing = state.existing as Record<string, unknown> | null;
        const counts: SeatCounts = {
          confirmed: Number(state.confirmed),
          waitlisted: Number(state.waitlisted),
        };
        if (existing && existing['status'] !== 'CANCELLED') {
          throw clientError('BAD_USER_INPUT', 'You are already registered for this workshop', {
            field: 'workshopId',
            reason: 'ALREADY_REGISTERED',
          });
        }
        const reason = closedReason(settings, counts, now);
        if (reason) throw closed(reason);
        const left = seatsLeft(settings, counts);
        const status: RegistrationStatus = settings.approvalRequired
          ? 'PENDING_APPROVAL'
          : left === null || left > 0
            ? 'CONFIRMED'
            : 'WAITLISTED';
        // A member who cancelled and comes back joins the end of the queue, with a newer invitation.
        const [row] = existing
          ? await tx.query(
              `UPDATE workshop_registration
                SET status = $2, seq = $3, answers = $4, invitation_sequence = invitation_sequence + 1, updated_at = now()
              WHERE id = $1 RETURNING *`,
              [existing['id'], status, seq, JSON.stringify(stored)],
            )
          : await tx.query(
              `INSERT INTO workshop_registration (workshop_id, member_id, status, seq, answers)
             VALUES ($1, $2, $3, $4, $5) RETURNING *`,
              [settings.documentId, memberId, status, seq, JSON.stringify(stored)],
            );
        const registration = toRegistration(Array.isArray(row) ? row[0] : row);
        const transition: Transition = {
          registration,
          from: existing ? 'CANCELLED' : null,
          waitlistPosition: status === 'WAITLISTED' ? counts.waitlisted + 1 : null,
        };
        await this.onTransitions(tx, settings, [transition]);
        return transition;
      }),
    );
  }

  /**
   * Cancels the member's registration. A seat it frees goes at once to the first on the waiting list (as many
   * as the capacity allows: after a lowered capacity, none until the confirmed are below it).
   */
  async cancel(
    workshopId: string,
    settings: WorkshopSettings | null,
    memberId: string,
    now = new Date(),
  ): Promise<Transition[]> {
    return this.inTurn(workshopId, () =>
      this.dataSource.transaction(async (tx) => {
        const locked = await tx.query(
          'SELECT workshop_id FROM workshop_signup WHERE workshop_id = $1 FOR UPDATE',
          [workshopId],
        );
        const [existing] = locked.length
          ? await tx.query(`${SELECT_REGISTRATION} WHERE workshop_id = $1 AND member_id = $2`, [
              workshopId,
              memberId,
            ])
          : [];
        if (!existing || existing.status === 'CANCELLED') throw notFound('Registration');
        if (settings?.startsAt && settings.startsAt <= now) {
          throw clientError('BAD_USER_INPUT', 'This workshop has already taken place', {
            field: 'workshopId',
            reason: 'PAST',
          });
        }
        const [[row]] = await tx.query(
          `UPDATE workshop_registration
            SET status = 'CANCELLED', invitation_sequence = invitation_sequence + 1, updated_at = now()
          WHERE id = $1 RETURNING *`,
          [existing.id],
        );
        const transitions: Transition[] = [
          { registration: toRegistration(row), from: existing.status, waitlistPosition: null },
        ];
        if (existing.status === 'CONFIRMED' && settings) {
          transitions.push(...(await this.fillSeats(tx, settings)));
        }
        await this.onTransitions(tx, settings, transitions);
        return transitions;
      }),
    );
  }

  /** Every registration of a workshop in queue order, with who registered, for the editors' list and export. */
  async listForEditors(workshopId: string): Promise<EditorRow[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT r.id, r.workshop_id, r.member_id, r.status, r.seq, r.answers, r.invitation_sequence, r.created_at, r.updated_at,
              m.display_name, m.email, m.organisation
         FROM workshop_registration r LEFT JOIN member m ON m.id = r.member_id
        WHERE r.workshop_id = $1 ORDER BY r.seq`,
      [workshopId],
    );
    let waiting = 0;
    return rows.map((row) => {
      const registration = toRegistration(row);
      return {
        ...registration,
        waitlistPosition: registration.status === 'WAITLISTED' ? ++waiting : null,
        name: (row['display_name'] as string | null) ?? null,
        email: (row['email'] as string | null) ?? null,
        organisation: (row['organisation'] as string | null) ?? null,
      };
    });
  }

  /**
   * What editors do with one registration: approve it (a seat if one is free, else the waiting list), give it a
   * seat (even beyond the capacity: their call), put it on the waiting list, or cancel it (its seat goes on).
   */
  async editorAction(
    workshopId: string,
    registrationId: string,
    action: EditorAction,
    settings: WorkshopSettings,
  ): Promise<Transition[]> {
    return this.inTurn(workshopId, () =>
      this.dataSource.transaction(async (tx) => {
        await tx.query('SELECT 1 FROM workshop_signup WHERE workshop_id = $1 FOR UPDATE', [workshopId]);
        const [existing] = await tx.query(`${SELECT_REGISTRATION} WHERE id = $1 AND workshop_id = $2`, [
          registrationId,
          workshopId,
        ]);
        if (!existing) throw notFound('Registration');
        const from = existing.status as RegistrationStatus;
        let to: RegistrationStatus;
        if (action === 'approve') {
          if (from !== 'PENDING_APPROVAL')
            throw badInput('action', 'only a registration awaiting approval can be approved');
          const left = seatsLeft(settings, await this.countsIn(tx, workshopId));
          to = left === null || left > 0 ? 'CONFIRMED' : 'WAITLISTED';
        } else if (action === 'seat') to = 'CONFIRMED';
        else if (action === 'waitlist') to = 'WAITLISTED';
        else to = 'CANCELLED';
        if (from === to) return [];
        const [[row]] = await tx.query(
          `UPDATE workshop_registration SET status = $2, invitation_sequence = invitation_sequence + 1, updated_at = now()
          WHERE id = $1 RETURNING *`,
          [registrationId, to],
        );
        const registration = toRegistration(row);
        const position =
          to === 'WAITLISTED'
            ? Number(
                (
                  await tx.query(
                    `SELECT count(*) AS n FROM workshop_registration WHERE workshop_id = $1 AND status = 'WAITLISTED' AND seq <= $2`,
                    [workshopId, registration.seq],
                  )
                )[0].n,
              )
            : null;
        const transitions: Transition[] = [{ registration, from, waitlistPosition: position }];
        // A seat freed by an editor's cancellation goes on, as a member's own would; moving someone to the list
        // does not (the first on it would be the one just moved).
        if (from === 'CONFIRMED' && to === 'CANCELLED')
          transitions.push(...(await this.fillSeats(tx, settings)));
        await this.onTransitions(tx, settings, transitions);
        return transitions;
      }),
    );
  }

  /** Moves the first on the waiting list to the seats while seats are free. Inside a locked transaction. */
  private async fillSeats(tx: EntityManager, settings: WorkshopSettings): Promise<Transition[]> {
    const left = seatsLeft(settings, await this.countsIn(tx, settings.documentId));
    if (left === 0) return [];
    // An UPDATE … RETURNING answers [rows, affected count].
    const [rows]: [Record<string, unknown>[], number] = await tx.query(
      `UPDATE workshop_registration SET status = 'CONFIRMED', invitation_sequence = invitation_sequence + 1, updated_at = now()
        WHERE id IN (
          SELECT id FROM workshop_registration WHERE workshop_id = $1 AND status = 'WAITLISTED'
           ORDER BY seq LIMIT $2
        ) RETURNING *`,
      [settings.documentId, left ?? 2_147_483_647],
    );
    return rows
      .map(toRegistration)
      .sort((a, b) => a.seq - b.seq)
      .map((registration) => ({ registration, from: 'WAITLISTED' as const, waitlistPosition: null }));
  }

  private async countsIn(tx: EntityManager, workshopId: string): Promise<SeatCounts> {
    const [row] = await tx.query(
      `SELECT count(*) FILTER (WHERE status = 'CONFIRMED') AS confirmed,
              count(*) FILTER (WHERE status = 'WAITLISTED') AS waitlisted
         FROM workshop_registration WHERE workshop_id = $1`,
      [workshopId],
    );
    return { confirmed: Number(row.confirmed), waitlisted: Number(row.waitlisted) };
  }

  /**
   * Creates the workshop's row when it is first registered for, locks it, and takes the next place in its
   * queue (given back by a rollback, so a refused registration leaves no gap).
   */
  private async lockWorkshop(tx: EntityManager, settings: WorkshopSettings): Promise<number> {
    const [row] = await tx.query(
      `INSERT INTO workshop_signup (workshop_id, ends_at, starts_at, invited_fingerprint, next_seq)
       VALUES ($1, $2, $3, $4, 2)
       ON CONFLICT (workshop_id) DO UPDATE
         SET ends_at = EXCLUDED.ends_at, starts_at = EXCLUDED.starts_at, next_seq = workshop_signup.next_seq + 1
       RETURNING next_seq - 1 AS seq`,
      [
        settings.documentId,
        settings.endsAt ?? settings.startsAt,
        settings.startsAt,
        invitationFingerprint(settings),
      ],
    );
    return Number(row.seq);
  }
}
