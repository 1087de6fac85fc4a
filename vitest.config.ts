import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The PostgreSQL run's one server (does nothing on the SQLite run).
    globalSetup: ['test/support/postgres-global-setup.ts'],
  },
});
