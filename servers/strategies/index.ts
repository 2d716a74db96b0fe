import { asyncStrategy } from './async.js';
import { blocking } from './blocking.js';
import { childProcess } from './child-process.js';
import { cluster } from './cluster.js';
import { forgotAwait } from './forgot-await.js';
import { threadPerRequest } from './thread-per-request.js';
import type { Strategy } from './types.js';
import { workerThreads } from './worker-threads.js';

/** The registry: its keys are the valid strategy names (CLI, suites, results). One line each. */
export const strategies = {
  blocking,
  async: asyncStrategy,
  'worker-threads': workerThreads,
  'child-process': childProcess,
  cluster,
  'thread-per-request': threadPerRequest,
  'forgot-await': forgotAwait,
} satisfies Record<string, Strategy>;

export type StrategyName = keyof typeof strategies;
export const strategyNames = Object.keys(strategies) as StrategyName[];

export function isStrategyName(name: string): name is StrategyName {
  return Object.hasOwn(strategies, name);
}

export function getStrategy(name: string): Strategy {
  if (!isStrategyName(name)) {
    throw new Error(`unknown strategy '${name}'; allowed: ${strategyNames.join(', ')}`);
  }
  return strategies[name];
}
