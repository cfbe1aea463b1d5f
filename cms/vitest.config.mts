import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import TestReport, { ciRetry } from '../scripts/test-report.mjs';

const require = createRequire(import.meta.url);

// Integration suites boot Strapi once per file, against SQLite and against PostgreSQL (the same tests).
// Strapi is heavy and the machines have two cores: one Strapi per worker, two workers at most.
const integration = ['tests/**/*.int.test.ts'];

export default defineConfig({
  // One graphql module: vitest would load its ESM build while Apollo's packages require the CJS one.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    reporters: ['default', new TestReport()],
    retry: ciRetry,
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 180_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.unit.test.ts'] } },
      { extends: true, test: { name: 'sqlite', include: integration, env: { CMS_TEST_DATABASE: 'sqlite' } } },
      {
        extends: true,
        test: { name: 'postgres', include: integration, env: { CMS_TEST_DATABASE: 'postgres' } },
      },
    ],
  },
});
