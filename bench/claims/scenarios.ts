/**
 * The scenarios the claims share, as data builders: the base matrix, the sleep sweep,
 * head-of-line pairs. A claim file lists what it needs; the suites run the union (deduped
 * by id), so two claims naming the same scenario share its runs.
 *
 * Parameters (stated in the report through the scenario ids and params):
 * - default run: 3 s measured after 1 s of warm-up inside the same load;
 * - sleep S = 50 ms, cpu T = 20 ms (the workloads' defaults), except the connection sweep
 *   at S = 5 ms, so 1,000 connections on a blocked loop queue 5 s, within the 10 s
 *   request timeout (at S = 50 ms they would queue 50 s and time out);
 * - head-of-line: 10 connections of heavy work and 1 connection on the cheap `/noop`.
 */
import { closedLoad, defineScenario, type ScenarioInput } from '../suites/scenario.js';
import type { Scenario } from '../types.js';

export const DURATION_S = 3;
export const WARMUP_S = 1;
export const MATRIX_CONNECTIONS = 50;
export const SWEEP_SLEEP_MS = 5;
export const HEAD_OF_LINE_CONNECTIONS = 10;
export const PROBE_CONNECTIONS = 1;

/** The five strategies of the article's comparison (the registry also holds bug/extra ones). */
export const CORE_STRATEGIES = ['blocking', 'async', 'worker-threads', 'child-process', 'cluster'] as const;

type Input = Omit<ScenarioInput, 'load'> & { connections: number; durationS?: number; warmupS?: number };

/** A closed-model scenario with the claims' default window. */
export function scenario(input: Input): Scenario {
  const { connections, durationS = DURATION_S, warmupS = WARMUP_S, ...rest } = input;
  return defineScenario({ ...rest, load: closedLoad(connections, durationS, warmupS) });
}

/** The base matrix: a workload on a strategy at 50 connections, default parameters. */
export function matrix(workload: 'noop' | 'sleep' | 'cpu', strategy: string): Scenario {
  return scenario({ workload, strategy, connections: MATRIX_CONNECTIONS });
}

/** The sleep sweep (claims C1, C3): S = 5 ms at C connections. */
export function sleepSweep(strategy: 'blocking' | 'async', connections: number): Scenario {
  return scenario({ workload: 'sleep', strategy, params: { sleepMs: SWEEP_SLEEP_MS }, connections, tags: ['sweep'] });
}

/** Heavy work at 10 connections plus the cheap route at 1 connection, on one server (C8, C12, C13). */
export function headOfLine(workload: 'sleep' | 'cpu' | 'db', strategy: string, variant?: string): Scenario {
  return scenario({
    workload,
    strategy,
    ...(variant ? { variant } : {}),
    connections: HEAD_OF_LINE_CONNECTIONS,
    probe: { path: '/noop', connections: PROBE_CONNECTIONS },
    tags: ['head-of-line'],
  });
}

/** The db workload at 10 connections, `fast` point lookup or `slow` aggregate (C3, C8). */
export function dbQuery(variant: 'fast' | 'slow', strategy: string): Scenario {
  return scenario({ workload: 'db', strategy, variant, connections: 10 });
}

/** The upstream fan-out (K = 5 calls of 50 ms) at 10 connections (C2, C3, C7, C9). */
export function upstream(strategy: string, mode: 'concurrent' | 'sequential' = 'concurrent'): Scenario {
  return scenario({ workload: 'upstream', strategy, params: { mode }, connections: 10 });
}

/** Connections of a closed-model scenario (0 for an open-model one). */
export function connectionsOf(s: Scenario): number {
  return s.load.kind === 'closed' ? s.load.connections : 0;
}

/** `1 connection`, `1,000 connections`. */
export function connectionsLabel(connections: number): string {
  return `${connections.toLocaleString('en-US')} connection${connections === 1 ? '' : 's'}`;
}
