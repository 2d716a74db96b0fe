import { defineConfig } from 'vitest/config';

/**
 * The server tier (`npm run test:server`, the second half of `npm test`): the
 * `*.server.test.ts` files, which start real servers, child processes or Chromium and send
 * short bounded loads to 127.0.0.1. They run one file at a time (fileParallelism: false) so
 * they never compete for the cores with each other, from the compiled dist/ (servers are
 * started from there), after `npm run setup` has provisioned Chromium and PostgreSQL.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.server.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    // Its own cache directory, so a ceiling measured by a test never reaches `npm run bench`.
    globalSetup: ['test/tiers/server-cache.ts'],
  },
});
