/**
 * C6 — "Limited by Python GIL" (threading)
 *
 * Analog: CPU work (cpu, T = 20 ms, 50 connections) on a thread pool of W threads (Node:
 * worker threads; Python: a thread pool running pure-Python bytecode) and on a process
 * pool of W processes, each vs blocking on one event loop, judged against the parallelism
 * control (the cores the machine delivered in this run, D).
 *
 * Predicate. D < 1.5 or no control → inconclusive, naming D. Otherwise K = min(W, D) and
 * mid = 1 + (K − 1)/2, halfway between no speedup (a GIL: 1x) and what the machine
 * allowed (Kx). Speedups = requests/s ÷ blocking (compareSamples, band 5%, Holm over both):
 * - processes must scale (significantly faster, whole 95% interval ≥ mid): they show that
 *   this run could show parallelism at all. If they do not (the interval below mid, or
 *   straddling it), the verdict is inconclusive whatever the threads did;
 * - with processes scaling: threads' whole interval < mid → supported (threads flat while
 *   processes scale: the GIL-like outcome); threads significantly faster with the whole
 *   interval ≥ mid → refuted, which on Node.js reads `not-applicable` (worker threads run
 *   JavaScript in parallel: there is no GIL); otherwise inconclusive.
 */
import { formatCi, formatNumber, formatRatio } from '../format/index.js';
import { ClaimJudging } from './judging.js';
import { deliveredCores, parallelMidpoint } from './parallelism.js';
import { core } from './scenarios.js';
import type { Claim, ClaimComparison, Outcome } from './types.js';

const blocking = core('cpu', 'blocking');
const threads = core('cpu', 'worker-threads');
const processes = core('cpu', 'child-process');

const scales = (c: ClaimComparison, mid: number) => c.verdictAfterHolm === 'a-better' && c.ratioCiLow >= mid;

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
          supported: 'threads gave no parallel speedup on CPU work while processes did: the GIL-like limit',
        },
      });
    if (!delivered) return finish();
    const { k, mid } = parallelMidpoint(w, delivered.cores);
    // Processes are checked first: finish() settles the parts in order, so the threads'
    // outcome below can depend on whether processes scaled.
    let processesScaled = false;
    const speedupText = (name: string) => (c: ClaimComparison) =>
      `cpu 20 ms, 50 conn: ${name} ${formatNumber(c.aMedian)} req/s vs blocking ${formatNumber(c.bMedian)}, speedup ${formatRatio(c.ratio)} ` +
      `(${formatCi(c.ratioCiLow, c.ratioCiHigh, c.estimand)}) with W=${w} (ideal ${formatRatio(k)} on the cores delivered, GIL-like ${formatRatio(1)}, midpoint ${formatRatio(mid)})`;
    j.check({
      label: 'cpu 20 ms, 50 conn, processes',
      figure: 'rps',
      a: { scenario: processes },
      b: { scenario: blocking },
      expect: (c): Outcome => ((processesScaled = scales(c, mid)) ? 'supports' : 'undecided'),
      text: (c) => speedupText('processes')(c) + (scales(c, mid) ? '' : ': processes did not scale either, so this run cannot tell what threads would do'),
    });
    j.check({
      label: 'cpu 20 ms, 50 conn, threads',
      figure: 'rps',
      a: { scenario: threads },
      b: { scenario: blocking },
      expect: (c): Outcome => (!processesScaled ? 'undecided' : scales(c, mid) ? 'refutes' : c.ratioCiHigh < mid ? 'supports' : 'undecided'),
      text: speedupText('threads'),
    });
    return finish();
  },
};
