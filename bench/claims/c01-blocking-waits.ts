/**
 * C1 — "If a task takes time, the entire program waits."
 *
 * Analog: a handler that waits synchronously (`Atomics.wait`, Python's `time.sleep`) on
 * the event loop, swept over 1 to 1,000 connections at S = 5 ms.
 *
 * Predicate. X = 1000/S req/s is what a process that waits out each request serves (one
 * at a time). Little's law turns a throughput into the number of requests in service at
 * once, N = req/s × S: N ≈ 1 when the program waits, N ≈ C when the waits overlap. For
 * every swept C ≥ 10 with 2+ valid runs, requests/s is compared with X (compareSamples,
 * band 5%, Holm), and the 95% interval of N (the interval of the geometric-mean ratio to X):
 * - the whole interval below 1.5 requests in service → supports (one at a time: it waited);
 * - the whole interval at or above 2 → refutes (at least two waits overlapped);
 * - otherwise undecided.
 * Thresholds do not depend on C, so a blocking server that served 3 at a time (632 req/s
 * at C = 10, S = 5 ms) refutes the claim instead of passing under a √C midpoint.
 * C = 1 is printed but not decisive: both models predict N = 1 there.
 */
import { formatMs, formatNumber, formatRange } from '../format/index.js';
import { ClaimJudging } from './judging.js';
import { BLOCKING_SWEEP_SLEEP_MS, blockingSweep, connectionsLabel, connectionsOf } from './scenarios.js';
import type { Claim, Outcome } from './types.js';

const SWEEP = [1, 10, 100, 1000];
const scenarios = SWEEP.map(blockingSweep);
/** Requests in service at once: below this the program waited; at or above OVERLAP it did not. */
const ONE_AT_A_TIME_MAX = 1.5;
const OVERLAP_MIN = 2;

export const c01: Claim = {
  id: 'C1',
  quote: 'If a task takes time, the entire program waits.',
  analog: `a synchronous wait (Atomics.wait, like time.sleep) inside the request handler on the event loop, S = ${BLOCKING_SWEEP_SLEEP_MS} ms, 1 to 1,000 connections`,
  scenarios,
  judge(results, ctx) {
    const j = new ClaimJudging('C1', results, ctx);
    const x = 1000 / BLOCKING_SWEEP_SLEEP_MS;
    for (const s of scenarios) {
      const c = connectionsOf(s);
      j.check({
        label: connectionsLabel(c),
        figure: 'rps',
        a: { scenario: s },
        b: { constant: x, name: '1/S' },
        decisive: c >= 10,
        expect: (cmp): Outcome => (cmp.ratioCiHigh < ONE_AT_A_TIME_MAX ? 'supports' : cmp.ratioCiLow >= OVERLAP_MIN ? 'refutes' : 'undecided'),
        text: (cmp) =>
          `${connectionsLabel(c)}: ${formatNumber(cmp.ratio * x)} req/s = ${formatNumber(cmp.ratio)} requests in service at once ` +
          `(95% CI of the geometric mean ${formatRange(cmp.ratioCiLow, cmp.ratioCiHigh)})` +
          (c >= 10 ? `; 1 if it waits, ${formatNumber(c)} if the waits overlapped` : ''),
      });
    }
    const p99 = scenarios
      .map((s) => [connectionsOf(s), j.medianOf(s, 'latencyP99Ms')] as const)
      .filter((pair): pair is readonly [number, number] => pair[1] !== undefined);
    if (p99.length >= 2) j.note(`p99 grows with the queue: ${p99.map(([c, ms]) => `${formatMs(ms)} at ${c}`).join(', ')}`);
    return j.finish({
      lead: {
        supported: `throughput stays near 1/S = ${formatNumber(x)} req/s whatever the connections: one request at a time`,
        refuted: 'the blocking server overlapped waits',
      },
    });
  },
};
