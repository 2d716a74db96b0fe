/**
 * C11 — "For these tasks, multiprocessing is more effective."
 *
 * Analog: CPU work (cpu, T = 20 ms, 50 connections) on a pool of P processes and on P
 * prefork server processes, vs blocking on one event loop and vs a thread pool, judged
 * against the parallelism control (the cores the machine delivered in this run, D).
 *
 * Predicate. D < 1.5 or no control → inconclusive, naming D (a busy machine cannot
 * refute it). Otherwise K = min(P, D), mid = 1 + (K − 1)/2 (compareSamples, band 5%,
 * Holm over all decisive checks):
 * - processes and prefork vs blocking: significantly faster with the whole 95% interval
 *   ≥ mid → supports; no clear difference or slower → refutes (the machine delivered the
 *   cores, processes did not use them); otherwise undecided;
 * - processes vs threads: threads significantly better → refutes (threads were more
 *   effective); processes better, or no clear difference (as effective: on Node.js threads
 *   are parallel too, and the evidence says so) → supports; too noisy → undecided.
 */
import { formatCi, formatNumber, formatRatio } from '../format/index.js';
import { ClaimJudging } from './judging.js';
import { deliveredCores, parallelMidpoint } from './parallelism.js';
import { core } from './scenarios.js';
import type { Claim, ClaimComparison, Outcome } from './types.js';

const blocking = core('cpu', 'blocking');
const parallel = [core('cpu', 'child-process'), core('cpu', 'cluster')];
const processes = parallel[0]!;
const threads = core('cpu', 'worker-threads');

export const c11: Claim = {
  id: 'C11',
  quote: 'For these tasks, multiprocessing is more effective.',
  analog: 'CPU work on a process pool and on prefork server processes vs blocking on one event loop and vs a thread pool, against the cores the machine delivered (the parallelism control)',
  scenarios: [blocking, ...parallel, threads],
  judge(results, ctx) {
    const j = new ClaimJudging('C11', results, ctx);
    const delivered = deliveredCores(j, ctx);
    if (!delivered) return j.finish();
    const p = processes.poolSize ?? results.machine.usableCores;
    const { k, mid } = parallelMidpoint(p, delivered.cores);
    const overBlocking = (c: ClaimComparison): Outcome =>
      c.verdictAfterHolm === 'a-better' ? (c.ratioCiLow >= mid ? 'supports' : 'undecided') : c.verdictAfterHolm === 'inconclusive' ? 'undecided' : 'refutes';
    for (const s of parallel) {
      j.check({
        label: `cpu 20 ms, 50 conn, ${j.nameOf({ scenario: s })}`,
        figure: 'rps',
        a: { scenario: s },
        b: { scenario: blocking },
        expect: overBlocking,
        text: (c) =>
          `${j.nameOf({ scenario: s })} ${formatNumber(c.aMedian)} req/s vs blocking ${formatNumber(c.bMedian)}: ${formatRatio(c.ratio)} ` +
          `(${formatCi(c.ratioCiLow, c.ratioCiHigh, c.estimand)}; ideal ${formatRatio(k)} on the cores delivered, midpoint ${formatRatio(mid)})`,
      });
    }
    j.check({
      label: 'cpu 20 ms, 50 conn, processes vs threads',
      figure: 'rps',
      a: { scenario: processes },
      b: { scenario: threads },
      expect: (c): Outcome => (c.verdictAfterHolm === 'b-better' ? 'refutes' : c.verdictAfterHolm === 'inconclusive' ? 'undecided' : 'supports'),
      text: (c) =>
        `processes ${formatNumber(c.aMedian)} req/s vs threads ${formatNumber(c.bMedian)}: ${formatRatio(c.ratio)} (${formatCi(c.ratioCiLow, c.ratioCiHigh, c.estimand)})` +
        (c.verdictAfterHolm === 'no-clear-difference' ? ': as effective as threads (threads run CPU work in parallel here too)' : c.verdictAfterHolm === 'a-better' ? ': more effective than threads' : ''),
    });
    j.note(`P=${p} processes`);
    return j.finish({ lead: { supported: 'processes run CPU work in parallel, ~min(P, delivered cores) times one event loop, and no worse than threads' } });
  },
};
