/**
 * C7 — "For I/O-heavy backend workloads, Asyncio is typically the better option." (than threading)
 *
 * Analog: I/O workloads on the async server vs on a thread pool big enough for the
 * concurrency (W ≥ C, as a threaded server is run: every connection has a thread, so
 * the pool size does not cap the threads' throughput): sleep 50 ms at C = 16 with W = 16,
 * and the SQLite slow query at C = 10 with W = 10 (async sqlite3 vs better-sqlite3 in
 * the threads). "Better" is judged on throughput, memory and CPU per request.
 *
 * Predicate, per workload (compareSamples, band 5%, Holm over all decisive checks):
 * - requests/s: threads better beyond the band → refutes; async better or no clear
 *   difference → supports (with W ≥ C both can reach C/S: async must not be worse);
 *   too noisy → undecided;
 * - peak RSS of the server's process tree: async lower → supports; no clear difference
 *   or higher → refutes;
 * - server CPU per answered request: same rule as memory.
 * Every check supports → supported; any refutes → refuted; otherwise inconclusive.
 */
import { ClaimJudging } from './judging.js';
import { scenarioIdOf } from '../suites/scenario.js';
import type { Scenario } from '../types.js';
import { dbQuery, scenario } from './scenarios.js';
import type { Claim, ClaimComparison, Outcome } from './types.js';

const SLEEP_CONNECTIONS = 16;
const DB_CONNECTIONS = 10;

const pairs = [
  {
    label: `sleep 50 ms, C=${SLEEP_CONNECTIONS}, W=${SLEEP_CONNECTIONS}`,
    async: scenario({ workload: 'sleep', strategy: 'async', connections: SLEEP_CONNECTIONS }),
    threads: scenario({ workload: 'sleep', strategy: 'worker-threads', poolSize: SLEEP_CONNECTIONS, connections: SLEEP_CONNECTIONS }),
  },
  {
    label: `db slow query, C=${DB_CONNECTIONS}, W=${DB_CONNECTIONS}`,
    async: dbQuery('slow', 'async'),
    threads: withPool(dbQuery('slow', 'worker-threads'), DB_CONNECTIONS),
  },
];

/** The same scenario with a pool of `poolSize` (the io part's db runs at 10 connections). */
function withPool(s: Scenario, poolSize: number): Scenario {
  const { id: _id, ...rest } = s;
  const sized = { ...rest, poolSize };
  return { id: scenarioIdOf(sized), ...sized };
}

const notWorse = (c: ClaimComparison): Outcome => (c.verdictAfterHolm === 'b-better' ? 'refutes' : c.verdictAfterHolm === 'inconclusive' ? 'undecided' : 'supports');

export const c07: Claim = {
  id: 'C7',
  quote: 'For I/O-heavy backend workloads, Asyncio is typically the better option.',
  analog: 'I/O workloads (sleep, a SQLite query) on the async server vs a thread pool with a thread for every connection (W ≥ C): requests/s, memory and CPU per request',
  scenarios: pairs.flatMap((p) => [p.async, p.threads]),
  judge(results, ctx) {
    const j = new ClaimJudging('C7', results, ctx);
    for (const p of pairs) {
      const sides = { a: { scenario: p.async }, b: { scenario: p.threads } };
      j.check({ label: p.label, figure: 'rps', ...sides, expect: notWorse });
      j.check({ label: `${p.label}, memory`, figure: 'rssPeakMib', ...sides });
      j.check({ label: `${p.label}, CPU`, figure: 'cpuMsPerRequest', ...sides });
    }
    j.note('the pool has a thread for every connection (W = C), so its size does not cap the threads');
    return j.finish({ lead: { supported: 'on I/O, async serves at least as many requests as a thread per connection, with less memory and less CPU per request' } });
  },
};
