import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // tfjs holds one global engine per process; files run in separate forks.
    pool: 'forks',
    maxWorkers: 2,
  },
});
