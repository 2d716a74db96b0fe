/**
 * C7 — "For I/O-heavy backend workloads, Asyncio is typically the better option." (than threading)
 *
 * Analog: I/O workloads on the async server vs on a pool of W worker threads running the
 * blocking implementation (the usual thread-pool answer): sleep (50 ms, 50 connections)
 * and the upstream fan-out (5 x 50 ms, 10 connections). "Better": more requests/s, and
 * more requests/s per MB of the server's peak RSS.
 *
 * Predicate: for each workload, both figures, async vs worker-threads (compareSamples,
 * band 5%, Holm). Every check with async better → supported; any with worker-threads
 * better or no clear difference → refuted; otherwise inconclusive.
 */
import { ClaimJudging } from './judging.js';
import { matrix, upstream } from './scenarios.js';
import type { Claim } from './types.js';

const pairs = [
  { label: 'sleep 50 ms, 50 conn', async: matrix('sleep', 'async'), threads: matrix('sleep', 'worker-threads') },
  { label: 'upstream 5 x 50 ms, 10 conn', async: upstream('async'), threads: upstream('worker-threads') },
];

export const c07: Claim = {
  id: 'C7',
  quote: 'For I/O-heavy backend workloads, Asyncio is typically the better option.',
  analog: 'I/O workloads (sleep, an upstream fan-out) on the async server vs a worker-thread pool: requests/s and requests/s per MB',
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
