import { defineConfig } from 'vitest/config';

// Unit and integration tests (plain Node). End-to-end browser tests live in vitest.e2e.config.mts.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'drivers/**/*.test.ts', 'test/node/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
