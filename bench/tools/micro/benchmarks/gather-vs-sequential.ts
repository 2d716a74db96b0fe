/**
 * gather-vs-sequential (claim C2): `Promise.all` of N timers of S ms vs the same N timers
 * awaited one after another. Physics says ~S vs ~N·S: the waits overlap only when they
 * are started together. A few iterations only: each sample is tens of ms of waiting.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { nsToMs, runAlternating, statsOf } from '../tinybench.js';
import type { GatherVsSequentialResult, MicroBenchmark } from '../types.js';

const TIMER_COUNT = 3;
const TIMER_MS = 20;

export const gatherVsSequential: MicroBenchmark<GatherVsSequentialResult> = {
  name: 'gather-vs-sequential',
  description: `Promise.all of ${TIMER_COUNT} timers of ${TIMER_MS} ms vs the same awaited one after another (wall ms)`,
  claim: 'C2',
  async run() {
    // time 0: the iteration count alone bounds it: 1 warm-up + 6 samples of S + N·S ≈ 0.6 s.
    const stats = await runAlternating(
      {
        gather: async () => {
          await Promise.all(Array.from({ length: TIMER_COUNT }, () => sleep(TIMER_MS)));
        },
        sequential: async () => {
          for (let i = 0; i < TIMER_COUNT; i++) await sleep(TIMER_MS);
        },
      },
      { rounds: 3, perRound: { time: 0, iterations: 2, warmupTime: 0, warmupIterations: 1 } },
    );
    const gather = statsOf(stats, 'gather');
    const sequential = statsOf(stats, 'sequential');
    return {
      timerCount: TIMER_COUNT,
      timerMs: TIMER_MS,
      gather,
      sequential,
      gatherWallMs: nsToMs(gather.meanNsPerOp),
      sequentialWallMs: nsToMs(sequential.meanNsPerOp),
      sequentialOverGatherRatio: sequential.meanNsPerOp / gather.meanNsPerOp,
      idealGatherWallMs: TIMER_MS,
      idealSequentialWallMs: TIMER_COUNT * TIMER_MS,
      idealSequentialOverGatherRatio: TIMER_COUNT,
    };
  },
  rows: (r) => [
    { item: `gather-${r.timerCount}x${r.timerMs}ms`, unit: 'ms', value: r.gatherWallMs, rmePct: r.gather.rmePct, samples: r.gather.samples },
    { item: `sequential-${r.timerCount}x${r.timerMs}ms`, unit: 'ms', value: r.sequentialWallMs, rmePct: r.sequential.rmePct, samples: r.sequential.samples },
    { item: 'sequential/gather', unit: 'ratio', value: r.sequentialOverGatherRatio, rmePct: null, samples: null },
  ],
};
