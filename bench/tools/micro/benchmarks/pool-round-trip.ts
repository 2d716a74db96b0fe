/**
 * pool-round-trip: what handing one request to a pool costs, with no work in it: a noop
 * task through the worker-threads strategy's piscina pool vs through the child-process
 * strategy's ChildPool (one IPC message each way, JSON). One executor each, so every
 * sample is one full round trip and nothing overlaps.
 */
import { Piscina } from 'piscina';
import { ChildPool } from '../../../../servers/pool/child-pool.js';
import type { WorkTask } from '../../../../servers/pool/worker-task.js';
import type { WorkBody } from '../../../../servers/workloads/types.js';
import { compiledPath } from '../paths.js';
import { nsToUs, runAlternating, statsOf } from '../tinybench.js';
import type { MicroBenchmark, PoolRoundTripResult } from '../types.js';

const POOL_SIZE = 1;

function checkNoop(body: WorkBody, id: number): void {
  if (body.workload !== 'noop' || body.value !== id) {
    throw new Error(`pool answered ${JSON.stringify(body)} to noop request ${id}`);
  }
}

export const poolRoundTrip: MicroBenchmark<PoolRoundTripResult> = {
  name: 'pool-round-trip',
  description: 'a noop task through a piscina pool vs through a forked child over IPC (us/op)',
  async run({ reaper }) {
    // Both pool entries run compiled; fail clearly when dist/ is missing.
    const workerEntry = compiledPath('servers/pool/worker-task.js');
    compiledPath('servers/pool/child-entry.js');
    const workload = { workloadName: 'noop', params: {} };
    let piscina: Piscina | undefined;
    let childPool: ChildPool | undefined;
    try {
      piscina = new Piscina({
        filename: workerEntry,
        minThreads: POOL_SIZE,
        maxThreads: POOL_SIZE,
        idleTimeout: 60_000,
        workerData: workload,
      });
      await piscina.run({ warmup: true } satisfies WorkTask);
      childPool = await ChildPool.start(POOL_SIZE, workload.workloadName, workload.params);
      for (const pid of childPool.pids) reaper.track(pid, 'child-entry.js');

      const threads = piscina;
      const children = childPool;
      checkNoop((await threads.run({ req: { id: 1 } } satisfies WorkTask)) as WorkBody, 1);
      checkNoop(await children.run({ id: 1 }), 1);

      let id = 0;
      const stats = await runAlternating(
        {
          piscina: async () => {
            await threads.run({ req: { id: ++id } } satisfies WorkTask);
          },
          'child-ipc': async () => {
            await children.run({ id: ++id });
          },
        },
        { rounds: 4, perRound: { time: 250, iterations: 50, warmupTime: 200, warmupIterations: 100 } },
      );
      const piscinaStats = statsOf(stats, 'piscina');
      const childStats = statsOf(stats, 'child-ipc');
      return {
        poolSize: POOL_SIZE,
        piscina: piscinaStats,
        childIpc: childStats,
        piscinaUsPerOp: nsToUs(piscinaStats.meanNsPerOp),
        childIpcUsPerOp: nsToUs(childStats.meanNsPerOp),
        childIpcOverPiscinaRatio: childStats.meanNsPerOp / piscinaStats.meanNsPerOp,
      };
    } finally {
      try {
        await piscina?.destroy();
      } finally {
        if (childPool) {
          const pids = childPool.pids;
          await childPool.close();
          for (const pid of pids) reaper.release(pid);
        }
      }
    }
  },
  rows: (r) => [
    { item: 'piscina-noop', unit: 'us/op', value: r.piscinaUsPerOp, rmePct: r.piscina.rmePct, samples: r.piscina.samples },
    { item: 'child-ipc-noop', unit: 'us/op', value: r.childIpcUsPerOp, rmePct: r.childIpc.rmePct, samples: r.childIpc.samples },
    { item: 'child-ipc/piscina', unit: 'ratio', value: r.childIpcOverPiscinaRatio, rmePct: null, samples: null },
  ],
};

