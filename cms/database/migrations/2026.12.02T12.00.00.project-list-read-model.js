'use strict';

/**
 * The public project list from the read model (src/features/read-model): each listing row carries the published
 * project as the API shows it (`document`: its fields and the relations a list shows, as JSON), and
 * `project_listing_link` holds what a list filters through — one row per linked field of action, city,
 * organisation and target group, with the fields the public filters by.
 *
 * Rows written before this migration have no document; the start check sees them and rebuilds the read model.
 */
module.exports = {
  async up(knex) {
    await knex.schema.alterTable('project_listing', (table) => {
      table.text('document');
    });
    await knex.schema.createTable('project_listing_link', (table) => {
      table.string('document_id').notNullable();
      table.string('locale').notNullable();
      /** The project's attribute: actionFields, city, leadOrganisation, partners, targetGroups. */
      table.string('attribute').notNullable();
      table.integer('position').notNullable();
      /** The linked document (null for a component). */
      table.string('target_document_id');
      table.string('slug');
      table.string('federal_state');
      /** A target group component's group. */
      table.string('target_group');
      table.primary(['document_id', 'locale', 'attribute', 'position']);
      table.index(['locale', 'attribute', 'slug'], 'project_listing_link_slug');
      table.index(['locale', 'attribute', 'target_document_id'], 'project_listing_link_target');
    });
  },
};
