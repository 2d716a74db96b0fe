import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * The unit tier (`npm run test:unit`): every `*.test.ts` but the `*.server.test.ts` files.
 * Pure tests — no server, no child process, no worker, no socket, no timing — so they run
 * in parallel and the tier takes seconds. test/tiers/unit-guard.ts makes a test that
 * breaks the rule fail with the fix. The server tier is vitest.server.config.ts.
 *
 * Where the time went (issue 9): vitest runs `cores - 1` workers by default, one on a
 * 2-core machine, and gives every file a fresh process and module graph, so each of the ~80
 * files paid for starting a process and importing vega, vega-lite and resvg again. Here: one
 * worker thread per core (threads: less CPU than forks here, no test needs a process of its
 * own), and files share their worker's module graph (`isolate: false`). Only the files that
 * replace a module with `vi.mock` (a mock would leak into the next file of the worker) reset
 * modules and mocks per file.
 */
export const MOCKING_FILES = ['test/pipeline/pipeline.test.ts', 'test/shard/merge.test.ts'];
const EXCLUDE = ['test/**/*.server.test.ts', '**/node_modules/**'];

export default defineConfig({
  test: {
    setupFiles: ['test/tiers/unit-guard.ts'],
    testTimeout: 20_000,
    reporters: ['default'],
    pool: 'threads',
    maxWorkers: availableParallelism(),
    minWorkers: 1,
    // The pool reads this one (workers are reused across files); each project's own `isolate`
    // decides whether a file's modules and mocks are reset inside the worker.
    isolate: false,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...EXCLUDE, ...MOCKING_FILES], isolate: false } },
      { extends: true, test: { name: 'unit-mocking', include: MOCKING_FILES, exclude: EXCLUDE, isolate: true } },
    ],
  },
});
