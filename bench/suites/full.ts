import { claimScenarios } from '../claims/index.js';
import type { Suite } from '../types.js';
import { coreScenarios } from './parts/core.js';
import { headOfLineScenarios } from './parts/head-of-line.js';
import { ioScenarios } from './parts/io.js';
import { overTimeScenarios } from './parts/over-time.js';
import { RATE_SWEEP_FULL, rateSweepScenarios } from './parts/rate-sweep.js';
import { pythonScenarios } from './parts/python.js';
import { sweepScenarios, thousandsScenarios, upstreamSweepScenarios } from './parts/sweep.js';
import { dedupeScenarios } from './shorten.js';

// 2 s windows keep the whole suite within ~15 minutes on 2 cores (3 repetitions of ~50 scenarios).
const timing = { durationS: 2, warmupS: 1 };

/**
 * The long suite (`npm run bench -- --suite full`, about 13 minutes on 2 cores; `npm run
 * bench` runs the shorter `quick`): every strategy × {noop, sleep, cpu}, the sleep connection
 * sweep (1-1,000: async at S = 200 ms, blocking at S = 5 ms), async into 10,000
 * connections, the real-I/O workloads and head-of-line; then whatever else a claim needs
 * (thread-per-request, forgot-await), deduped by id; 3 interleaved repetitions.
 *
 * The blocking side of the sweep is claim C1's, at S = 5 ms: at 200 ms a blocked loop
 * queues C·S = 20 s at 100 connections and 200 s at 1,000, past the 10 s request timeout,
 * so those runs could only be invalid.
 */
export const full: Suite = {
  name: 'full',
  description:
    'every strategy x {noop, sleep, cpu}; sleep sweep 1-1,000 connections (async 200 ms, blocking 5 ms); async to 10,000 connections; db, upstream, file; head-of-line; and every scenario of claims C1-C15; 2 s runs (5 s for the sweep), 3 repetitions',
  repetitions: 3,
  scenarios: dedupeScenarios([
    ...coreScenarios(timing),
    ...sweepScenarios({ durationS: 5, warmupS: 1 }).filter((s) => s.strategy === 'async'),
    ...thousandsScenarios(5, [{ connections: 10_000, sleepMs: 2000 }]),
    ...upstreamSweepScenarios(5, [10, 100, 1000]),
    ...ioScenarios(timing),
    ...headOfLineScenarios(timing),
    ...pythonScenarios(timing),
    ...claimScenarios(),
    ...rateSweepScenarios(RATE_SWEEP_FULL),
    ...overTimeScenarios(8, 1),
  ]),
};
