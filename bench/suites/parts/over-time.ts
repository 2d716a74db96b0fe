import type { Scenario } from '../../types.js';
import { closedLoad, defineScenario } from '../scenario.js';
import { PROBE } from './head-of-line.js';

/** The tag the over-time chart finds its head-of-line runs by (bench/charts/over-time.ts). */
export const OVER_TIME_TAG = 'over-time';

/**
 * Head-of-line runs long enough to draw second by second: cpu work (20 ms) at 8
 * connections with a cheap /noop load beside it, on the event loop (blocking) and off it
 * (worker-threads). 8 connections, not head-of-line's 4, so the ids differ from those
 * shorter runs.
 */
export function overTimeScenarios(durationS: number, warmupS: number): Scenario[] {
  return ['blocking', 'worker-threads'].map((strategy) =>
    defineScenario({ workload: 'cpu', strategy, params: { cpuMs: 20 }, load: closedLoad(8, durationS, warmupS), probe: PROBE, tags: [OVER_TIME_TAG] }),
  );
}
