// Portal developers read the public API in GraphiQL: at least 95 % of its fields and arguments are described
// (the same check `npm run schema:check` runs in CI, scripts/schema-descriptions.mjs).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REQUIRED_SHARE, descriptionCoverage } from '../../scripts/schema-descriptions.mjs';

const publicSdl = readFileSync(new URL('../../schema/public.graphql', import.meta.url), 'utf8');

describe('descriptions of the public schema', () => {
  it('describes at least 95 % of the fields and arguments of schema/public.graphql', () => {
    const coverage = descriptionCoverage(publicSdl);
    expect(coverage.total).toBeGreaterThan(1000);
    expect(coverage.share, coverage.missing.join(', ')).toBeGreaterThanOrEqual(REQUIRED_SHARE);
  });

  it('describes the lists portals page through, their arguments and Strapi’s filters', () => {
    const { missing } = descriptionCoverage(publicSdl);
    for (const name of [
      'Query.projects_connection',
      'Query.projects_connection(filters)',
      'Query.projects_connection(pagination)',
      'Pagination.total',
      'Project.city',
      'StringFilterInput.containsi',
      'Query.threads(after)',
      'PageInfo.endCursor',
      'Workshop.startsAt',
    ])
      expect(missing).not.toContain(name);
  });

  it('counts what lacks a description', () => {
    const coverage = descriptionCoverage(`
      type Query {
        "Described"
        a(x: Int): Int
        b: Int
      }
    `);
    expect(coverage).toMatchObject({ total: 3, described: 1, missing: ['Query.a(x)', 'Query.b'] });
  });
});
