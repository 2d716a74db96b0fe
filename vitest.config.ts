import { defineConfig } from 'vitest/config';

/**
 * The unit tier (`npm run test:unit`): every `*.test.ts` but the `*.server.test.ts` files.
 * Pure tests — no server, no child process, no worker, no socket, no timing — so they run
 * in parallel and the tier takes seconds. test/tiers/unit-guard.ts makes a test that
 * breaks the rule fail with the fix. The server tier is vitest.server.config.ts.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.server.test.ts', '**/node_modules/**'],
    setupFiles: ['test/tiers/unit-guard.ts'],
    testTimeout: 20_000,
    reporters: ['default'],
  },
});
