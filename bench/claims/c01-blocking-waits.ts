/**
 * C1 — "If a task takes time, the entire program waits."
 *
 * Analog: a handler that waits synchronously (`Atomics.wait`, Python's `time.sleep`) on
 * the event loop, swept over 1 to 1,000 connections at S = 5 ms.
 *
 * Predicate. X = 1000/S req/s is what a process that waits out each request serves (one
 * at a time); a process that overlapped the waits would serve C·X. For every swept C ≥ 10
 * with 2+ valid runs, the blocking throughput is compared with the log-midpoint of the two
 * models, √C·X, as a zero-variance reference (compareSamples, band 5%, Holm):
 * - significantly below √C·X → supports (the program waited);
 * - significantly above → refutes (the waits overlapped);
 * - otherwise undecided.
 * C = 1 is printed but not decisive: both models predict X there.
 */
import { fmtCi, fmtMs, fmtNumber } from './figures.js';
import { ClaimJudging } from './judging.js';
import { BLOCKING_SWEEP_SLEEP_MS, blockingSweep, connectionsLabel, connectionsOf } from './scenarios.js';
import type { Claim } from './types.js';

const SWEEP = [1, 10, 100, 1000];
const scenarios = SWEEP.map(blockingSweep);

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
      const midpoint = Math.sqrt(c) * x;
      j.check({
        label: connectionsLabel(c),
        figure: 'rps',
        a: { scenario: s, name: 'blocking' },
        b: { constant: midpoint, name: '√C/S' },
        expect: 'a-not-better',
        decisive: c >= 10,
        text: (cmp) =>
          `${connectionsLabel(c)}: ${fmtNumber(cmp.aMedian)} req/s (${fmtCi(cmp.ratioCiLow * midpoint, cmp.ratioCiHigh * midpoint)}) = ${fmtNumber(cmp.aMedian / x)}/S` +
          (c >= 10 ? ` vs ${fmtNumber(c * x)} if the waits overlapped` : ''),
      });
    }
    const p99 = scenarios
      .map((s) => [connectionsOf(s), j.medianOf(s, 'latencyP99Ms')] as const)
      .filter((pair): pair is readonly [number, number] => pair[1] !== undefined);
    if (p99.length >= 2) j.note(`p99 grows with the queue: ${p99.map(([c, ms]) => `${fmtMs(ms)} at ${c}`).join(', ')}`);
    return j.finish({
      lead: {
        supported: `throughput stays near 1/S = ${fmtNumber(x)} req/s whatever the connections: one request at a time`,
        refuted: 'the blocking server overlapped waits',
      },
    });
  },
};
