import { isStrategyName, strategies } from '../../../servers/strategies/index.js';
import type { Runtime, StrategyRole } from '../../../servers/strategies/types.js';
import type { RateLoad, Scenario } from '../../types.js';
import { defineScenario } from '../scenario.js';

/** The tag the latency-against-offered-load chart finds its scenarios by. */
export const RATE_SWEEP_TAG = 'rate-sweep';

/** The roles the sweep compares, in every runtime the registry has (Python's once it exists). */
export const RATE_SWEEP_ROLES: readonly StrategyRole[] = ['blocking', 'async', 'threads', 'processes'];

/** Strategies with those roles (registry order), found by role, not by name. */
export function rateSweepStrategies(roles: readonly StrategyRole[] = RATE_SWEEP_ROLES, runtimes?: readonly Runtime[]): string[] {
  return Object.values(strategies)
    .filter((s) => roles.includes(s.role) && (!runtimes || runtimes.includes(s.runtime)))
    .map((s) => s.name)
    .filter(isStrategyName);
}

export interface RateSweepSize {
  /** Offered rates on sleep (sleepMs = 50: a blocked loop serves 20/s, a pool of 2 40/s). */
  sleepRatesPerS: number[];
  /** Offered rates on cpu (cpuMs = 20: one loop serves 50/s, 2 cores 100/s). */
  cpuRatesPerS: number[];
  durationS: number;
  warmupS: number;
  /** Roles swept (default RATE_SWEEP_ROLES). */
  roles?: readonly StrategyRole[];
  /** Runtimes swept (default: every runtime the registry has, Python's included). */
  runtimes?: readonly Runtime[];
}

/**
 * Small, for the first-run suite (which runs it once, on sleep only): three rates (one below
 * every strategy's capacity, one past the blocked loop's 20/s, one past a pool's 40/s),
 * blocking and async (the full sweep has threads, processes and Python's), Node.js only.
 * 1 s windows without a separate warm-up: the open-model driver counts a request by its
 * scheduled time inside the window, and its answer within a grace of 0.1 s
 * (bench/drivers/open-model/driver.ts, rateGraceMs), so the answers to the window's last
 * S = 50 ms of arrivals count (the old rule counted 29 of 30/s and needed 4 s windows),
 * while a blocked loop at 30/s or 60/s still serves at most ~22 by then and stays invalid.
 */
export const RATE_SWEEP_SMALL: RateSweepSize = { sleepRatesPerS: [15, 30, 60], cpuRatesPerS: [30, 60, 120], durationS: 1, warmupS: 0, roles: ['blocking', 'async'], runtimes: ['node'] };
/** Full: 5-6 rates per workload bracketing each capacity, 2 s windows (44 runs of ~3 s per repetition). */
export const RATE_SWEEP_FULL: RateSweepSize = { sleepRatesPerS: [10, 15, 25, 40, 60, 120], cpuRatesPerS: [25, 40, 55, 80, 110], durationS: 2, warmupS: 0.5 };

/**
 * The open-model rate sweep behind the latency-against-offered-load chart: each strategy at
 * fixed offered rates on sleep and cpu (uniform arrivals). Connections are capped at 256, so
 * a saturated server queues at most 256 requests: every run stays bounded.
 */
export function rateSweepScenarios(size: RateSweepSize): Scenario[] {
  const load = (ratePerS: number): RateLoad => ({ kind: 'rate', ratePerS, durationS: size.durationS, warmupS: size.warmupS, arrival: 'uniform', maxConnections: 256 });
  return rateSweepStrategies(size.roles, size.runtimes).flatMap((strategy) => [
    ...size.sleepRatesPerS.map((r) => defineScenario({ workload: 'sleep', strategy, params: { sleepMs: 50 }, load: load(r), tags: [RATE_SWEEP_TAG] })),
    ...size.cpuRatesPerS.map((r) => defineScenario({ workload: 'cpu', strategy, params: { cpuMs: 20 }, load: load(r), tags: [RATE_SWEEP_TAG] })),
  ]);
}
