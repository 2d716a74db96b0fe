import type { Suite } from '../types.js';
import { defaultSuite } from './default.js';
import { shortenScenarios } from './shorten.js';

/**
 * The default suite's scenarios with 1 s windows after 0.5 s of warm-up (the 10,000
 * connection run left out), 3 repetitions: every claim gets a verdict, in a few minutes.
 */
export const quick: Suite = {
  name: 'quick',
  description: 'the default suite with 1 s runs after 0.5 s warm-up (no 10,000-connection run), 3 repetitions',
  repetitions: 3,
  scenarios: shortenScenarios(defaultSuite.scenarios, { durationS: 1, warmupS: 0.5 }),
};
