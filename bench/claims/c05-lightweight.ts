/**
 * C5 — "Lightweight architecture ... Lower overhead ... Higher resource usage" (threads)
 *
 * Analog: memory and CPU per concurrent unit. A server that starts one worker thread per
 * request (`thread-per-request`) vs the async server, same sleep workload at 10
 * connections; and, in isolation, a pending async call vs an idle worker thread vs an
 * idle child process (the `memory-per-unit` micro-benchmark).
 *
 * Predicate (every part must support):
 * - peak RSS of the server's process tree, async vs thread-per-request (compareSamples,
 *   lower is better, band 5%, Holm): async lower → supports ("lightweight"); no clear
 *   difference or higher → refutes;
 * - server CPU per answered request, same rule ("lower overhead");
 * - micro: RSS per idle worker thread ÷ RSS per pending async call ≥ 2 → supports, ≤ 1
 *   → refutes, between → undecided. One measurement per kind, averaged over many units
 *   (100,000 calls, 4 threads): the 2x margin stands in for a test the single measurement
 *   cannot give.
 */
import type { MemoryPerUnitResult } from '../tools/micro/types.js';
import { formatBytes, formatRatio } from '../format/index.js';
import { ClaimJudging } from './judging.js';
import { scenario } from './scenarios.js';
import type { Claim } from './types.js';

const MICRO_MARGIN = 2;
const asyncSleep = scenario({ workload: 'sleep', strategy: 'async', connections: 10 });
const threadPerRequest = scenario({ workload: 'sleep', strategy: 'thread-per-request', connections: 10 });

function microPart(j: ClaimJudging, r: MemoryPerUnitResult): void {
  const ratio = r.workerOverAsyncCallRssRatio;
  j.part(
    ratio >= MICRO_MARGIN ? 'supports' : ratio <= 1 ? 'refutes' : 'undecided',
    `micro, RSS per unit: pending async call ${formatBytes(r.pendingAsyncCall.rssBytesPerUnit)}, worker thread ${formatBytes(r.workerThread.rssBytesPerUnit)} ` +
      `(${formatRatio(ratio)}), child process ${formatBytes(r.childProcess.rssBytesPerUnit)}`,
  );
}

export const c05: Claim = {
  id: 'C5',
  quote: 'Lightweight architecture ... Lower overhead ... Higher resource usage',
  analog: 'memory and CPU per concurrent unit: a pending promise vs a worker thread (one per request) vs a child process',
  scenarios: [asyncSleep, threadPerRequest],
  needsMicro: ['memory-per-unit'],
  judge(results, ctx) {
    const j = new ClaimJudging('C5', results, ctx);
    const sides = { a: { scenario: asyncSleep, name: 'async' }, b: { scenario: threadPerRequest, name: 'thread-per-request' } };
    j.check({ label: 'sleep 50 ms, 10 conn, memory', figure: 'rssPeakMib', ...sides });
    j.check({ label: 'sleep 50 ms, 10 conn, CPU', figure: 'cpuMsPerRequest', ...sides });
    const micro = ctx.micro?.results['memory-per-unit'];
    if (micro) microPart(j, micro);
    else j.part('absent', 'micro memory-per-unit: not measured in this run');
    return j.finish({ lead: { supported: 'a pending async call costs far less memory and CPU than a thread' } });
  },
};
