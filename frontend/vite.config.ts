import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import TestReport, { ciRetry } from '../scripts/test-report.mjs';

// The launcher from its source, so the end-to-end tests never run a stale build of it.
const launcher = fileURLToPath(new URL('../packages/platform/src/index.ts', import.meta.url));
// The unit tests read the Markdown package from its source too; the site's build reads its build (dist).
const markdown = fileURLToPath(new URL('../packages/markdown/src/index.ts', import.meta.url));

// End-to-end tests need Debian's Chromium; SKIP_E2E=1 leaves them out locally, never in CI.
const skipE2e = process.env['SKIP_E2E'] === '1' && process.env['CI'] !== 'true';
if (skipE2e) console.warn('[frontend] SKIP_E2E=1: end-to-end tests are NOT run.');

export default defineConfig({
  plugins: [sveltekit()],
  server: { port: 3000, strictPort: true },
  test: {
    reporters: ['default', new TestReport()],
    projects: [
      {
        extends: true,
        resolve: { alias: { '@stadtnetz/markdown': markdown } },
        test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node' },
      },
      ...(skipE2e
        ? []
        : [
            {
              // The whole platform in real processes and Debian's Chromium: see e2e/platform.ts.
              resolve: { alias: { '@stadtnetz/platform': launcher } },
              test: {
                name: 'e2e',
                include: ['e2e/**/*.e2e.ts'],
                environment: 'node',
                testTimeout: 90_000,
                hookTimeout: 600_000,
                fileParallelism: false,
                retry: ciRetry,
                globalSetup: ['./e2e/global-setup.ts'],
              },
            },
          ]),
    ],
  },
});
