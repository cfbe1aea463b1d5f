import { defineConfig } from 'vitest/config';
import TestReport, { ciRetry } from '../../scripts/test-report.mjs';

export default defineConfig({
  test: {
    reporters: ['default', new TestReport()],
    retry: ciRetry,
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    // Each file may start a whole platform; two cores run one at a time.
    fileParallelism: false,
  },
});
