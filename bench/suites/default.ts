import type { Suite } from '../types.js';
import { coreScenarios } from './parts/core.js';
import { headOfLineScenarios } from './parts/head-of-line.js';
import { ioScenarios } from './parts/io.js';
import { sweepScenarios, thousandsScenarios, upstreamSweepScenarios } from './parts/sweep.js';

const timing = { durationS: 3, warmupS: 1 };

/**
 * What `npm run bench` runs: every strategy × {noop, sleep, cpu}, the sleep connection
 * sweep (1-1,000) on blocking and async, async into 10,000 connections, the real-I/O
 * workloads and head-of-line; 3 interleaved repetitions.
 */
export const defaultSuite: Suite = {
  name: 'default',
  description: 'every strategy x {noop, sleep, cpu}; sleep sweep 1-1,000 connections; async to 10,000 connections; db, upstream, file; head-of-line; 3 s runs, 3 repetitions',
  repetitions: 3,
  scenarios: [
    ...coreScenarios(timing),
    ...sweepScenarios({ durationS: 5, warmupS: 1 }),
    ...thousandsScenarios(5, [{ connections: 10_000, sleepMs: 2000 }]),
    ...upstreamSweepScenarios(5, [10, 100, 1000]),
    ...ioScenarios(timing),
    ...headOfLineScenarios(timing),
  ],
};
