/**
 * C11 — "For these tasks, multiprocessing is more effective."
 *
 * Analog: CPU work (cpu, T = 20 ms, 50 connections) on a pool of P processes and on P
 * prefork server processes, vs blocking on one event loop and vs a thread pool, judged
 * against the parallelism control (the cores the machine delivered in this run, D).
 *
 * Predicate. D < 1.5 or no control → inconclusive, naming D (a busy machine cannot
 * refute it). Otherwise K = min(P, D) and M = √K, halfway on the log scale between no
 * speedup and what the machine allowed (parallelism.ts); ratios of requests/s tested
 * one-sided at 95% (stats/threshold.ts), Holm over the three refuting directions:
 * - processes and prefork ÷ blocking against the gain edge 1 + 2 × band (1.1x): above →
 *   supports (more effective than one event loop); below → refutes (the machine delivered
 *   the cores, processes gained nothing from them); otherwise undecided. The claim is
 *   comparative, so a gain is what it needs; how close to K it came is printed beside;
 * - processes ÷ threads, against 1/M (non-inferiority, the margin half the parallel gain
 *   on the log scale): lower bound > 1/M → supports (processes at least about as
 *   effective as threads: on Node.js threads are parallel too, and the evidence says so);
 *   upper bound < 1/M → refutes (threads clearly more effective); otherwise undecided.
 */
import { formatCi, formatNumber, formatRatio } from '../format/index.js';
import { ClaimJudging } from './judging.js';
import { deliveredCores, gainEdge, parallelThreshold } from './parallelism.js';
import { core } from './scenarios.js';
import type { Claim, ClaimComparison, Outcome } from './types.js';

const blocking = core('cpu', 'blocking');
const parallel = [core('cpu', 'child-process'), core('cpu', 'cluster')];
const processes = parallel[0]!;
const threads = core('cpu', 'worker-threads');

const bySide = (c: ClaimComparison): Outcome => (c.threshold?.side === 'above' ? 'supports' : c.threshold?.side === 'below' ? 'refutes' : 'undecided');

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
    const { k, threshold, name } = parallelThreshold(p, delivered.cores);
    const edge = gainEdge(ctx.practicalBand);
    for (const s of parallel) {
      j.check({
        label: `cpu 20 ms, 50 conn, ${j.nameOf({ scenario: s })}`,
        figure: 'rps',
        a: { scenario: s },
        b: { scenario: blocking },
        threshold: { ...edge, refutes: 'below' },
        expect: bySide,
        text: (c) =>
          `${j.nameOf({ scenario: s })} ${formatNumber(c.aCentre)} req/s vs blocking ${formatNumber(c.bCentre)}: ${formatRatio(c.ratio)} ` +
          `(${formatCi(c.ratioCiLow, c.ratioCiHigh, c.estimand)}; ideal ${formatRatio(k)} on the ${delivered.shown} cores delivered)`,
      });
    }
    j.check({
      label: 'cpu 20 ms, 50 conn, processes vs threads',
      figure: 'rps',
      a: { scenario: processes },
      b: { scenario: threads },
      threshold: { ratio: 1 / threshold, name: `1 ÷ ${name}`, refutes: 'below' },
      expect: bySide,
      text: (c) =>
        `processes ${formatNumber(c.aCentre)} req/s vs threads ${formatNumber(c.bCentre)}: ${formatRatio(c.ratio)} (${formatCi(c.ratioCiLow, c.ratioCiHigh, c.estimand)})` +
        (c.threshold?.side === 'above' ? (c.ratioCiHigh < 1 / (1 + ctx.practicalBand) ? ': within the margin of threads' : c.ratioCiLow > 1 + ctx.practicalBand ? ': more effective than threads' : ': as effective as threads (threads run CPU work in parallel here too)') : ''),
    });
    j.note(`P=${p} processes`);
    return j.finish({ lead: { supported: `processes ran CPU work faster than one event loop (ideal min(P, delivered cores) = ${formatRatio(k)}) and no worse than threads` } });
  },
};
