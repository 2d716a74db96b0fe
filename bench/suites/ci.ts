import type { Suite } from '../types.js';
import { closedLoad, defineScenario } from './scenario.js';

const DURATION_S = 1;
const WARMUP_S = 0.5;
/** Enough connections that every pool (2 cores here, more on bigger runners) stays busy. */
const CPU_CONNECTIONS = 8;
/**
 * One connection: the generator and the server take turns, so neither saturates a core
 * (at 10 connections the generator hits its ceiling on 2 cores and the run is invalid).
 */
const NOOP_CONNECTIONS = 1;

/**
 * What `npm run bench:ci` runs and the gate compares with reports/baseline.json. Only
 * figures that survive a change of machine are gated (bench/gate/metrics.ts): the
 * efficiency of each scenario that has an ideal, and ratios measured inside one
 * repetition against the reference strategy of the same workload and load (cpu: speedup
 * over blocking; noop: async over bare fastify). Short runs, many interleaved
 * repetitions: the gate's tolerance comes from the spread over repetitions, so six
 * short runs are worth more than two long ones. About 3 minutes on 2 cores.
 */
export const ci: Suite = {
  name: 'ci',
  description: `CI gate: blocking sleep 10 ms (c4), async sleep 50 ms (c100), cpu 20 ms on blocking / worker-threads / child-process / cluster (c${CPU_CONNECTIONS}), noop async vs bare fastify (c${NOOP_CONNECTIONS}); ${DURATION_S} s runs, 6 repetitions`,
  repetitions: 6,
  scenarios: [
    defineScenario({ workload: 'sleep', strategy: 'blocking', params: { sleepMs: 10 }, load: closedLoad(4, DURATION_S, WARMUP_S) }),
    defineScenario({ workload: 'sleep', strategy: 'async', load: closedLoad(100, DURATION_S, WARMUP_S) }),
    ...['blocking', 'worker-threads', 'child-process', 'cluster'].map((strategy) =>
      defineScenario({ workload: 'cpu', strategy, load: closedLoad(CPU_CONNECTIONS, DURATION_S, WARMUP_S) }),
    ),
    defineScenario({ workload: 'noop', strategy: 'async', load: closedLoad(NOOP_CONNECTIONS, DURATION_S, WARMUP_S) }),
    defineScenario({ workload: 'noop', strategy: 'bare-fastify', load: closedLoad(NOOP_CONNECTIONS, DURATION_S, WARMUP_S), tags: ['reference'] }),
  ],
};
