/**
 * The scenarios the claims use, taken from the suite parts (bench/suites/parts/) so that a
 * claim and the suite name the same scenario by the same id, plus the few only claims need
 * (the blocking sweep at S = 5 ms, thread-per-request, forgot-await). The suites run the
 * union of every claim's list (deduped by id). Timing here is the default suite's; the
 * quick suite shortens it (bench/suites/shorten.ts). Judging never depends on timing.
 */
import { formatConnections } from '../format/index.js';
import { coreScenarios } from '../suites/parts/core.js';
import { headOfLineScenarios } from '../suites/parts/head-of-line.js';
import { ioScenarios } from '../suites/parts/io.js';
import { SWEEP_SLEEP_MS, sweepScenarios, thousandsScenarios } from '../suites/parts/sweep.js';
import type { Timing } from '../suites/parts/timing.js';
import { closedLoad, defineScenario, SCENARIO_TAGS, type ScenarioInput } from '../suites/scenario.js';
import type { Scenario } from '../types.js';

export const CLAIM_TIMING: Timing = { durationS: 3, warmupS: 1 };
/** Scenarios only claims need run shorter: their figures settle within 2 s. */
export const EXTRA_TIMING: Timing = { durationS: 2, warmupS: 1 };
export const SWEEP_TIMING: Timing = { durationS: 5, warmupS: 1 };

/**
 * The blocking sweep of claim C1 waits S = 5 ms per request, so 1,000 connections queue
 * 5 s, within the 10 s request timeout (at the sweep's 200 ms they would queue 200 s).
 */
export const BLOCKING_SWEEP_SLEEP_MS = 5;
export { SWEEP_SLEEP_MS };

/** The one scenario of a part matching `match`, or a loud error (a part changed shape). */
function pick(part: string, list: Scenario[], match: (s: Scenario) => boolean): Scenario {
  const found = list.filter(match);
  if (found.length !== 1) throw new Error(`claims: expected one scenario in suite part '${part}', found ${found.length}`);
  return found[0]!;
}

const withTags = (s: Scenario, ...tags: string[]): Scenario => ({ ...s, tags: [...new Set([...(s.tags ?? []), ...tags])] });

/** The core matrix: a workload on a strategy at 50 connections, default parameters. */
export function core(workload: 'noop' | 'sleep' | 'cpu', strategy: string): Scenario {
  return pick('core', coreScenarios(CLAIM_TIMING), (s) => s.workload === workload && s.strategy === strategy);
}

/** Heavy work plus the cheap `/noop` route on one server (parts/head-of-line.ts). */
export function headOfLine(workload: 'sleep' | 'cpu' | 'db', strategy: string): Scenario {
  return pick('head-of-line', headOfLineScenarios(CLAIM_TIMING), (s) => s.workload === workload && s.strategy === strategy);
}

/** The db workload at 10 connections: `fast` point lookup or `slow` aggregate (parts/io.ts). */
export function dbQuery(variant: 'fast' | 'slow', strategy: 'blocking' | 'async' | 'worker-threads'): Scenario {
  return pick('io', ioScenarios(CLAIM_TIMING), (s) => s.workload === 'db' && s.variant === variant && s.strategy === strategy);
}

/** The upstream fan-out (5 calls of 50 ms) at 10 connections (parts/io.ts). */
export function upstream(strategy: 'blocking' | 'async', mode: 'concurrent' | 'sequential' = 'concurrent'): Scenario {
  return pick('io', ioScenarios(CLAIM_TIMING), (s) => s.workload === 'upstream' && s.strategy === strategy && (strategy === 'blocking' || s.params['mode'] === mode));
}

/** The async sleep sweep (S = 200 ms) at C connections (parts/sweep.ts). */
export function asyncSweep(connections: number): Scenario {
  const s = pick('sweep', sweepScenarios(SWEEP_TIMING, [connections]), (x) => x.strategy === 'async');
  // Its window must hold many closed-loop rounds at 1,000 connections: quick keeps it.
  return connections >= 1000 ? withTags(s, SCENARIO_TAGS.keepWindow) : s;
}

/** 10,000 async connections at S = 2 s (parts/sweep.ts), too long for the quick suite. */
export function tenThousand(): Scenario {
  return withTags(thousandsScenarios(5, [{ connections: 10_000, sleepMs: 2000 }])[0]!, SCENARIO_TAGS.defaultOnly);
}

/** C1's blocking sweep: S = 5 ms at C connections. */
export function blockingSweep(connections: number): Scenario {
  return scenario({ workload: 'sleep', strategy: 'blocking', params: { sleepMs: BLOCKING_SWEEP_SLEEP_MS }, connections, tags: ['sweep'] });
}

type Input = Omit<ScenarioInput, 'load'> & { connections: number };

/** A closed-model scenario only claims need, with the default window. */
export function scenario({ connections, ...rest }: Input): Scenario {
  return defineScenario({ ...rest, load: closedLoad(connections, EXTRA_TIMING.durationS, EXTRA_TIMING.warmupS) });
}

/** Connections of a closed-model scenario (0 for an open-model one). */
export function connectionsOf(s: Scenario): number {
  return s.load.kind === 'closed' ? s.load.connections : 0;
}

/** `1 connection`, `1,000 connections` (bench/format). */
export const connectionsLabel = formatConnections;
