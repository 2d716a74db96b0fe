import { claimScenarios } from '../claims/index.js';
import type { Suite } from '../types.js';
import { coreScenarios } from './parts/core.js';
import { headOfLineScenarios } from './parts/head-of-line.js';
import { ioScenarios } from './parts/io.js';
import { overTimeScenarios } from './parts/over-time.js';
import { RATE_SWEEP_SMALL, rateSweepScenarios } from './parts/rate-sweep.js';
import { pythonScenarios } from './parts/python.js';
import { dedupeScenarios, shortenScenarios } from './shorten.js';

/**
 * The first run's knobs, in one place (tune here): the window of every run and the
 * repetitions. Each repetition costs about (warm-up + window + ~1 s of server start) per
 * scenario; with ~45 scenarios, 3 repetitions of 1 s windows make about 5 minutes on 2 idle
 * cores, ceiling and micro-benchmarks included.
 */
const timing = { durationS: 1, warmupS: 0.5 };
const REPETITIONS = 3;

/**
 * What `npm run bench` runs first (the default suite): the whole pipeline, short. Every
 * strategy × {noop, sleep, cpu}, the I/O workloads (SQLite and the project's own upstream
 * server: nothing to install), head-of-line, and every scenario a claim needs except the
 * 10,000-connection run; 1 s windows (the 1,000-connection run keeps its 5 s: it must hold
 * many closed-loop rounds). With 3 repetitions large effects get a verdict and small ones
 * may come out `inconclusive`; `--suite full` measures longer, with the sweeps.
 */
export const quick: Suite = {
  name: 'quick',
  description: `the first run: every strategy x {noop, sleep, cpu}, db/upstream/file, head-of-line and every claim's scenarios but 10,000 connections; ${timing.durationS} s runs, ${REPETITIONS} repetitions; for the charts, a small open-model rate sweep (sleep, cpu) and two 3 s head-of-line runs`,
  repetitions: REPETITIONS,
  scenarios: dedupeScenarios([
    ...shortenScenarios(
      dedupeScenarios([
        ...coreScenarios(timing),
        ...ioScenarios(timing, ['blocking', 'async']),
        ...headOfLineScenarios(timing).filter((s) => ['blocking', 'async', 'worker-threads'].includes(s.strategy)),
        ...pythonScenarios(timing, 'few'),
        ...claimScenarios(),
      ]),
      timing,
    ),
    // The charts' own runs (latency against offered load, over time) keep their windows,
    // sized for their charts: 18 sweep runs of ~1.5 s and 2 of ~4.5 s, about 40 s per
    // repetition (parts/rate-sweep.ts RATE_SWEEP_SMALL, parts/over-time.ts).
    ...rateSweepScenarios(RATE_SWEEP_SMALL),
    ...overTimeScenarios(3, 0.5),
  ]),
};
