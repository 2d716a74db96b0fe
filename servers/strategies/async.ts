import type { NodeStrategy } from './types.js';

/** The non-blocking implementation awaited on the event loop: waits overlap, CPU does not. */
export const asyncStrategy: NodeStrategy = {
  name: 'async',
  runtime: 'node',
  order: 1,
  colour: '#0072B2',
  memoryUnit: { unit: 'pending async call', countedBy: 'connections' },
  core: true,
  role: 'async',
  description: 'non-blocking implementation awaited on the event loop: waits overlap, CPU work does not',
  topology: 'single',
  usesPool: false,
  runsBlockingImplementation: false,
  // For waits, every connection can be waiting at once; for CPU, the one loop thread is
  // the only executor. bench/ideal.ts applies that distinction per workload.
  executors: () => 1,
  async createHandler({ workload, params }) {
    await workload.init?.({ params });
    return {
      handle: (req) => workload.runNonBlocking(params, req),
      close: async () => workload.close?.(),
    };
  },
};
