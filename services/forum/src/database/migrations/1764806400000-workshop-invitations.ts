import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What the invitations sent carry (to notice when editors move a workshop), and the reminders sent. */
export class WorkshopInvitations1764806400000 implements MigrationInterface {
  name = 'WorkshopInvitations1764806400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE workshop_signup ADD COLUMN starts_at timestamptz;
      -- start, end and venue as the invitations sent so far carry them
      ALTER TABLE workshop_signup ADD COLUMN invited_fingerprint text;
      ALTER TABLE workshop_registration ADD COLUMN reminded_at timestamptz;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE workshop_registration DROP COLUMN reminded_at;
      ALTER TABLE workshop_signup DROP COLUMN invited_fingerprint;
      ALTER TABLE workshop_signup DROP COLUMN starts_at;
    `);
  }
}
