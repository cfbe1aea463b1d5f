import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A post or a direct message may carry the id its form was rendered with (`clientId`): the same form sent twice
 * (a double click, a resubmission after a slow answer, a browser without JavaScript) writes one.
 */
export class PostClientId1764720000000 implements MigrationInterface {
  name = 'PostClientId1764720000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE post ADD COLUMN client_id text;
      CREATE UNIQUE INDEX post_author_client_id_key ON post (author_id, client_id) WHERE client_id IS NOT NULL;
      ALTER TABLE message ADD COLUMN client_id text;
      CREATE UNIQUE INDEX message_author_client_id_key ON message (author_id, client_id) WHERE client_id IS NOT NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX message_author_client_id_key; ALTER TABLE message DROP COLUMN client_id;
      DROP INDEX post_author_client_id_key; ALTER TABLE post DROP COLUMN client_id;
    `);
  }
}
