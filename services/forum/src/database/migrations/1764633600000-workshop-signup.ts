import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Registrations for the CMS's workshops: one row per workshop (the lock and arrival counter), one per member. */
export class WorkshopSignup1764633600000 implements MigrationInterface {
  name = 'WorkshopSignup1764633600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE workshop_signup (
        workshop_id text PRIMARY KEY,
        -- the next arrival's place in the queue; the row is locked by every change of the workshop's seats
        next_seq bigint NOT NULL DEFAULT 1,
        -- the workshop's end (or start) as last seen in the CMS: participants' data is anonymised after it
        ends_at timestamptz,
        anonymised_at timestamptz
      );

      CREATE TABLE workshop_registration (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workshop_id text NOT NULL REFERENCES workshop_signup (workshop_id),
        -- null once anonymised
        member_id uuid REFERENCES member (id) ON DELETE SET NULL,
        status text NOT NULL CHECK (status IN ('CONFIRMED','WAITLISTED','PENDING_APPROVAL','CANCELLED')),
        seq bigint NOT NULL,
        answers jsonb NOT NULL DEFAULT '{}',
        -- iCalendar SEQUENCE of the member's invitation: raised by every change they are sent
        invitation_sequence int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workshop_id, member_id),
        UNIQUE (workshop_id, seq)
      );
      CREATE INDEX workshop_registration_queue_idx ON workshop_registration (workshop_id, status, seq);
      CREATE INDEX workshop_registration_member_idx ON workshop_registration (member_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE workshop_registration; DROP TABLE workshop_signup;`);
  }
}
