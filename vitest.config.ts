import { defineConfig } from 'vitest/config';

// Tests that start real servers and send real load run one file at a time
// (fileParallelism: false) so they never compete for the 2 cores with each other.
// `npm test` builds dist/ first: servers are started from the compiled entry.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
