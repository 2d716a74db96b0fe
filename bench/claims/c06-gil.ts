/**
 * C6 — "Limited by Python GIL" (threading)
 *
 * Analog: CPU work (cpu, T = 20 ms, 50 connections) on a pool of W worker threads vs
 * blocking on the event loop. Node has no GIL: each worker thread runs JavaScript on its
 * own, so the pool should approach min(W, cores) times the blocking throughput.
 *
 * Predicate. K = min(W, usable cores); mid = 1 + (K − 1)/2, halfway between no speedup
 * (a GIL: 1x) and perfect parallelism (Kx). Speedup = requests/s of the pool ÷ blocking
 * (compareSamples, band 5%, Holm):
 * - the pool significantly faster and the whole 95% interval ≥ mid → `not-applicable`:
 *   threads ran in parallel, the GIL's limitation does not exist on Node.js;
 * - the whole interval < mid → `supported`: threads gave (almost) no parallel speedup;
 * - otherwise → `inconclusive`; K < 2 (one core) → `inconclusive`, nothing can show.
 */
import { fmtCi, fmtNumber } from './figures.js';
import { ClaimJudging } from './judging.js';
import { core } from './scenarios.js';
import type { Claim, Outcome } from './types.js';

const blocking = core('cpu', 'blocking');
const workers = core('cpu', 'worker-threads');

export const c06: Claim = {
  id: 'C6',
  quote: 'Limited by Python GIL',
  analog: 'CPU work on a worker-thread pool vs blocking on the event loop: Node threads have no GIL, so the pool should reach ~min(W, cores) times',
  scenarios: [blocking, workers],
  judge(results, ctx) {
    const j = new ClaimJudging('C6', results, ctx);
    const w = workers.poolSize ?? results.machine.usableCores;
    const k = Math.min(w, ctx.usableCores);
    const mid = 1 + (k - 1) / 2;
    if (k < 2) {
      j.part('undecided', `K = min(W=${w}, cores=${ctx.usableCores}) = 1: parallelism cannot show on this machine`);
      return j.finish();
    }
    j.check({
      label: 'cpu 20 ms, 50 conn',
      figure: 'rps',
      a: { scenario: workers, name: 'worker-threads' },
      b: { scenario: blocking, name: 'blocking' },
      expect: (c): Outcome => (c.verdictAfterHolm === 'a-better' && c.ratioCiLow >= mid ? 'refutes' : c.ratioCiHigh < mid ? 'supports' : 'undecided'),
      text: (c) =>
        `cpu 20 ms, 50 conn: worker-threads ${fmtNumber(c.aMedian)} req/s vs blocking ${fmtNumber(c.bMedian)}, speedup ${fmtNumber(c.ratio)}x ` +
        `(${fmtCi(c.ratioCiLow, c.ratioCiHigh)}) with W=${w} threads on ${ctx.usableCores} cores (parallel ideal ${k}x, GIL-like 1x, midpoint ${fmtNumber(mid)}x)`,
    });
    return j.finish({
      refutedVerdict: 'not-applicable',
      lead: {
        'not-applicable': 'not applicable on Node.js: worker threads run CPU work in parallel (there is no GIL)',
        supported: 'the thread pool gave no parallel speedup on CPU work here',
      },
    });
  },
};
