/**
 * C10 — "Asyncio is not suitable for CPU-intensive workloads."
 *
 * Analog: CPU work (cpu, T = 20 ms, 50 connections) in an async handler that yields
 * between chunks vs the same work done blocking, on one event loop.
 *
 * Predicate: requests/s, async vs blocking (compareSamples, band 5%): no clear difference
 * or async worse → supported (async gains nothing: one thread does all the work either
 * way); async better → refuted; too noisy → inconclusive.
 * Context, not decisive: the p99 of both, the worker-thread pool on the same work (what
 * does help), and the event-loop delay under CPU vs under I/O. The delay is not part of
 * the rule: an async handler that yields every ~0.5 ms keeps the loop's timer delay low
 * while every request still waits for all the others' CPU (C15 judges the delay).
 */
import { ClaimJudging } from './judging.js';
import { core } from './scenarios.js';
import type { Claim } from './types.js';

const cpuAsync = core('cpu', 'async');
const cpuBlocking = core('cpu', 'blocking');
const sleepAsync = core('sleep', 'async');
const cpuThreads = core('cpu', 'worker-threads');

export const c10: Claim = {
  id: 'C10',
  quote: 'Asyncio is not suitable for CPU-intensive workloads.',
  analog: 'CPU work in an async handler (yielding between chunks) vs done blocking on the event loop: throughput',
  scenarios: [cpuAsync, cpuBlocking, cpuThreads, sleepAsync],
  judge(results, ctx) {
    const j = new ClaimJudging('C10', results, ctx);
    j.check({
      label: 'cpu 20 ms, 50 conn',
      figure: 'rps',
      a: { scenario: cpuAsync, name: 'async' },
      b: { scenario: cpuBlocking, name: 'blocking' },
      expect: 'a-not-better',
    });
    j.check({ label: 'context', figure: 'latencyP99Ms', a: { scenario: cpuAsync, name: 'async' }, b: { scenario: cpuBlocking, name: 'blocking' }, decisive: false });
    j.check({ label: 'context', figure: 'rps', a: { scenario: cpuThreads, name: 'worker-threads' }, b: { scenario: cpuAsync, name: 'async' }, decisive: false });
    j.check({ label: 'context, async server', figure: 'loopDelayP99Ms', a: { scenario: cpuAsync, name: 'cpu' }, b: { scenario: sleepAsync, name: 'sleep' }, decisive: false });
    return j.finish({ lead: { supported: 'async gains nothing on CPU work: one thread does it all either way' } });
  },
};
