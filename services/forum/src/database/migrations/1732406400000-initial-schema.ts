import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1732406400000 implements MigrationInterface {
  name = 'InitialSchema1732406400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text NOT NULL,
        display_name text NOT NULL,
        handle text NOT NULL,
        sector text NOT NULL CHECK (sector IN ('VERWALTUNG','WISSENSCHAFT','SOZIALWESEN','WOHNUNGSWIRTSCHAFT','PROJEKTPRAXIS','SONSTIGE')),
        organisation text,
        city_id text,
        bio text NOT NULL DEFAULT '',
        interest_ids text[] NOT NULL DEFAULT '{}',
        role text NOT NULL DEFAULT 'MEMBER' CHECK (role IN ('MEMBER','MODERATOR','ADMIN')),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX member_email_key ON member (lower(email));
      CREATE UNIQUE INDEX member_handle_key ON member (lower(handle));
      CREATE INDEX member_city_idx ON member (city_id);
      CREATE INDEX member_interests_idx ON member USING gin (interest_ids);
      CREATE INDEX member_directory_idx ON member (display_name, id);

      CREATE TABLE category (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        position int NOT NULL DEFAULT 0
      );

      CREATE TABLE thread (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        category_id uuid NOT NULL REFERENCES category (id),
        author_id uuid NOT NULL REFERENCES member (id),
        title text NOT NULL,
        project_id text,
        workshop_id text,
        action_field_ids text[] NOT NULL DEFAULT '{}',
        pinned boolean NOT NULL DEFAULT false,
        locked boolean NOT NULL DEFAULT false,
        hidden boolean NOT NULL DEFAULT false,
        solution_post_id uuid,
        last_post_id uuid,
        post_count int NOT NULL DEFAULT 0,
        -- milliseconds, so that a cursor made from a JavaScript Date matches the stored value exactly
        last_activity_at timestamptz(3) NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        search_vector tsvector GENERATED ALWAYS AS (to_tsvector('german', title)) STORED
      );
      CREATE INDEX thread_activity_idx ON thread (last_activity_at DESC, id DESC);
      CREATE INDEX thread_category_activity_idx ON thread (category_id, last_activity_at DESC, id DESC);
      CREATE INDEX thread_project_idx ON thread (project_id, last_activity_at DESC) WHERE project_id IS NOT NULL;
      CREATE INDEX thread_workshop_idx ON thread (workshop_id, last_activity_at DESC) WHERE workshop_id IS NOT NULL;
      CREATE INDEX thread_action_fields_idx ON thread USING gin (action_field_ids);
      CREATE INDEX thread_search_idx ON thread USING gin (search_vector);

      CREATE TABLE post (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        thread_id uuid NOT NULL REFERENCES thread (id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES member (id),
        reply_to_id uuid REFERENCES post (id),
        body text NOT NULL,
        body_html text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz,
        deleted_at timestamptz,
        hidden_at timestamptz,
        search_vector tsvector GENERATED ALWAYS AS (to_tsvector('german', body)) STORED
      );
      CREATE INDEX post_thread_seq_idx ON post (thread_id, seq);
      CREATE INDEX post_search_idx ON post USING gin (search_vector);
      ALTER TABLE thread ADD CONSTRAINT thread_solution_fk FOREIGN KEY (solution_post_id) REFERENCES post (id) ON DELETE SET NULL;
      ALTER TABLE thread ADD CONSTRAINT thread_last_post_fk FOREIGN KEY (last_post_id) REFERENCES post (id) ON DELETE SET NULL;

      CREATE TABLE reaction (
        post_id uuid NOT NULL REFERENCES post (id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('LIKE','THANKS','HELPFUL','INSIGHTFUL')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (post_id, member_id, kind)
      );

      CREATE TABLE follow (
        member_id uuid NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        target_type text NOT NULL CHECK (target_type IN ('THREAD','CATEGORY')),
        target_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (member_id, target_type, target_id)
      );
      CREATE INDEX follow_target_idx ON follow (target_type, target_id);

      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        member_id uuid NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        kind text NOT NULL,
        actor_id uuid REFERENCES member (id) ON DELETE SET NULL,
        thread_id uuid REFERENCES thread (id) ON DELETE CASCADE,
        post_id uuid REFERENCES post (id) ON DELETE CASCADE,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX notification_member_idx ON notification (member_id, seq DESC);
      CREATE INDEX notification_unread_idx ON notification (member_id) WHERE read_at IS NULL;

      CREATE TABLE conversation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_message_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE conversation_participant (
        conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        last_read_at timestamptz,
        PRIMARY KEY (conversation_id, member_id)
      );
      CREATE INDEX conversation_participant_member_idx ON conversation_participant (member_id);
      CREATE TABLE message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES member (id),
        body text NOT NULL,
        body_html text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX message_conversation_idx ON message (conversation_id, seq);

      CREATE TABLE flag (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        post_id uuid NOT NULL REFERENCES post (id) ON DELETE CASCADE,
        reporter_id uuid NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        resolved_by_id uuid REFERENCES member (id)
      );
      CREATE UNIQUE INDEX flag_open_once_idx ON flag (post_id, reporter_id) WHERE resolved_at IS NULL;

      CREATE TABLE signing_key (
        kid text PRIMARY KEY,
        private_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      INSERT INTO category (slug, name, description, position) VALUES
        ('allgemeines', 'Allgemeines', 'Fragen und Hinweise rund um das Netzwerk', 1),
        ('wohnen-quartier', 'Wohnen und Quartier', 'Nachbarschaft, Belegung, Stadtteilmanagement', 2),
        ('sprache-bildung', 'Sprache und Bildung', 'Sprachförderung, Schule, Weiterbildung', 3),
        ('arbeit-ausbildung', 'Arbeit und Ausbildung', 'Arbeitsmarktintegration und Anerkennung', 4),
        ('teilhabe-engagement', 'Teilhabe und Engagement', 'Partizipation, Ehrenamt, Vereine', 5),
        ('projekte', 'Projekte', 'Diskussionen zu Projekten der Gute-Praxis-Datenbank', 6),
        ('workshops', 'Workshops', 'Diskussionen zur Workshopreihe', 7);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE signing_key, flag, message, conversation_participant, conversation, notification,
        follow, reaction;
      ALTER TABLE thread DROP CONSTRAINT thread_solution_fk, DROP CONSTRAINT thread_last_post_fk;
      DROP TABLE post, thread, category, member;
    `);
  }
}
