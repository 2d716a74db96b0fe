import { Piscina } from 'piscina';
import { poolEntryPath } from '../pool/paths.js';
import type { WorkTask } from '../pool/worker-task.js';
import type { WorkBody } from '../workloads/types.js';
import type { NodeStrategy } from './types.js';

/** The blocking implementation in a piscina pool of worker threads (the analog of a thread pool). */
export const workerThreads: NodeStrategy = {
  name: 'worker-threads',
  runtime: 'node',
  order: 2,
  colour: '#009E73',
  memoryUnit: { unit: 'worker thread', countedBy: 'pool' },
  core: true,
  role: 'threads',
  description: 'sync implementation in a piscina worker-thread pool: W requests in parallel',
  topology: 'single',
  usesPool: true,
  runsBlockingImplementation: true,
  executors: (poolSize) => poolSize,
  async createHandler({ workloadName, params, poolSize }) {
    const pool = new Piscina({
      filename: poolEntryPath('worker-task.js'),
      minThreads: poolSize,
      maxThreads: poolSize,
      // Tasks wait in piscina's queue rather than being rejected: the closed-model load
      // bounds the queue to the connection count.
      maxQueue: Infinity,
      idleTimeout: 60_000,
      workerData: { workloadName, params },
    });
    // Start every thread (and run the workload's init in each) before reporting ready, so
    // thread start-up is not measured as request latency.
    await Promise.all(
      Array.from({ length: poolSize }, () => pool.run({ warmup: true } satisfies WorkTask)),
    );
    return {
      handle: (req) => pool.run({ req } satisfies WorkTask) as Promise<WorkBody>,
      close: () => pool.destroy(),
    };
  },
};
