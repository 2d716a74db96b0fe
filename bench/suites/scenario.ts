import { getWorkload, isWorkloadName } from '../../servers/workloads/index.js';
import type { WorkloadParams } from '../../servers/workloads/types.js';
import type { ClosedLoad, Load, Scenario } from '../types.js';

/** Parameters that differ from the workload's defaults, as `k=v;k=v` (sorted). */
export function paramsLabel(params: WorkloadParams, separator = ';'): string {
  return Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join(separator);
}

/** The load part of a scenario id: `c100`, `r500`, or `r10-100in20s` for a ramp. */
export function loadIdLabel(load: Load): string {
  if (load.kind === 'closed') return `c${load.connections}`;
  return `r${load.ratePerS}${load.ramp ? `-${load.ramp.toRatePerS}in${load.ramp.durationS}s` : ''}`;
}

/**
 * The stable id of a scenario, built from what defines it, e.g. `sleep/async/c100`,
 * `cpu/worker-threads/c50/w4`, `db:slow/blocking/c10+probe`, `upstream/async/c10/mode=sequential`.
 * Parameters appear only where they differ from the workload's defaults.
 */
export function scenarioIdOf(scenario: Omit<Scenario, 'id'>): string {
  const workload = scenario.variant ? `${scenario.workload}:${scenario.variant}` : scenario.workload;
  const load = loadIdLabel(scenario.load);
  const parts = [workload, scenario.strategy, load];
  if (scenario.poolSize !== undefined) parts.push(`w${scenario.poolSize}`);
  const defaults = isWorkloadName(scenario.workload) ? getWorkload(scenario.workload).defaults : {};
  const changed = Object.fromEntries(Object.entries(scenario.params).filter(([key, value]) => defaults[key] !== value));
  if (Object.keys(changed).length > 0) parts.push(paramsLabel(changed, ','));
  return parts.join('/') + (scenario.probe ? '+probe' : '');
}

/** Tags the harness acts on (other tags are free labels for claims and charts). */
export const SCENARIO_TAGS = {
  /** Answers are wrong by design (the forgot-await bug, claim C14): the load runs even when validation fails. */
  expectWrongAnswers: 'expect-wrong-answers',
  /** The quick suite keeps this scenario's window: it must hold many closed-loop rounds. */
  keepWindow: 'keep-window',
  /** Too long for the quick suite (tens of seconds per run). */
  defaultOnly: 'default-only',
} as const;

export interface ScenarioInput extends Omit<Scenario, 'id' | 'params'> {
  params?: WorkloadParams;
}

/** A scenario with the workload's default parameters filled in and its id computed. */
export function defineScenario(input: ScenarioInput): Scenario {
  const defaults = isWorkloadName(input.workload) ? getWorkload(input.workload).defaults : {};
  const withParams = { ...input, params: { ...defaults, ...input.params } };
  return { id: scenarioIdOf(withParams), ...withParams };
}

export function closedLoad(connections: number, durationS: number, warmupS: number): ClosedLoad {
  return { kind: 'closed', connections, durationS, warmupS };
}
