/**
 * C6 — "Limited by Python GIL" (threading)
 *
 * Analog: CPU work (cpu, T = 20 ms, 50 connections) on a thread pool of W threads (Node:
 * worker threads; Python: a thread pool running pure-Python bytecode) and on a process
 * pool of W processes, vs blocking on one event loop, judged against the parallelism
 * control (the cores the machine delivered in this run, D).
 *
 * The figure is the cores each server kept busy (its process tree's CPU seconds per wall
 * second over the measured window, ServerFigures.coresBusy): what a GIL limits is how many
 * threads run at once, and that is what the figure counts. Requests/s is printed beside
 * it, not judged: on a shared host the same request can cost twice the CPU for tens of
 * seconds, so a throughput ratio from a few 1 s runs moved 0.42-0.57 between idle runs
 * while every server's cores busy stayed within 3% (2026-12-06).
 *
 * Predicate. D < 1.5 or no control → inconclusive, naming D. Otherwise K = min(W, D).
 * Ratios of cores busy, each tested one-sided at 95% against a threshold
 * (stats/threshold.ts: ratio of geometric means, the run's pooled noise):
 * - processes ÷ blocking above the gain edge 1 + 2 × band (1.1x): processes ran in
 *   parallel, so this run could show parallelism; if not, inconclusive whatever the
 *   threads did;
 * - threads ÷ processes against 1/√K, halfway on the log scale between "like processes"
 *   (1) and "GIL-like" (1/K): below → supported (threads kept far fewer cores busy than
 *   processes: the GIL-like outcome); above, with threads ÷ blocking also above the gain
 *   edge (parallelism a GIL cannot give) → refuted, which on Node.js reads
 *   `not-applicable` (worker threads run JavaScript in parallel: there is no GIL);
 *   otherwise inconclusive.
 * Threads are judged against processes, not against a fixed share of the cores: both
 * share the cores with the load generator, so "threads did what processes did" does not
 * depend on how much of the second core the load generator took. Each verdict needs all
 * its checks (an intersection-union test): a false `supported` or `not-applicable` has
 * probability ≤ 5%. stability-simulation.ts measures how often it is decided and agrees.
 */
import { formatCores } from '../run/parallelism-control.js';
import { formatCi, formatNumber, formatRatio } from '../format/index.js';
import { ClaimJudging } from './judging.js';
import { deliveredCores, gainEdge, parallelThreshold } from './parallelism.js';
import { core } from './scenarios.js';
import type { Claim, ClaimComparison, Outcome } from './types.js';

const blocking = core('cpu', 'blocking');
const threads = core('cpu', 'worker-threads');
const processes = core('cpu', 'child-process');

export const c06: Claim = {
  id: 'C6',
  quote: 'Limited by Python GIL',
  analog: 'CPU work on a thread pool and on a process pool vs blocking on one event loop: the cores each kept busy, against the cores the machine delivered (the parallelism control); threads on one core while processes use them all is the GIL',
  scenarios: [blocking, threads, processes],
  judge(results, ctx) {
    const j = new ClaimJudging('C6', results, ctx);
    const delivered = deliveredCores(j, ctx);
    const w = threads.poolSize ?? results.machine.usableCores;
    const finish = () =>
      j.finish({
        ...(ctx.runtime === 'node' ? { refutedVerdict: 'not-applicable' as const } : {}),
        lead: {
          'not-applicable': 'not applicable on Node.js: worker threads kept as many cores busy on CPU work as processes (there is no GIL)',
          refuted: 'threads kept as many cores busy on CPU work as processes: no GIL limit here',
          supported: 'threads kept about one core busy on CPU work while processes kept the delivered cores busy: the GIL-like limit',
        },
      });
    if (!delivered) return finish();
    const { k, threshold, name } = parallelThreshold(w, delivered.cores);
    const edge = gainEdge(ctx.practicalBand);
    const busy = (who: string, c: ClaimComparison) =>
      `cpu 20 ms, 50 conn: ${who} kept ${formatNumber(c.aCentre)} cores busy vs blocking ${formatNumber(c.bCentre)}: ${formatRatio(c.ratio)} (${formatCi(c.ratioCiLow, c.ratioCiHigh, c.estimand)})`;
    // Processes first: finish() settles the parts in order, so the threads' outcome can
    // depend on whether processes ran in parallel.
    let processesGained = false;
    j.check({
      label: 'cpu 20 ms, 50 conn, processes',
      figure: 'coresBusy',
      a: { scenario: processes },
      b: { scenario: blocking },
      threshold: edge,
      expect: (c): Outcome => ((processesGained = c.threshold?.side === 'above') ? 'supports' : 'undecided'),
      text: (c) => busy('processes', c) + (c.threshold?.side === 'above' ? '' : ': processes did not clearly run in parallel, so this run cannot tell what threads would do'),
    });
    const threadsOverBlocking = j.check({
      label: 'cpu 20 ms, 50 conn, threads',
      figure: 'coresBusy',
      a: { scenario: threads },
      b: { scenario: blocking },
      threshold: edge,
      decisive: false,
      text: (c) => busy('threads', c),
    });
    j.check({
      label: 'cpu 20 ms, 50 conn, threads vs processes',
      figure: 'coresBusy',
      a: { scenario: threads },
      b: { scenario: processes },
      threshold: { ratio: 1 / threshold, name: `1 ÷ ${name}`, refutes: 'above' },
      expect: (c): Outcome => {
        if (!processesGained) return 'undecided';
        const side = c.threshold?.side;
        if (side === 'below') return 'supports';
        return side === 'above' && threadsOverBlocking?.threshold?.side === 'above' ? 'refutes' : 'undecided';
      },
      text: (c) =>
        `threads kept ${formatNumber(c.aCentre)} cores busy vs processes ${formatNumber(c.bCentre)}: ${formatRatio(c.ratio)} (${formatCi(c.ratioCiLow, c.ratioCiHigh, c.estimand)}) ` +
        `with W=${w} (like processes ${formatRatio(1)}, GIL-like 1/${formatCores(k)} = ${formatRatio(1 / k)} on the ${delivered.shown} cores delivered)`,
    });
    for (const scenario of [threads, processes]) j.check({ label: 'context', figure: 'rps', a: { scenario }, b: { scenario: blocking }, decisive: false });
    return finish();
  },
};
