import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// End-to-end tests need Debian's Chromium; SKIP_E2E=1 leaves them out locally, never in CI.
const skipE2e = process.env['SKIP_E2E'] === '1' && process.env['CI'] !== 'true';
if (skipE2e) console.warn('[frontend] SKIP_E2E=1: end-to-end tests are NOT run.');

export default defineConfig({
  plugins: [sveltekit()],
  server: { port: 3000, strictPort: true },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node' },
      },
      ...(skipE2e
        ? []
        : [
            {
              // The whole platform in real processes and Debian's Chromium: see e2e/platform.ts.
              test: {
                name: 'e2e',
                include: ['e2e/**/*.e2e.ts'],
                environment: 'node',
                testTimeout: 90_000,
                hookTimeout: 600_000,
                fileParallelism: false,
                globalSetup: ['./e2e/global-setup.ts'],
              },
            },
          ]),
    ],
  },
});
