import { asyncStrategy } from './async.js';
import { blocking } from './blocking.js';
import { childProcess } from './child-process.js';
import { cluster } from './cluster.js';
import { forgotAwait } from './forgot-await.js';
import { threadPerRequest } from './thread-per-request.js';
import { pyAsyncio } from './py-asyncio.js';
import { pyBlocking } from './py-blocking.js';
import { pyPrefork } from './py-prefork.js';
import { pyProcesses } from './py-processes.js';
import { pyThreads } from './py-threads.js';
import type { Runtime, Strategy } from './types.js';
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
  'py-blocking': pyBlocking,
  'py-asyncio': pyAsyncio,
  'py-threads': pyThreads,
  'py-processes': pyProcesses,
  'py-prefork': pyPrefork,
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

/** The registered strategy by name, or undefined (reference servers such as bare-fastify, old results). */
export function findStrategy(name: string): Strategy | undefined {
  return isStrategyName(name) ? strategies[name] : undefined;
}

/** Registered strategies of one runtime, in report order. */
export function strategiesOfRuntime(runtime: Runtime): Strategy[] {
  return strategyNames.map((name) => strategies[name] as Strategy).filter((s) => s.runtime === runtime).sort((a, b) => a.order - b.order);
}

/** The runtime a scenario's strategy runs in; reference servers (bare-fastify) are Node.js. */
export function runtimeOf(strategyName: string): Runtime {
  return findStrategy(strategyName)?.runtime ?? 'node';
}
