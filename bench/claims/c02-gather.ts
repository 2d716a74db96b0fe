/**
 * C2 — "Tasks run concurrently ... Execution time is reduced" (asyncio.gather of three tasks).
 *
 * Analog: `Promise.all` of N waits vs the same waits awaited one after another: in a
 * request (the `upstream` fan-out, K = 5 calls of 50 ms, at 10 connections) and alone
 * (the `gather-vs-sequential` micro-benchmark, 3 timers of 20 ms).
 *
 * Predicate (every part must support):
 * - upstream: p50 latency of one request with Promise.all vs sequential awaits,
 *   compareSamples (lower is better, band 5%, Holm): Promise.all better → supports; no
 *   clear difference or sequential better → refutes.
 * - micro: wall time per operation, mean ± its 95% margin (tinybench rme): the sequential
 *   interval entirely above the gather interval × 1.05 → supports; entirely below it
 *   (not even 5% slower) → refutes; overlapping → undecided. (The micro-benchmark keeps
 *   only summary statistics, so intervals stand in for the two-sample test.)
 */
import type { GatherVsSequentialResult } from '../tools/micro/types.js';
import { formatMs, formatNumber, formatRatio } from '../format/index.js';
import { ClaimJudging } from './judging.js';
import { upstream } from './scenarios.js';
import type { Claim, JudgeContext } from './types.js';

const concurrent = upstream('async', 'concurrent');
const sequential = upstream('async', 'sequential');

function microPart(j: ClaimJudging, r: GatherVsSequentialResult, ctx: JudgeContext): void {
  const margin = (t: { rmePct: number }) => (Number.isFinite(t.rmePct) ? t.rmePct / 100 : Infinity);
  const gatherHigh = r.gatherWallMs * (1 + margin(r.gather));
  const gatherLow = r.gatherWallMs * (1 - margin(r.gather));
  const seqLow = r.sequentialWallMs * (1 - margin(r.sequential));
  const seqHigh = r.sequentialWallMs * (1 + margin(r.sequential));
  const edge = 1 + ctx.practicalBand;
  const outcome = seqLow > gatherHigh * edge ? 'supports' : seqHigh < gatherLow * edge ? 'refutes' : 'undecided';
  j.part(
    outcome,
    `micro: Promise.all of ${r.timerCount} timers of ${r.timerMs} ms took ${formatMs(r.gatherWallMs)} (±${formatNumber(r.gather.rmePct)}%) vs ` +
      `${formatMs(r.sequentialWallMs)} (±${formatNumber(r.sequential.rmePct)}%) one after another, ${formatRatio(r.sequentialOverGatherRatio)} (ideal ${formatRatio(r.idealSequentialOverGatherRatio)})`,
  );
}

export const c02: Claim = {
  id: 'C2',
  quote: 'Tasks run concurrently ... Execution time is reduced',
  analog: 'Promise.all (asyncio.gather) of several waits vs the same waits awaited one after another: an upstream fan-out of 5 calls, and 3 bare timers',
  scenarios: [concurrent, sequential],
  needsMicro: ['gather-vs-sequential'],
  judge(results, ctx) {
    const j = new ClaimJudging('C2', results, ctx);
    j.check({
      label: 'upstream fan-out of 5 x 50 ms, 10 connections',
      figure: 'latencyP50Ms',
      a: { scenario: concurrent, name: ctx.runtime === 'python' ? 'asyncio.gather' : 'Promise.all' },
      b: { scenario: sequential, name: 'sequential awaits' },
    });
    const micro = ctx.micro?.results['gather-vs-sequential'];
    // The micro-benchmark times Node's Promise.all: evidence for Node.js only. Requiring it
    // on Python would leave C2 there inconclusive whatever asyncio.gather did.
    if (ctx.runtime === 'python') j.part('absent', 'micro gather-vs-sequential: times Node.js\'s Promise.all, not evidence for Python', { optional: true });
    else if (micro) microPart(j, micro, ctx);
    else j.part('absent', 'micro gather-vs-sequential: not measured in this run');
    return j.finish({ lead: { supported: 'the waits overlap: a request takes about one wait, not the sum' } });
  },
};
