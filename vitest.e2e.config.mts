import { defineConfig } from 'vitest/config';

// End-to-end tests: the built renderer in Debian's Chromium (Playwright) against `sportello serve`
// (real core, node simulator, virtual devices). One fork, files in sequence: one browser at a time
// on a 2-core machine.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});
