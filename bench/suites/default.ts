import { strategyNames } from '../../servers/strategies/index.js';
import type { Suite } from '../types.js';
import { closedLoad, defineScenario } from './scenario.js';

const DURATION_S = 5;
const WARMUP_S = 1;
const CONNECTIONS = 50;
const SWEEP_CONNECTIONS = [1, 10, 100, 1000];

/**
 * What `npm run bench` runs: every strategy × {noop, sleep, cpu}, 5 s runs, 3 interleaved
 * repetitions, plus the connection sweep of sleep on blocking and async (claims C1, C3, C4).
 */
export const defaultSuite: Suite = {
  name: 'default',
  description: 'every strategy x {noop, sleep 50 ms, cpu 20 ms} at 50 connections and a sleep connection sweep (1-1000), 5 s runs, 3 repetitions',
  repetitions: 3,
  scenarios: [
    defineScenario({ workload: 'noop', strategy: 'bare-fastify', load: closedLoad(CONNECTIONS, DURATION_S, WARMUP_S), tags: ['reference'] }),
    ...['noop', 'sleep', 'cpu'].flatMap((workload) =>
      strategyNames.map((strategy) => defineScenario({ workload, strategy, load: closedLoad(CONNECTIONS, DURATION_S, WARMUP_S) })),
    ),
    ...['blocking', 'async'].flatMap((strategy) =>
      SWEEP_CONNECTIONS.map((connections) =>
        defineScenario({ workload: 'sleep', strategy, load: closedLoad(connections, DURATION_S, WARMUP_S), tags: ['sweep'] }),
      ),
    ),
  ],
};
