import { defineConfig } from 'vitest/config';

// The multi-instance test starts real processes (two servers, PgBouncer) against the PostgreSQL at
// TEST_DATABASE_URL and the Redis at REDIS_TEST_URL: `npm run test:multi-instance`, a step of its
// own in `.ci/run`, not part of `npm test`.
export default defineConfig({
  test: {
    include: ['tests/multi-instance/**/*.test.ts'],
    // Backstops for a hang; every step inside is bounded by counts.
    testTimeout: 300_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
