import type { Suite } from '../types.js';
import { coreScenarios } from './parts/core.js';
import { headOfLineScenarios } from './parts/head-of-line.js';
import { ioScenarios } from './parts/io.js';
import { thousandsScenarios } from './parts/sweep.js';

const timing = { durationS: 2, warmupS: 0.5 };

/** The whole pipeline once, short: every strategy × {noop, sleep, cpu}, the I/O workloads, head-of-line, 1,000 connections. */
export const quick: Suite = {
  name: 'quick',
  description: 'every strategy x {noop, sleep, cpu}, db/upstream/file, head-of-line and 1,000 async connections; 2 s runs, 1 repetition',
  repetitions: 1,
  scenarios: [
    ...coreScenarios(timing),
    ...ioScenarios(timing, ['blocking', 'async']),
    ...headOfLineScenarios(timing).filter((s) => ['blocking', 'async', 'worker-threads'].includes(s.strategy)),
    ...thousandsScenarios(3, [{ connections: 1000, sleepMs: 500 }]),
  ],
};
