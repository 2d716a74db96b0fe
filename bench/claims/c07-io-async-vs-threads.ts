/**
 * C7 — "For I/O-heavy backend workloads, Asyncio is typically the better option." (than threading)
 *
 * Analog: I/O workloads on the async server vs on a pool of W worker threads running the
 * blocking implementation (the usual thread-pool answer): sleep (50 ms, 50 connections)
 * and the SQLite db workload (async sqlite3 vs better-sqlite3 in the threads; fast and
 * slow query, 10 connections). "Better": more requests/s, and more requests/s per MB of
 * the server's peak RSS.
 *
 * Predicate: for each workload, both figures, async vs worker-threads (compareSamples,
 * band 5%, Holm). Every check with async better → supported; any with worker-threads
 * better or no clear difference → refuted; otherwise inconclusive.
 */
import { ClaimJudging } from './judging.js';
import { core, dbQuery } from './scenarios.js';
import type { Claim } from './types.js';

const pairs = [
  { label: 'sleep 50 ms, 50 conn', async: core('sleep', 'async'), threads: core('sleep', 'worker-threads') },
  { label: 'db fast query, 10 conn', async: dbQuery('fast', 'async'), threads: dbQuery('fast', 'worker-threads') },
  { label: 'db slow query, 10 conn', async: dbQuery('slow', 'async'), threads: dbQuery('slow', 'worker-threads') },
];

export const c07: Claim = {
  id: 'C7',
  quote: 'For I/O-heavy backend workloads, Asyncio is typically the better option.',
  analog: 'I/O workloads (sleep, SQLite queries) on the async server vs a worker-thread pool running the sync implementation: requests/s and requests/s per MB',
  scenarios: pairs.flatMap((p) => [p.async, p.threads]),
  judge(results, ctx) {
    const j = new ClaimJudging('C7', results, ctx);
    for (const p of pairs) {
      const sides = { a: { scenario: p.async, name: 'async' }, b: { scenario: p.threads, name: 'worker-threads' } };
      j.check({ label: p.label, figure: 'rps', ...sides });
      j.check({ label: p.label, figure: 'rpsPerMb', ...sides });
    }
    return j.finish({ lead: { supported: 'on I/O, async beats a thread pool on throughput and on throughput per MB' } });
  },
};
