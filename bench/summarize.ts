import { runtimeOf } from '../servers/strategies/index.js';
/**
 * Runs → one summary per scenario. A sample is a run (never a request): the median and
 * 95% CI of requests/s and latency are over the scenario's valid runs.
 */
import { median, summarize } from './stats/describe.js';
import type { RunRecord, RunState, SampleSummary, Scenario, ScenarioSummary } from './types.js';

const STATE_RANK: Record<RunState, number> = { ok: 0, invalid: 1, errored: 2 };

/**
 * Summary of a non-negative figure (requests/s, latency): a t-interval over very few runs
 * can reach below zero, which no such figure can; its low end is clamped at 0. With one
 * run there is no interval: ciLow/ciHigh are NaN (written as null in JSON), never a
 * zero-width "CI" at the single value: with n = 1, ciLow = ciHigh = the value and every
 * reporter prints no interval (they look at n). The interval is of the **mean**, so the
 * reporters print the mean beside it (one estimator per figure).
 */
function summaryOf(values: number[]): SampleSummary | undefined {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return undefined;
  const summary = summarize(finite);
  return { ...summary, ciLow: Math.max(0, summary.ciLow) };
}

function medianOf(values: (number | undefined)[]): number | undefined {
  const finite = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  return finite.length > 0 ? median(finite) : undefined;
}

export function summarizeScenario(scenario: Scenario, runs: RunRecord[]): ScenarioSummary {
  const own = runs.filter((r) => r.scenarioId === scenario.id);
  const ok = own.filter((r) => r.state === 'ok');
  // Figures come from the valid runs only: a row whose runs are all invalid shows its
  // state and reasons, not numbers that no valid run measured.
  const measured = ok;
  const worst = own.reduce<RunState>((w, r) => (STATE_RANK[r.state] > STATE_RANK[w] ? r.state : w), own.length ? 'ok' : 'errored');
  const reasons = [...new Set(own.flatMap((r) => r.reasons))];
  if (own.length === 0) reasons.push('not run');
  const rps = summaryOf(measured.map((r) => r.client?.rps ?? NaN));
  const idealRun = measured.find((r) => r.ideal);
  const summary: ScenarioSummary = {
    scenarioId: scenario.id,
    workload: scenario.workload,
    strategy: scenario.strategy,
    runtime: runtimeOf(scenario.strategy),
    ...(scenario.load.kind === 'closed' ? { connections: scenario.load.connections } : { ratePerS: scenario.load.ratePerS }),
    params: scenario.params,
    ...(scenario.poolSize !== undefined ? { poolSize: scenario.poolSize } : {}),
    ...(scenario.variant ? { variant: scenario.variant } : {}),
    tags: scenario.tags ?? [],
    runs: own.length,
    okRuns: ok.length,
    state: worst,
    reasons,
    errors: own.reduce((sum, r) => sum + (r.client ? r.client.errors + r.client.timeouts + r.client.non2xx + r.client.wrongBodies : 0), 0),
    notes: [],
  };
  const set = <K extends keyof ScenarioSummary>(key: K, value: ScenarioSummary[K] | undefined) => {
    if (value !== undefined) summary[key] = value;
  };
  set('rps', rps);
  set('latencyP50Ms', summaryOf(measured.map((r) => r.client?.latencyMs.p50 ?? NaN)));
  set('latencyP99Ms', summaryOf(measured.map((r) => r.client?.latencyMs.p99 ?? NaN)));
  set('probeLatencyP50Ms', summaryOf(measured.map((r) => r.probe?.latencyMs.p50 ?? NaN)));
  set('probeLatencyP99Ms', summaryOf(measured.map((r) => r.probe?.latencyMs.p99 ?? NaN)));
  set('probeRps', summaryOf(measured.map((r) => r.probe?.rps ?? NaN)));
  if (idealRun?.ideal && rps) {
    const { idealRps, coresUsed, formula } = idealRun.ideal;
    summary.ideal = { idealRps, coresUsed, formula, efficiency: rps.median / idealRps };
  }
  set('serverCpuS', medianOf(measured.map((r) => r.server?.cpuS)));
  set('serverCoresBusy', medianOf(measured.map((r) => r.server?.coresBusy)));
  set('serverRssPeakBytes', medianOf(measured.map((r) => r.server?.rssPeakBytes)));
  set('eventLoopDelayP99Ms', medianOf(measured.map((r) => r.server?.telemetry?.eventLoopDelayMs.p99)));
  set('loadgenCpuPct', medianOf(measured.map((r) => r.loadgen?.cpuPct)));
  return summary;
}

/** Share of the harness ceiling at or above which a scenario is flagged. */
export const NEAR_CEILING_SHARE = 0.8;

/** The harness ceiling as summarize needs it: a figure, or a figure with where it came from. */
export type CeilingInput = number | { rps: number; cached: boolean; measuredAt: string; loadAverage1m?: number };

/** `20,178 req/s measured in this run` / `20,178 req/s, cached: measured at 13:02 UTC under load 2.51`. */
export function ceilingLabel(ceiling: CeilingInput): string {
  if (typeof ceiling === 'number') return `${Math.round(ceiling)} req/s`;
  const figure = `${Math.round(ceiling.rps)} req/s`;
  if (!ceiling.cached) return `${figure} measured in this run`;
  const load = ceiling.loadAverage1m !== undefined ? ` under load ${ceiling.loadAverage1m.toFixed(2)}` : '';
  return `${figure}, cached: measured at ${ceiling.measuredAt.slice(11, 16)} UTC${load}`;
}

export function summarizeAll(scenarios: Scenario[], runs: RunRecord[], ceiling?: CeilingInput): ScenarioSummary[] {
  const ceilingRps = typeof ceiling === 'number' ? ceiling : ceiling?.rps;
  return scenarios.map((scenario) => {
    const summary = summarizeScenario(scenario, runs);
    if (ceiling !== undefined && ceilingRps && summary.rps && summary.rps.median >= NEAR_CEILING_SHARE * ceilingRps) {
      const share = summary.rps.median / ceilingRps;
      summary.notes.push(
        share > 1
          ? `above the load-generator ceiling (${Math.round(share * 100)}% of ${ceilingLabel(ceiling)}): that ceiling figure is out of date, so it cannot say whether this scenario was limited by the harness`
          : `near the load-generator ceiling (${Math.round(share * 100)}% of ${ceilingLabel(ceiling)})`,
      );
    }
    return summary;
  });
}
