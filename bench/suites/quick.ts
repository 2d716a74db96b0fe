import { claimScenarios } from '../claims/index.js';
import type { Suite } from '../types.js';
import { coreScenarios } from './parts/core.js';
import { headOfLineScenarios } from './parts/head-of-line.js';
import { ioScenarios } from './parts/io.js';
import { pythonScenarios } from './parts/python.js';
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
    'every strategy x {noop, sleep, cpu}, db/upstream/file, head-of-line and every claim\'s scenarios but 10,000 connections; 1 s runs, 2 repetitions',
  repetitions: 2,
  scenarios: shortenScenarios(
    dedupeScenarios([
      ...coreScenarios(timing),
      ...ioScenarios(timing, ['blocking', 'async']),
      ...headOfLineScenarios(timing).filter((s) => ['blocking', 'async', 'worker-threads'].includes(s.strategy)),
      ...pythonScenarios(timing),
      ...claimScenarios(),
    ]),
    timing,
  ),
};
