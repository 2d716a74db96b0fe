/**
 * C11 — "For these tasks, multiprocessing is more effective."
 *
 * Analog: CPU work (cpu, T = 20 ms, 50 connections) on a pool of P forked processes
 * (`child-process`) and on P prefork server processes (`cluster`), vs blocking on one
 * event loop; worker threads printed beside them (on Node they are the same parallelism
 * without processes).
 *
 * Predicate. K = min(P, usable cores); mid = 1 + (K − 1)/2, halfway between no speedup and
 * Kx. For child-process and for cluster, speedup over blocking (compareSamples, band 5%,
 * Holm): significantly faster with the whole 95% interval ≥ mid → supports; no clear
 * difference or slower → refutes; otherwise undecided. Both must support. K < 2 →
 * inconclusive (one core: nothing can run in parallel).
 */
import { fmtCi, fmtNumber } from './figures.js';
import { ClaimJudging } from './judging.js';
import { core } from './scenarios.js';
import type { Claim, Outcome } from './types.js';

const blocking = core('cpu', 'blocking');
const parallel = [core('cpu', 'child-process'), core('cpu', 'cluster')];
const threads = core('cpu', 'worker-threads');

export const c11: Claim = {
  id: 'C11',
  quote: 'For these tasks, multiprocessing is more effective.',
  analog: 'CPU work on a child-process pool and on node:cluster vs blocking on one event loop (~min(P, cores) expected), worker threads beside them',
  scenarios: [blocking, ...parallel, threads],
  judge(results, ctx) {
    const j = new ClaimJudging('C11', results, ctx);
    const p = parallel[0]!.poolSize ?? results.machine.usableCores;
    const k = Math.min(p, ctx.usableCores);
    const mid = 1 + (k - 1) / 2;
    if (k < 2) {
      j.part('undecided', `K = min(P=${p}, cores=${ctx.usableCores}) = 1: parallelism cannot show on this machine`);
      return j.finish();
    }
    const expect = (c: { verdictAfterHolm: string; ratioCiLow: number }): Outcome =>
      c.verdictAfterHolm === 'a-better' ? (c.ratioCiLow >= mid ? 'supports' : 'undecided') : c.verdictAfterHolm === 'inconclusive' ? 'undecided' : 'refutes';
    for (const s of [...parallel, threads]) {
      j.check({
        label: `cpu 20 ms, 50 conn, ${s.strategy}`,
        figure: 'rps',
        a: { scenario: s, name: s.strategy },
        b: { scenario: blocking, name: 'blocking' },
        expect,
        decisive: s !== threads,
        text: (c) =>
          `${s.strategy} ${fmtNumber(c.aMedian)} req/s vs blocking ${fmtNumber(c.bMedian)}: ${fmtNumber(c.ratio)}x (${fmtCi(c.ratioCiLow, c.ratioCiHigh)})` +
          (s === threads ? ' (threads, for comparison)' : ''),
      });
    }
    j.note(`P=${p} processes on ${ctx.usableCores} cores: ideal ${k}x, midpoint ${fmtNumber(mid)}x`);
    return j.finish({ lead: { supported: 'processes run CPU work in parallel, ~min(P, cores) times one event loop' } });
  },
};
