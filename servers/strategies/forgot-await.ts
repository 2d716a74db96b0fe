import type { WorkBody } from '../workloads/types.js';
import type { NodeStrategy } from './types.js';

/**
 * The classic bug, on purpose (claim C14): the handler calls the non-blocking
 * implementation and forgets `await`, then builds its answer from the pending promise.
 * It answers at once, with fields that are `undefined` (dropped by JSON), so it looks
 * faster than `async`; the harness's response validation counts every such answer as
 * wrong, and a run of this strategy is `invalid` by design.
 */
export const forgotAwait: NodeStrategy = {
  name: 'forgot-await',
  runtime: 'node',
  order: 7,
  colour: '#444444',
  core: false,
  role: 'forgot-await',
  description: 'BUG ON PURPOSE: calls the non-blocking implementation without await and answers from the pending promise',
  topology: 'single',
  usesPool: false,
  runsBlockingImplementation: false,
  executors: () => 1,
  async createHandler({ workload, params }) {
    await workload.init?.({ params });
    return {
      handle: async (req) => {
        const pending = workload.runNonBlocking(params, req); // <- the missing `await`
        // Keeps a rejection from ending the process, which would hide the bug under test.
        pending.catch(() => undefined);
        const result = pending as unknown as Partial<WorkBody>;
        return { workload: result.workload, id: result.id, value: result.value } as WorkBody;
      },
      close: async () => workload.close?.(),
    };
  },
};
