import { blocking } from './blocking.js';
import type { NodeStrategy } from './types.js';

/**
 * node:cluster prefork: poolSize server processes share the port (the primary accepts
 * and hands connections round-robin), each running the blocking implementation on its
 * own event loop. servers/serve.ts owns the primary/worker split; here is only what each
 * worker process runs.
 */
export const cluster: NodeStrategy = {
  name: 'cluster',
  runtime: 'node',
  order: 6,
  colour: '#E69F00',
  memoryUnit: { unit: 'cluster process', countedBy: 'pool' },
  core: true,
  role: 'prefork',
  description: 'node:cluster prefork: N server processes share the port, each blocking',
  topology: 'prefork',
  usesPool: true,
  runsBlockingImplementation: true,
  executors: (poolSize) => poolSize,
  createHandler: (ctx) => blocking.createHandler(ctx),
};
