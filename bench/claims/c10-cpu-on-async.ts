/**
 * C10 — "Asyncio is not suitable for CPU-intensive workloads."
 *
 * Analog: CPU work (cpu, T = 20 ms, 50 connections) in an async handler that yields
 * between chunks, vs the same work done blocking on the event loop, and vs a process
 * pool, judged against the parallelism control (the cores the machine delivered, D).
 *
 * Predicate (both must support; compareSamples, band 5%, Holm):
 * - async vs blocking, requests/s: async better beyond the band → refutes (async gained
 *   something on CPU work); no clear difference or worse → supports (one thread does all
 *   the work either way); too noisy → undecided;
 * - processes vs async, requests/s, needs D ≥ 1.5 (else undecided, naming D): processes
 *   significantly faster with the whole interval ≥ mid = 1 + (min(P, D) − 1)/2 → supports
 *   (async leaves the delivered cores idle); no clear difference or async faster →
 *   refutes (async did as well as a process pool on this machine); otherwise undecided.
 * Context, not decisive: the p99 of both and the event-loop delay under CPU vs under I/O
 * (C15 judges the delay).
 */
import { formatCi, formatNumber, formatRatio } from '../format/index.js';
import { ClaimJudging } from './judging.js';
import { deliveredCores, parallelMidpoint } from './parallelism.js';
import { core } from './scenarios.js';
import type { Claim, ClaimComparison, Outcome } from './types.js';

const cpuAsync = core('cpu', 'async');
const cpuBlocking = core('cpu', 'blocking');
const cpuProcesses = core('cpu', 'child-process');
const sleepAsync = core('sleep', 'async');

export const c10: Claim = {
  id: 'C10',
  quote: 'Asyncio is not suitable for CPU-intensive workloads.',
  analog: 'CPU work in an async handler (yielding between chunks) vs done blocking on the event loop, and vs a process pool on the cores the machine delivered: throughput',
  scenarios: [cpuAsync, cpuBlocking, cpuProcesses, sleepAsync],
  judge(results, ctx) {
    const j = new ClaimJudging('C10', results, ctx);
    j.check({
      label: 'cpu 20 ms, 50 conn',
      figure: 'rps',
      a: { scenario: cpuAsync },
      b: { scenario: cpuBlocking },
      expect: 'a-not-better',
    });
    const delivered = deliveredCores(j, ctx);
    if (delivered) {
      const p = cpuProcesses.poolSize ?? results.machine.usableCores;
      const { k, mid } = parallelMidpoint(p, delivered.cores);
      j.check({
        label: 'cpu 20 ms, 50 conn, processes vs async',
        figure: 'rps',
        a: { scenario: cpuProcesses },
        b: { scenario: cpuAsync },
        expect: (c: ClaimComparison): Outcome =>
          c.verdictAfterHolm === 'a-better' ? (c.ratioCiLow >= mid ? 'supports' : 'undecided') : c.verdictAfterHolm === 'inconclusive' ? 'undecided' : 'refutes',
        text: (c) =>
          `processes ${formatNumber(c.aMedian)} req/s vs async ${formatNumber(c.bMedian)}: ${formatRatio(c.ratio)} (${formatCi(c.ratioCiLow, c.ratioCiHigh, c.estimand)}; ` +
          `ideal ${formatRatio(k)} on the cores delivered, midpoint ${formatRatio(mid)})`,
      });
    }
    j.check({ label: 'context', figure: 'latencyP99Ms', a: { scenario: cpuAsync }, b: { scenario: cpuBlocking }, decisive: false });
    j.check({ label: 'context, async server', figure: 'loopDelayP99Ms', a: { scenario: cpuAsync, name: 'cpu' }, b: { scenario: sleepAsync, name: 'sleep' }, decisive: false });
    return j.finish({ lead: { supported: 'async gains nothing on CPU work (one thread does it all either way) and leaves the delivered cores idle' } });
  },
};
