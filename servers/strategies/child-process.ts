import { ChildPool } from '../pool/child-pool.js';
import type { NodeStrategy } from './types.js';

/** The blocking implementation in a pool of forked processes over IPC (multiprocessing.Pool). */
export const childProcess: NodeStrategy = {
  name: 'child-process',
  runtime: 'node',
  order: 4,
  colour: '#CC79A7',
  memoryUnit: { unit: 'child process', countedBy: 'pool' },
  core: true,
  role: 'processes',
  description: 'sync implementation in a pool of forked processes over IPC: W requests in parallel',
  topology: 'single',
  usesPool: true,
  runsBlockingImplementation: true,
  executors: (poolSize) => poolSize,
  async createHandler({ workloadName, params, poolSize }) {
    const pool = await ChildPool.start(poolSize, workloadName, params);
    return { handle: (req) => pool.run(req), close: () => pool.close() };
  },
};
