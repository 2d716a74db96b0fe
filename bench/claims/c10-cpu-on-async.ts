/**
 * C10 — "Asyncio is not suitable for CPU-intensive workloads."
 *
 * Analog: CPU work (cpu, T = 20 ms, 50 connections) in an async handler that yields
 * between chunks, vs the same work done blocking on the event loop, and vs a process
 * pool, judged against the parallelism control (the cores the machine delivered, D).
 *
 * Predicate. D < 1.5 or no control → the processes comparison is undecided, naming D.
 * Otherwise K = min(P, D) and M = √K, halfway on the log scale between no speedup and
 * what the machine allowed (parallelism.ts); ratios tested one-sided against a threshold
 * (stats/threshold.ts), Holm over the two refuting directions:
 * - async ÷ blocking in cores kept busy (the server tree's CPU seconds per wall second,
 *   ServerFigures.coresBusy), against M: upper bound < M → supports (async ran the work
 *   on one thread like blocking: no parallel speedup); lower bound > M → refutes (async
 *   ran it in parallel, e.g. on libuv's pool); otherwise undecided. The cores, not the
 *   requests/s: whether async runs CPU work in parallel is what the cores count, and they
 *   do not move when the host runs the same work at half speed for a while (requests/s of
 *   async and blocking, ~1x apart, moved enough between 1 s runs that this check was
 *   undecided in 3 of 6 idle runs; 2026-12-06). Requests/s is printed beside it. Without
 *   a usable control: the two-sided rule on the cores (async beyond the band → refutes,
 *   else supports when clear);
 * - processes ÷ async in requests/s against the gain edge 1 + 2 × band (1.1x): lower
 *   bound above → supports (a process pool served more: async leaves the delivered cores
 *   idle); upper bound below → refutes (async did as well as a process pool on this
 *   machine); otherwise undecided.
 * Context, not decisive: requests/s and p99 of async and blocking, and the event-loop
 * delay under CPU vs under I/O (C15 judges the delay).
 */
import { formatCi, formatNumber, formatRatio } from '../format/index.js';
import { ClaimJudging } from './judging.js';
import { deliveredCores, gainEdge, parallelThreshold } from './parallelism.js';
import { core } from './scenarios.js';
import type { Claim, ClaimComparison, Outcome } from './types.js';

const cpuAsync = core('cpu', 'async');
const cpuBlocking = core('cpu', 'blocking');
const cpuProcesses = core('cpu', 'child-process');
const sleepAsync = core('sleep', 'async');

const bySide =
  (above: Outcome, below: Outcome) =>
  (c: ClaimComparison): Outcome =>
    c.threshold?.side === 'above' ? above : c.threshold?.side === 'below' ? below : 'undecided';

export const c10: Claim = {
  id: 'C10',
  quote: 'Asyncio is not suitable for CPU-intensive workloads.',
  analog: 'CPU work in an async handler (yielding between chunks) vs done blocking on the event loop (the cores each kept busy), and vs a process pool on the cores the machine delivered (requests/s)',
  scenarios: [cpuAsync, cpuBlocking, cpuProcesses, sleepAsync],
  judge(results, ctx) {
    const j = new ClaimJudging('C10', results, ctx);
    const delivered = deliveredCores(j, ctx);
    const p = cpuProcesses.poolSize ?? results.machine.usableCores;
    const parallel = delivered ? parallelThreshold(p, delivered.cores) : undefined;
    const cores = delivered ? ` on the ${delivered.shown} cores delivered` : '';
    j.check({
      label: 'cpu 20 ms, 50 conn',
      figure: 'coresBusy',
      a: { scenario: cpuAsync },
      b: { scenario: cpuBlocking },
      text: (c: ClaimComparison) =>
        `cpu 20 ms, 50 conn: async kept ${formatNumber(c.aCentre)} cores busy vs blocking ${formatNumber(c.bCentre)}: ${formatRatio(c.ratio)} (${formatCi(c.ratioCiLow, c.ratioCiHigh, c.estimand)})` +
        (c.threshold?.side === 'below' ? ': no parallel speedup' : ''),
      ...(parallel
        ? { threshold: { ratio: parallel.threshold, name: parallel.name, refutes: 'above' as const }, expect: bySide('refutes', 'supports') }
        : { expect: 'a-not-better' as const }),
    });
    if (parallel) {
      j.check({
        label: 'cpu 20 ms, 50 conn, processes vs async',
        figure: 'rps',
        a: { scenario: cpuProcesses },
        b: { scenario: cpuAsync },
        threshold: { ...gainEdge(ctx.practicalBand), refutes: 'below' },
        expect: bySide('supports', 'refutes'),
        text: (c) =>
          `processes ${formatNumber(c.aCentre)} req/s vs async ${formatNumber(c.bCentre)}: ${formatRatio(c.ratio)} (${formatCi(c.ratioCiLow, c.ratioCiHigh, c.estimand)}; ` +
          `ideal ${formatRatio(parallel.k)}${cores})`,
      });
    }
    j.check({ label: 'context', figure: 'rps', a: { scenario: cpuAsync }, b: { scenario: cpuBlocking }, decisive: false });
    j.check({ label: 'context', figure: 'latencyP99Ms', a: { scenario: cpuAsync }, b: { scenario: cpuBlocking }, decisive: false });
    j.check({ label: 'context, async server', figure: 'loopDelayP99Ms', a: { scenario: cpuAsync, name: 'cpu' }, b: { scenario: sleepAsync, name: 'sleep' }, decisive: false });
    const idle = delivered ? ` (the machine delivered ${delivered.shown})` : '';
    return j.finish({ lead: { supported: `async keeps one core busy on CPU work, like blocking (no parallel speedup), while a process pool serves more on the delivered cores${idle}` } });
  },
};
