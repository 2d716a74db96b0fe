/**
 * C6 — "Limited by Python GIL" (threading)
 *
 * Analog: CPU work (cpu, T = 20 ms, 50 connections) on a thread pool of W threads (Node:
 * worker threads; Python: a thread pool running pure-Python bytecode) and on a process
 * pool of W processes, vs blocking on one event loop, judged against the parallelism
 * control (the cores the machine delivered in this run, D).
 *
 * Predicate. D < 1.5 or no control → inconclusive, naming D. Otherwise K = min(W, D).
 * Ratios of requests/s, each tested one-sided at 95% against a threshold
 * (stats/threshold.ts: ratio of geometric means, the run's pooled noise):
 * - processes ÷ blocking above the gain edge 1 + 2 × band (1.1x): processes gained, so
 *   this run could show parallelism; if not, inconclusive whatever the threads did;
 * - threads ÷ processes against 1/√K, halfway on the log scale between "like processes"
 *   (1) and "GIL-like" (1/K): below → supported (threads far behind processes: the
 *   GIL-like outcome); above, with threads ÷ blocking also above the gain edge (a speedup
 *   a GIL cannot give) → refuted, which on Node.js reads `not-applicable` (worker threads
 *   run JavaScript in parallel: there is no GIL); otherwise inconclusive.
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
  analog: 'CPU work on a thread pool and on a process pool vs blocking on one event loop, against the cores the machine delivered (the parallelism control): threads flat while processes scale is the GIL',
  scenarios: [blocking, threads, processes],
  judge(results, ctx) {
    const j = new ClaimJudging('C6', results, ctx);
    const delivered = deliveredCores(j, ctx);
    const w = threads.poolSize ?? results.machine.usableCores;
    const finish = () =>
      j.finish({
        ...(ctx.runtime === 'node' ? { refutedVerdict: 'not-applicable' as const } : {}),
        lead: {
          'not-applicable': 'not applicable on Node.js: worker threads run CPU work in parallel like processes (there is no GIL)',
          refuted: 'threads ran CPU work in parallel like processes: no GIL limit here',
          supported: 'threads stayed far behind processes on CPU work while processes gained: the GIL-like limit',
        },
      });
    if (!delivered) return finish();
    const { k, threshold, name } = parallelThreshold(w, delivered.cores);
    const edge = gainEdge(ctx.practicalBand);
    const speedup = (who: string, c: ClaimComparison) =>
      `cpu 20 ms, 50 conn: ${who} ${formatNumber(c.aCentre)} req/s vs blocking ${formatNumber(c.bCentre)}, speedup ${formatRatio(c.ratio)} (${formatCi(c.ratioCiLow, c.ratioCiHigh, c.estimand)})`;
    // Processes first: finish() settles the parts in order, so the threads' outcome can
    // depend on whether processes gained.
    let processesGained = false;
    j.check({
      label: 'cpu 20 ms, 50 conn, processes',
      figure: 'rps',
      a: { scenario: processes },
      b: { scenario: blocking },
      threshold: edge,
      expect: (c): Outcome => ((processesGained = c.threshold?.side === 'above') ? 'supports' : 'undecided'),
      text: (c) => speedup('processes', c) + (c.threshold?.side === 'above' ? '' : ': processes gained nothing clear, so this run cannot tell what threads would do'),
    });
    const threadsOverBlocking = j.check({
      label: 'cpu 20 ms, 50 conn, threads',
      figure: 'rps',
      a: { scenario: threads },
      b: { scenario: blocking },
      threshold: edge,
      decisive: false,
      text: (c) => speedup('threads', c),
    });
    j.check({
      label: 'cpu 20 ms, 50 conn, threads vs processes',
      figure: 'rps',
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
        `threads ${formatNumber(c.aCentre)} req/s vs processes ${formatNumber(c.bCentre)}: ${formatRatio(c.ratio)} (${formatCi(c.ratioCiLow, c.ratioCiHigh, c.estimand)}) ` +
        `with W=${w} (like processes ${formatRatio(1)}, GIL-like 1/${formatCores(k)} = ${formatRatio(1 / k)} on the ${delivered.shown} cores delivered)`,
    });
    return finish();
  },
};
