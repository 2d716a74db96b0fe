/**
 * C10 — "Asyncio is not suitable for CPU-intensive workloads."
 *
 * Analog: CPU work (cpu, T = 20 ms, 50 connections) in an async handler that yields
 * between chunks vs done blocking; and the event loop's delay under that work vs under
 * I/O work (sleep 50 ms) on the same async server.
 *
 * Predicate (both must support; compareSamples, band 5%, Holm):
 * - requests/s, async vs blocking on cpu: no clear difference or async worse → supports
 *   (async gains nothing); async better → refutes;
 * - event-loop delay p99, cpu vs sleep on the async server: significantly larger under
 *   CPU work → supports; no clear difference or smaller → refutes.
 */
import { ClaimJudging } from './judging.js';
import { core } from './scenarios.js';
import type { Claim } from './types.js';

const cpuAsync = core('cpu', 'async');
const cpuBlocking = core('cpu', 'blocking');
const sleepAsync = core('sleep', 'async');

export const c10: Claim = {
  id: 'C10',
  quote: 'Asyncio is not suitable for CPU-intensive workloads.',
  analog: 'CPU work in an async handler (yielding between chunks) vs blocking: throughput, and the event loop\'s delay vs under I/O',
  scenarios: [cpuAsync, cpuBlocking, sleepAsync],
  judge(results, ctx) {
    const j = new ClaimJudging('C10', results, ctx);
    j.check({
      label: 'cpu 20 ms, 50 conn',
      figure: 'rps',
      a: { scenario: cpuAsync, name: 'async' },
      b: { scenario: cpuBlocking, name: 'blocking' },
      expect: 'a-not-better',
    });
    j.check({
      label: 'async server, 50 conn',
      figure: 'loopDelayP99Ms',
      a: { scenario: cpuAsync, name: 'cpu' },
      b: { scenario: sleepAsync, name: 'sleep' },
      // Here "a better" means a larger delay: the claim expects the loop to suffer under CPU work.
      higherIsBetter: true,
    });
    j.check({ label: 'context', figure: 'latencyP99Ms', a: { scenario: cpuAsync, name: 'async' }, b: { scenario: cpuBlocking, name: 'blocking' }, decisive: false });
    return j.finish({ lead: { supported: 'async gains nothing on CPU work and its event loop lags' } });
  },
};
