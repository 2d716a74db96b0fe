import type { NodeStrategy } from './types.js';

/** The blocking implementation, called straight from the request handler on the event loop. */
export const blocking: NodeStrategy = {
  name: 'blocking',
  runtime: 'node',
  order: 0,
  colour: '#D55E00',
  core: true,
  role: 'blocking',
  description: 'sync implementation on the event loop: one request at a time per process',
  topology: 'single',
  usesPool: false,
  runsBlockingImplementation: true,
  executors: () => 1,
  async createHandler({ workload, params }) {
    await workload.init?.({ params });
    return {
      handle: async (req) => workload.runBlocking(params, req),
      close: async () => workload.close?.(),
    };
  },
};
