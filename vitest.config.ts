import { defineConfig } from 'vitest/config'

// Unit and integration tests: a real SQLite database per worker, copied from a migrated template
// (tests/setup/global-setup.ts builds the template once, tests/setup/worker-db.ts copies it).
export default defineConfig({
  test: {
    include: ['app/**/*.test.{ts,tsx}', 'db/**/*.test.ts', 'search/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    globalSetup: ['tests/setup/global-setup.ts'],
    setupFiles: ['tests/setup/worker-db.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    // People publish directly in the tests, as before the review of first contributions; review.server.test.ts sets 2.
    env: { REVIEW_THRESHOLD: '0' },
    hookTimeout: 60_000,
  },
})
