import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { realServicesAvailable } from '../scripts/reachable.mjs';
import TestReport, { ciRetry } from '../scripts/test-report.mjs';

const require = createRequire(import.meta.url);
const withRealServices = await realServicesAvailable('gateway tests');

// The gateway is tested against the real forum and CMS, started by the tests: on the embedded defaults
// (PGlite, SQLite, in-memory) and, when this machine has them (always in CI), on PostgreSQL and Redis.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^graphql$/, replacement: require.resolve('graphql') },
      // The shared package from its source, so tests never run a stale build.
      {
        find: '@stadtnetz/shared-subscriptions',
        replacement: fileURLToPath(new URL('../packages/shared-subscriptions/src/index.ts', import.meta.url)),
      },
      {
        find: '@stadtnetz/identity',
        replacement: fileURLToPath(new URL('../packages/identity/src/index.ts', import.meta.url)),
      },
      {
        find: '@stadtnetz/platform',
        replacement: fileURLToPath(new URL('../packages/platform/src/index.ts', import.meta.url)),
      },
    ],
  },
  test: {
    reporters: ['default', new TestReport()],
    retry: ciRetry,
    testTimeout: 60_000,
    hookTimeout: 360_000,
    globalSetup: ['./test/global-setup.ts'],
    // Each file starts its own forum and CMS processes; two cores run one file at a time.
    fileParallelism: false,
    projects: [
      { extends: true, test: { name: 'embedded', env: { PLATFORM_TEST_BACKEND: 'embedded' } } },
      ...(withRealServices
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['test/**/*.test.ts'],
                env: { PLATFORM_TEST_BACKEND: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
