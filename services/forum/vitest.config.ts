import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { realServicesAvailable } from '../../scripts/reachable.mjs';
import TestReport, { ciRetry } from '../../scripts/test-report.mjs';

const require = createRequire(import.meta.url);
const withRealServices = await realServicesAvailable('forum tests');

// The same suite runs on the embedded defaults (PGlite, in-memory events) and, when this machine has them
// (always in CI), on PostgreSQL and Redis.
export default defineConfig({
  resolve: {
    // One copy of graphql for everything, or type-graphql and Apollo disagree ("Duplicate graphql modules").
    alias: [
      { find: /^graphql$/, replacement: require.resolve('graphql') },
      // The shared packages from their source, so tests never run a stale build.
      {
        find: '@stadtnetz/shared-subscriptions',
        replacement: fileURLToPath(
          new URL('../../packages/shared-subscriptions/src/index.ts', import.meta.url),
        ),
      },
      {
        find: '@stadtnetz/markdown',
        replacement: fileURLToPath(new URL('../../packages/markdown/src/index.ts', import.meta.url)),
      },
      {
        find: '@stadtnetz/identity',
        replacement: fileURLToPath(new URL('../../packages/identity/src/index.ts', import.meta.url)),
      },
    ],
  },
  test: {
    reporters: ['default', new TestReport()],
    retry: ciRetry,
    testTimeout: 30_000,
    hookTimeout: 90_000,
    projects: [
      { extends: true, test: { name: 'embedded', env: { FORUM_TEST_BACKEND: 'embedded' } } },
      ...(withRealServices
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['test/**/*.test.ts'],
                env: { FORUM_TEST_BACKEND: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
