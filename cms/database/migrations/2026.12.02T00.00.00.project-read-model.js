'use strict';

/**
 * The CMS's read model of published projects (src/features/read-model): one row per published project and
 * locale with what search and `similar` read, and each project's precomputed most similar projects.
 *
 * Strapi runs this once per database, before it syncs its own tables, so nothing here may depend on them. The
 * earlier search side table (`project_search`, and `project_search_de` before it) was kept by a trigger on the
 * projects table; dropping its function drops the trigger with it.
 */
module.exports = {
  async up(knex, db) {
    const postgres = db.dialect.client === 'postgres';
    if (postgres) {
      await knex.raw('DROP FUNCTION IF EXISTS "project_search_sync"() CASCADE');
      await knex.raw('DROP FUNCTION IF EXISTS "project_search_de_sync"() CASCADE');
      await knex.raw('DROP TABLE IF EXISTS "project_search"');
      await knex.raw('DROP TABLE IF EXISTS "project_search_de"');
    }
    await knex.schema.createTable('project_listing', (table) => {
      table.string('document_id').notNullable();
      table.string('locale').notNullable();
      /** The published row's id in Strapi's projects table. */
      table.integer('project_id').notNullable();
      table.text('title');
      table.text('summary');
      table.text('description');
      /** JSON: the fields of action's documentIds, the target groups and the stems of title and summary. */
      table.text('profile').notNullable();
      table.primary(['document_id', 'locale']);
    });
    if (postgres) {
      await knex.raw('ALTER TABLE "project_listing" ADD COLUMN "search" tsvector NOT NULL');
      await knex.raw('CREATE INDEX "project_listing_search" ON "project_listing" USING gin ("search")');
    }
    await knex.schema.createTable('project_similar', (table) => {
      table.string('locale').notNullable();
      table.string('source_document_id').notNullable();
      /** 0 is the most similar. */
      table.integer('position').notNullable();
      table.string('document_id').notNullable();
      table.double('score').notNullable();
      table.primary(['locale', 'source_document_id', 'position']);
      table.index(['locale', 'document_id'], 'project_similar_target');
    });
  },
};
