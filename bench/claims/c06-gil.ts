/**
 * C6 — "Limited by Python GIL" (threading)
 *
 * Analog: CPU work (cpu, T = 20 ms, 50 connections) on a thread pool of W threads (Node:
 * worker threads; Python: a thread pool running pure-Python bytecode) and on a process
 * pool of W processes, each vs blocking on one event loop, judged against the parallelism
 * control (the cores the machine delivered in this run, D).
 *
 * Predicate. D < 1.5 or no control → inconclusive, naming D. Otherwise K = min(W, D) and
 * the threshold M = √K, halfway on the log scale between no speedup (a GIL: 1x) and what
 * the machine allowed (Kx) (parallelism.ts). Speedups = requests/s ÷ blocking, each
 * tested one-sided against M (stats/threshold.ts: ratio of geometric means, the run's
 * pooled noise):
 * - processes must scale (lower bound > M): they show that this run could show
 *   parallelism at all. If they do not, the verdict is inconclusive whatever the threads did;
 * - with processes scaling: threads' upper bound < M → supported (threads flat while
 *   processes scale: the GIL-like outcome); threads' lower bound > M → refuted, which on
 *   Node.js reads `not-applicable` (worker threads run JavaScript in parallel: there is no
 *   GIL); otherwise inconclusive.
 * Both verdicts need both checks (an intersection-union test), so neither check is
 * adjusted for the other; a false `supported` or `not-applicable` has probability ≤ 5%.
 */
import { fmtCi, fmtNumber } from './figures.js';
import { fmtCores } from '../run/parallelism-control.js';
import { ClaimJudging } from './judging.js';
import { deliveredCores, parallelThreshold } from './parallelism.js';
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
          supported: 'threads gave no parallel speedup on CPU work while processes did: the GIL-like limit',
        },
      });
    if (!delivered) return finish();
    const { k, threshold, name, explained } = parallelThreshold(w, delivered.cores);
    // Processes are checked first: finish() settles the parts in order, so the threads'
    // outcome below can depend on whether processes scaled.
    let processesScaled = false;
    const speedupText = (who: string) => (c: ClaimComparison) =>
      `cpu 20 ms, 50 conn: ${who} ${fmtNumber(c.aMedian)} req/s vs blocking ${fmtNumber(c.bMedian)}, speedup ${fmtNumber(c.ratio)}x ` +
      `(${fmtCi(c.ratioCiLow, c.ratioCiHigh, c.estimand)}) with W=${w} (ideal ${fmtCores(k)}x on the ${delivered.shown} cores delivered, GIL-like 1x)`;
    j.check({
      label: 'cpu 20 ms, 50 conn, processes',
      figure: 'rps',
      a: { scenario: processes },
      b: { scenario: blocking },
      threshold: { ratio: threshold, name },
      expect: (c): Outcome => ((processesScaled = c.threshold?.side === 'above') ? 'supports' : 'undecided'),
      text: (c) =>
        speedupText('processes')(c) +
        (c.threshold?.side === 'below' ? `: processes did not scale on the ${delivered.shown} cores delivered, so this run cannot tell what threads would do` : ''),
    });
    j.check({
      label: 'cpu 20 ms, 50 conn, threads',
      figure: 'rps',
      a: { scenario: threads },
      b: { scenario: blocking },
      threshold: { ratio: threshold, name, refutes: 'above' },
      expect: (c): Outcome => {
        if (!processesScaled) return 'undecided';
        const side = c.threshold?.side;
        return side === 'above' ? 'refutes' : side === 'below' ? 'supports' : 'undecided';
      },
      text: speedupText('threads'),
    });
    j.note(explained);
    return finish();
  },
};
