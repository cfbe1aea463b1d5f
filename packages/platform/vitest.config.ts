import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    // Each file may start a whole platform; two cores run one at a time.
    fileParallelism: false,
  },
});
