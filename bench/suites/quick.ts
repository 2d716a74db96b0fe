import { claimScenarios } from '../claims/index.js';
import type { Suite } from '../types.js';
import { coreScenarios } from './parts/core.js';
import { headOfLineScenarios } from './parts/head-of-line.js';
import { ioScenarios } from './parts/io.js';
import { overTimeScenarios } from './parts/over-time.js';
import { RATE_SWEEP_SMALL, rateSweepScenarios } from './parts/rate-sweep.js';
import { dedupeScenarios, shortenScenarios } from './shorten.js';

const timing = { durationS: 1, warmupS: 0.5 };

/**
 * The whole pipeline, short: every strategy × {noop, sleep, cpu}, the I/O workloads,
 * head-of-line, and every scenario a claim needs except the 10,000-connection run; 1 s
 * windows (the 1,000-connection run keeps its 5 s: it must hold many closed-loop rounds),
 * 2 repetitions: the fewest with which a comparison has a confidence interval at all, so
 * large effects get a verdict and small ones come out `inconclusive` (run `default`, 3
 * repetitions, for those). About 3 minutes on 2 idle cores.
 */
export const quick: Suite = {
  name: 'quick',
  description:
    'every strategy x {noop, sleep, cpu}, db/upstream/file, head-of-line and every claim\'s scenarios but 10,000 connections; 1 s runs, 2 repetitions; a small open-model rate sweep (sleep, cpu) and two 4 s head-of-line runs for the charts',
  repetitions: 2,
  scenarios: dedupeScenarios([
    ...shortenScenarios(
      dedupeScenarios([
        ...coreScenarios(timing),
        ...ioScenarios(timing, ['blocking', 'async']),
        ...headOfLineScenarios(timing).filter((s) => ['blocking', 'async', 'worker-threads'].includes(s.strategy)),
        ...claimScenarios(),
      ]),
      timing,
    ),
    // The charts' own runs (latency against offered load, over time) keep their windows:
    // they are sized for their charts (parts/rate-sweep.ts, parts/over-time.ts).
    ...rateSweepScenarios(RATE_SWEEP_SMALL),
    ...overTimeScenarios(4, 0.5),
  ]),
};
