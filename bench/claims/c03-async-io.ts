/**
 * C3 — "Higher request throughput ... Reduced latency ... Improved scalability"
 *
 * Analog: I/O workloads served by async code vs the same work done blocking on the event
 * loop, at the same connections: the sleep sweep (S = 5 ms at 10, 100 and 1,000
 * connections), the db slow query (SQLite: sqlite3 on libuv's pool vs better-sqlite3) and
 * the upstream fan-out (Promise.all of fetch vs a synchronous HTTP client), at 10.
 *
 * Predicate: for each pair, requests/s and p99 latency, async vs blocking (compareSamples,
 * band 5%, Holm over all of them). Every check with async better → supported; any check
 * with blocking better or no clear difference → refuted; otherwise inconclusive.
 * Scalability is the sweep itself: async throughput grows with connections while blocking
 * stays flat (printed as context).
 */
import { fmtNumber } from './figures.js';
import { ClaimJudging } from './judging.js';
import { dbQuery, sleepSweep, SWEEP_SLEEP_MS, upstream } from './scenarios.js';
import type { Scenario } from '../types.js';
import type { Claim } from './types.js';

interface Pair {
  label: string;
  async: Scenario;
  blocking: Scenario;
}

const SWEEP = [10, 100, 1000];
const pairs: Pair[] = [
  ...SWEEP.map((c) => ({ label: `sleep ${SWEEP_SLEEP_MS} ms, ${c} conn`, async: sleepSweep('async', c), blocking: sleepSweep('blocking', c) })),
  { label: 'db slow query, 10 conn', async: dbQuery('slow', 'async'), blocking: dbQuery('slow', 'blocking') },
  { label: 'upstream 5 x 50 ms, 10 conn', async: upstream('async'), blocking: upstream('blocking') },
];

export const c03: Claim = {
  id: 'C3',
  quote: 'Higher request throughput ... Reduced latency ... Improved scalability',
  analog: 'I/O work (sleep, a SQLite query, an upstream fan-out) awaited on the event loop vs done synchronously on it, same connections',
  scenarios: pairs.flatMap((p) => [p.blocking, p.async]),
  judge(results, ctx) {
    const j = new ClaimJudging('C3', results, ctx);
    for (const p of pairs) {
      const sides = { a: { scenario: p.async, name: 'async' }, b: { scenario: p.blocking, name: 'blocking' } };
      j.check({ label: p.label, figure: 'rps', ...sides });
      j.check({ label: p.label, figure: 'latencyP99Ms', ...sides });
    }
    const sweep = (strategy: 'async' | 'blocking') =>
      SWEEP.map((c) => j.medianOf(sleepSweep(strategy, c), 'rps')).filter((v): v is number => v !== undefined);
    const [a, b] = [sweep('async'), sweep('blocking')];
    if (a.length === SWEEP.length && b.length === SWEEP.length) {
      j.note(`sleep sweep ${SWEEP.join('/')} connections: async ${a.map(fmtNumber).join('/')} req/s, blocking ${b.map(fmtNumber).join('/')} req/s`);
    }
    return j.finish({ lead: { supported: 'async serves more requests with lower tail latency on every I/O workload measured' } });
  },
};
