/**
 * startup: what it costs to add one executor: start a worker thread until it posts its
 * first message vs fork a child process until its first IPC message. Both run the same
 * kind of minimal ESM entry (bench/tools/micro/entries/), so the difference is the thread vs a
 * whole new process (exec, V8 and Node bootstrap, IPC channel). Only the time to the
 * first message is recorded (tinybench `overriddenDuration`); ending the unit is not.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { hrtimeNow } from 'tinybench';
import { isReady } from '../entries/protocol.js';
import { compiledPath } from '../paths.js';
import { exited, firstMessage } from '../processes.js';
import { nsToMs, runAlternating, statsOf } from '../tinybench.js';
import type { MicroBenchmark, StartupResult } from '../types.js';

export const startup: MicroBenchmark<StartupResult> = {
  name: 'startup',
  description: 'start a worker thread (to its first message) vs fork a child (to its first IPC message), ms',
  async run({ reaper }) {
    const workerEntry = compiledPath('bench/tools/micro/entries/idle-worker.js');
    const childEntry = compiledPath('bench/tools/micro/entries/idle-child.js');
    const liveWorkers = new Set<Worker>();
    const liveChildren = new Set<ChildProcess>();
    try {
      const stats = await runAlternating(
        {
          worker: async () => {
            const startedMs = hrtimeNow();
            // execArgv [] for both: the unit starts with Node's defaults, not the parent's flags.
            const worker = new Worker(workerEntry, { execArgv: [] });
            liveWorkers.add(worker);
            try {
              await firstMessage(worker, 'idle worker', isReady);
              return { overriddenDuration: hrtimeNow() - startedMs };
            } finally {
              await worker.terminate();
              liveWorkers.delete(worker);
            }
          },
          fork: async () => {
            const startedMs = hrtimeNow();
            const child = fork(childEntry, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
            reaper.track(child.pid, childEntry);
            liveChildren.add(child);
            try {
              await firstMessage(child, 'idle child', isReady);
              return { overriddenDuration: hrtimeNow() - startedMs };
            } finally {
              child.kill('SIGTERM');
              await exited(child);
              reaper.release(child.pid);
              liveChildren.delete(child);
            }
          },
        },
        // 1 warm-up (module cache, code cache) + 4 rounds × 2 samples ≈ 1 s.
        { rounds: 4, perRound: { time: 0, iterations: 2, warmupTime: 0, warmupIterations: 1 } },
      );
      const worker = statsOf(stats, 'worker');
      const forked = statsOf(stats, 'fork');
      return {
        worker,
        fork: forked,
        workerStartMs: nsToMs(worker.meanNsPerOp),
        forkStartMs: nsToMs(forked.meanNsPerOp),
        forkOverWorkerRatio: forked.meanNsPerOp / worker.meanNsPerOp,
      };
    } finally {
      // Only after an error is anything left: end it, children by PID via the reaper.
      await Promise.all([...liveWorkers].map((w) => w.terminate()));
      for (const child of liveChildren) child.kill('SIGKILL');
    }
  },
  rows: (r) => [
    { item: 'worker-thread-start', unit: 'ms', value: r.workerStartMs, rmePct: r.worker.rmePct, samples: r.worker.samples },
    { item: 'child-fork-start', unit: 'ms', value: r.forkStartMs, rmePct: r.fork.rmePct, samples: r.fork.samples },
    { item: 'fork/worker', unit: 'ratio', value: r.forkOverWorkerRatio, rmePct: null, samples: null },
  ],
};
