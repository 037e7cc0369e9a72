import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'tests/multi-instance/**', 'node_modules/**'],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/full-english.ts'],
    // Backstops for a hang, not measures of speed: every property test is bounded by its number of
    // runs, and a hook opens and migrates a database. On a two-core machine shared with a build,
    // a browser and another suite, both took more than half the old limits (30 s, 60 s) and
    // sometimes all of them; a hang still fails, a few minutes later.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Each file gets its own embedded database; two workers match the two cores these machines have.
    pool: 'forks',
    maxWorkers: 2,
  },
});
