import { strategyNames } from '../../servers/strategies/index.js';
import type { Suite } from '../types.js';
import { closedLoad, defineScenario } from './scenario.js';

const DURATION_S = 2;
const WARMUP_S = 0.5;
const CONNECTIONS = 50;

/** Every strategy × {noop, sleep, cpu}, 2 s runs, one repetition: a smoke test of the whole pipeline (< 3 min). */
export const quick: Suite = {
  name: 'quick',
  description: 'every strategy x {noop, sleep 50 ms, cpu 20 ms} at 50 connections, 2 s runs, 1 repetition',
  repetitions: 1,
  scenarios: [
    defineScenario({ workload: 'noop', strategy: 'bare-fastify', load: closedLoad(CONNECTIONS, DURATION_S, WARMUP_S), tags: ['reference'] }),
    ...['noop', 'sleep', 'cpu'].flatMap((workload) =>
      strategyNames.map((strategy) => defineScenario({ workload, strategy, load: closedLoad(CONNECTIONS, DURATION_S, WARMUP_S) })),
    ),
  ],
};
