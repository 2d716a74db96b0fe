/**
 * Which scenarios a chart shows. Charts compare strategies "like for like": the same
 * workload, parameters and variant, at one load level.
 */
import { getWorkload, isWorkloadName } from '../../servers/workloads/index.js';
import type { WorkloadParams } from '../../servers/workloads/types.js';
import type { ResultsFile, RunRecord, ScenarioSummary } from '../types.js';
import { geometricMeanInterval } from '../stats/index.js';
import { formatConnections, formatParams } from '../format/index.js';
import { compareStrategies } from '../reporters/order.js';

const HEADLINE_PARAMS = new Set(['fanout', 'mode']);

/**
 * The parameters worth a label: times and sizes (they carry units: `sleepMs`, `fileBytes`),
 * the fan-out shape, and any other that differs from the workload's default.
 */
export function labelParams(workload: string, params: WorkloadParams): WorkloadParams {
  const defaults = isWorkloadName(workload) ? getWorkload(workload).defaults : {};
  return Object.fromEntries(
    Object.entries(params).filter(([key, value]) => /(Ms|Bytes)$/.test(key) || HEADLINE_PARAMS.has(key) || (key in defaults && defaults[key] !== value)),
  );
}

/** `sleep (sleepMs=50)`, `db fast`, `noop`. */
export function workloadLabel(s: Pick<ScenarioSummary, 'workload' | 'params' | 'variant'>): string {
  const params = formatParams(labelParams(s.workload, s.params), ', ');
  return `${s.workload}${s.variant ? ` ${s.variant}` : ''}${params ? ` (${params})` : ''}`;
}

/** `100 connections` or `500 req/s (open model)`. */
export function loadLabel(s: ScenarioSummary): string {
  if (s.connections !== undefined) return formatConnections(s.connections);
  return s.ratePerS !== undefined ? `${s.ratePerS} req/s (open model)` : 'unknown load';
}

const loadKey = (s: ScenarioSummary) => (s.connections !== undefined ? `c${s.connections}` : `r${s.ratePerS ?? '?'}`);

export interface Panel {
  /** Workload with parameters, e.g. `sleep (sleepMs=50)`. */
  label: string;
  /** The load all its scenarios share, e.g. `100 connections`. */
  load: string;
  /** One summary per strategy, in report order. */
  summaries: ScenarioSummary[];
}

/**
 * Scenarios with their own charts, left out of the by-strategy panels: head-of-line and
 * over-time runs (a probe beside the load), the open-model rate sweep (its throughput is
 * the offered rate), ramps.
 */
const PANEL_EXCLUDED_TAGS = ['head-of-line', 'over-time', 'rate-sweep', 'ramp'];

/**
 * One panel per workload (with its parameters and variant): the load level that the most
 * strategies ran (ties: the heavier load), PANEL_EXCLUDED_TAGS left out. Panels keep
 * the order in which the suite ran the workloads.
 */
export function strategyPanels(results: ResultsFile, accept: (s: ScenarioSummary) => boolean = (s) => s.rps !== undefined): Panel[] {
  const groups = new Map<string, ScenarioSummary[]>();
  for (const s of results.summaries) {
    if (PANEL_EXCLUDED_TAGS.some((t) => s.tags.includes(t)) || !accept(s)) continue;
    const label = workloadLabel(s);
    groups.set(label, [...(groups.get(label) ?? []), s]);
  }
  return [...groups].map(([label, members]) => {
    const byLoad = new Map<string, ScenarioSummary[]>();
    for (const s of members) byLoad.set(loadKey(s), [...(byLoad.get(loadKey(s)) ?? []), s]);
    const strategyCount = (ss: ScenarioSummary[]) => new Set(ss.map((s) => s.strategy)).size;
    const weight = (ss: ScenarioSummary[]) => ss[0]!.connections ?? ss[0]!.ratePerS ?? 0;
    const chosen = [...byLoad.values()].sort((a, b) => strategyCount(b) - strategyCount(a) || weight(b) - weight(a))[0]!;
    // One scenario per strategy: the first in file order (the suite's own order).
    const first = new Map<string, ScenarioSummary>();
    for (const s of chosen) if (!first.has(s.strategy)) first.set(s.strategy, s);
    return { label, load: loadLabel(chosen[0]!), summaries: [...first.values()].sort((a, b) => compareStrategies(a.strategy, b.strategy)) };
  });
}

/** Summaries carrying a tag, in file order. */
export function tagged(results: ResultsFile, tag: string): ScenarioSummary[] {
  return results.summaries.filter((s) => s.tags.includes(tag));
}

/** A bar's centre and whisker: the estimator the claims use. */
export interface RunsCentre {
  centre: number;
  ciLow?: number;
  ciHigh?: number;
}

/**
 * The geometric mean of a figure over a scenario's valid runs and the 95% CI of it: what
 * the claims compare (a ratio of geometric means), so a chart's bars and title say what the
 * claims table says. A results file without its runs (summaries only): `fallback`, no interval.
 */
export function runsCentre(results: ResultsFile, scenarioId: string, figureOf: (run: RunRecord) => number | undefined, fallback: number): RunsCentre {
  const values = results.runs
    .filter((r) => r.scenarioId === scenarioId && r.state === 'ok')
    .map(figureOf)
    .filter((v): v is number => v !== undefined && v > 0 && Number.isFinite(v));
  return values.length > 0 ? geometricMeanInterval(values) : { centre: fallback };
}
