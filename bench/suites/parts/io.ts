import type { Scenario } from '../../types.js';
import { closedLoad, defineScenario } from '../scenario.js';
import type { Timing } from './timing.js';

const CONNECTIONS = 10;

/** Real I/O (claims C3, C7, C8, C9): the db's two queries, upstream fan-out, file reads. */
export function ioScenarios({ durationS, warmupS }: Timing, strategies = ['blocking', 'async', 'worker-threads']): Scenario[] {
  const load = closedLoad(CONNECTIONS, durationS, warmupS);
  return [
    ...['fast', 'slow'].flatMap((variant) => strategies.map((strategy) => defineScenario({ workload: 'db', strategy, variant, load, tags: ['io'] }))),
    defineScenario({ workload: 'upstream', strategy: 'blocking', load, tags: ['io', 'fan-out'] }),
    defineScenario({ workload: 'upstream', strategy: 'async', params: { mode: 'concurrent' }, load, tags: ['io', 'fan-out'] }),
    defineScenario({ workload: 'upstream', strategy: 'async', params: { mode: 'sequential' }, load, tags: ['io', 'fan-out'] }),
    defineScenario({ workload: 'file', strategy: 'blocking', load, tags: ['io'] }),
    defineScenario({ workload: 'file', strategy: 'async', load, tags: ['io'] }),
  ];
}
