/**
 * sync-vs-await: what `await` costs over a plain call. Each sample runs a batch of calls
 * so that the clock's own cost (tens of ns) does not swamp a call of about 1 ns.
 *
 * The plain call is the cost in optimised code, where V8 usually inlines it; `await`
 * cannot be optimised away: it allocates a promise and resumes through the microtask
 * queue every time, even when the value is already there.
 */
import { runAlternating, statsOf } from '../tinybench.js';
import type { MicroBenchmark, SyncVsAwaitResult } from '../types.js';

const SYNC_OPS_PER_SAMPLE = 100_000;
const AWAIT_OPS_PER_SAMPLE = 10_000;

function plainValue(i: number): number {
  return i & 7;
}

async function asyncValue(i: number): Promise<number> {
  return i & 7;
}

/** Written after every sample so the loops cannot be removed as dead code. */
let sink = 0;

export const syncVsAwait: MicroBenchmark<SyncVsAwaitResult> = {
  name: 'sync-vs-await',
  description: 'a plain sync call vs `await` of an async function returning the same value (ns/op)',
  async run() {
    const stats = await runAlternating(
      {
        sync: () => {
          let acc = 0;
          for (let i = 0; i < SYNC_OPS_PER_SAMPLE; i++) acc += plainValue(i);
          sink ^= acc;
        },
        await: async () => {
          let acc = 0;
          for (let i = 0; i < AWAIT_OPS_PER_SAMPLE; i++) acc += await asyncValue(i);
          sink ^= acc;
        },
      },
      {
        rounds: 2,
        perRound: { time: 250, iterations: 10, warmupTime: 100, warmupIterations: 5 },
        opsPerSample: { sync: SYNC_OPS_PER_SAMPLE, await: AWAIT_OPS_PER_SAMPLE },
      },
    );
    if (!Number.isFinite(sink)) throw new Error('unreachable');
    const sync = statsOf(stats, 'sync');
    const awaited = statsOf(stats, 'await');
    return { sync, await: awaited, awaitOverSyncRatio: awaited.meanNsPerOp / sync.meanNsPerOp };
  },
  rows: (r) => [
    { item: 'sync-call', unit: 'ns/op', value: r.sync.meanNsPerOp, rmePct: r.sync.rmePct, samples: r.sync.samples },
    { item: 'await-async-call', unit: 'ns/op', value: r.await.meanNsPerOp, rmePct: r.await.rmePct, samples: r.await.samples },
    { item: 'await/sync', unit: 'ratio', value: r.awaitOverSyncRatio, rmePct: null, samples: null },
  ],
};
