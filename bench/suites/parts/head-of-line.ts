import type { ProbeLoad, Scenario } from '../../types.js';
import { closedLoad, defineScenario } from '../scenario.js';
import type { Timing } from './timing.js';

/**
 * The cheap-route load beside the heavy one: Poisson arrivals at 200/s (200 samples a
 * second, ~1% of a core on the generator, a few % on a Python server), up to 64
 * connections so a blocked server's backlog of probes does not queue client-side.
 */
export const PROBE: ProbeLoad = { path: '/noop', ratePerS: 200, connections: 64 };

/**
 * Head-of-line blocking (claims C12, C13): heavy work on `/work` at a few connections while
 * a cheap `/noop` load runs on the same server; the cheap route's latency shows whether
 * the heavy work holds the event loop.
 */
export function headOfLineScenarios({ durationS, warmupS }: Timing): Scenario[] {
  const heavy = (workload: string, strategy: string, params: Record<string, number | string> = {}, variant?: string) =>
    defineScenario({
      workload,
      strategy,
      params,
      ...(variant ? { variant } : {}),
      load: closedLoad(4, durationS, warmupS),
      probe: PROBE,
      tags: ['head-of-line'],
    });
  return [
    heavy('sleep', 'blocking', { sleepMs: 50 }),
    heavy('sleep', 'async', { sleepMs: 50 }),
    heavy('cpu', 'blocking', { cpuMs: 20 }),
    heavy('cpu', 'async', { cpuMs: 20 }),
    heavy('cpu', 'worker-threads', { cpuMs: 20 }),
    heavy('cpu', 'child-process', { cpuMs: 20 }),
    heavy('cpu', 'cluster', { cpuMs: 20 }),
    heavy('db', 'blocking', {}, 'slow'),
    heavy('db', 'async', {}, 'slow'),
  ];
}
