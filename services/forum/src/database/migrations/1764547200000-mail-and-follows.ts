import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail and follows: verified and undeliverable addresses, single-use tokens (hashed), notification
 * settings, the mail outbox, follows of CMS entities (their documentIds are not uuids) and the CMS's
 * content events, each received once.
 */
export class MailAndFollows1764547200000 implements MigrationInterface {
  name = 'MailAndFollows1764547200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE member
        ADD COLUMN email_verified_at timestamptz,
        ADD COLUMN locale text NOT NULL DEFAULT 'de' CHECK (locale IN ('de','en')),
        ADD COLUMN sessions_valid_after timestamptz,
        ADD COLUMN last_seen_at timestamptz,
        ADD COLUMN last_daily_digest_at timestamptz,
        ADD COLUMN last_weekly_digest_at timestamptz;
      -- Accounts from before verification existed keep what they could do.
      UPDATE member SET email_verified_at = created_at;

      CREATE TABLE email_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('VERIFY_EMAIL','PASSWORD_RESET','CHANGE_EMAIL')),
        token_hash text NOT NULL UNIQUE,
        new_email text,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX email_token_member_idx ON email_token (member_id, purpose);

      CREATE TABLE notification_setting (
        member_id uuid NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        kind text NOT NULL,
        frequency text NOT NULL CHECK (frequency IN ('IMMEDIATELY','DAILY','WEEKLY','NEVER')),
        PRIMARY KEY (member_id, kind)
      );

      CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        recipient text NOT NULL,
        member_id uuid REFERENCES member (id) ON DELETE CASCADE,
        template text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        sensitive boolean NOT NULL DEFAULT false,
        group_key text,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','SENT','FAILED','SKIPPED')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        last_error text,
        message_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      );
      CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at, seq) WHERE status = 'PENDING';
      -- One pending mail per group (a member's notifications about one thread): later ones join it.
      CREATE UNIQUE INDEX mail_outbox_group_key ON mail_outbox (group_key) WHERE status = 'PENDING';

      CREATE TABLE undeliverable_address (
        address text PRIMARY KEY,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      ALTER TABLE follow DROP CONSTRAINT follow_target_type_check;
      ALTER TABLE follow ALTER COLUMN target_id TYPE text;
      ALTER TABLE follow ADD CONSTRAINT follow_target_type_check
        CHECK (target_type IN ('THREAD','CATEGORY','CITY','ACTION_FIELD','PROJECT'));

      ALTER TABLE notification
        ADD COLUMN cms_type text,
        ADD COLUMN cms_document_id text,
        ADD COLUMN conversation_id uuid REFERENCES conversation (id) ON DELETE CASCADE,
        ADD COLUMN mailed_at timestamptz;
      CREATE INDEX notification_unmailed_idx ON notification (member_id, created_at) WHERE mailed_at IS NULL;

      -- Titles of the CMS documents notifications are about, as they were when the news came.
      CREATE TABLE cms_title (
        cms_type text NOT NULL,
        document_id text NOT NULL,
        title text NOT NULL,
        PRIMARY KEY (cms_type, document_id)
      );

      CREATE TABLE cms_event (
        id text PRIMARY KEY,
        event text NOT NULL,
        model text NOT NULL,
        document_id text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        outcome text
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE cms_event, cms_title, undeliverable_address, mail_outbox, notification_setting, email_token;
      DROP INDEX notification_unmailed_idx;
      ALTER TABLE notification DROP COLUMN cms_type, DROP COLUMN cms_document_id, DROP COLUMN conversation_id,
        DROP COLUMN mailed_at;
      DELETE FROM follow WHERE target_type NOT IN ('THREAD','CATEGORY');
      ALTER TABLE follow DROP CONSTRAINT follow_target_type_check;
      ALTER TABLE follow ALTER COLUMN target_id TYPE uuid USING target_id::uuid;
      ALTER TABLE follow ADD CONSTRAINT follow_target_type_check CHECK (target_type IN ('THREAD','CATEGORY'));
      ALTER TABLE member DROP COLUMN email_verified_at, DROP COLUMN locale, DROP COLUMN sessions_valid_after,
        DROP COLUMN last_seen_at, DROP COLUMN last_daily_digest_at, DROP COLUMN last_weekly_digest_at;
    `);
  }
}
