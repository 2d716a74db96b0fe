import { strategiesOfRuntime } from '../../../servers/strategies/index.js';
import type { Scenario } from '../../types.js';
import { closedLoad, defineScenario } from '../scenario.js';
import type { Timing } from './timing.js';

const CONNECTIONS = 50;
/** The Node.js strategies the harness compares on every workload (`core: true` in the registry), in report order. */
export const coreStrategies: string[] = strategiesOfRuntime('node').filter((s) => s.core).map((s) => s.name);

/** Every strategy × {noop, sleep 50 ms, cpu 20 ms} at 50 connections, and the bare fastify reference. */
export function coreScenarios({ durationS, warmupS }: Timing): Scenario[] {
  const load = closedLoad(CONNECTIONS, durationS, warmupS);
  return [
    defineScenario({ workload: 'noop', strategy: 'bare-fastify', load, tags: ['reference'] }),
    ...['noop', 'sleep', 'cpu'].flatMap((workload) => coreStrategies.map((strategy) => defineScenario({ workload, strategy, load }))),
  ];
}
