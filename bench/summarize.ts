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
 * can reach below zero, which no such figure can; its low end is clamped at 0.
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
  // Figures come from the valid runs; when none is valid, from the runs that measured
  // anything, so an `invalid` row still shows what was seen (its state says why not to trust it).
  const measured = ok.length > 0 ? ok : own.filter((r) => r.client);
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
  set('serverRssPeakBytes', medianOf(measured.map((r) => r.server?.rssPeakBytes)));
  set('eventLoopDelayP99Ms', medianOf(measured.map((r) => r.server?.telemetry?.eventLoopDelayMs.p99)));
  set('loadgenCpuPct', medianOf(measured.map((r) => r.loadgen?.cpuPct)));
  return summary;
}

/** Share of the harness ceiling at or above which a scenario is flagged. */
export const NEAR_CEILING_SHARE = 0.8;

export function summarizeAll(scenarios: Scenario[], runs: RunRecord[], harnessCeilingRps?: number): ScenarioSummary[] {
  return scenarios.map((scenario) => {
    const summary = summarizeScenario(scenario, runs);
    if (harnessCeilingRps && summary.rps && summary.rps.median >= NEAR_CEILING_SHARE * harnessCeilingRps) {
      summary.notes.push(`near the load-generator ceiling (${Math.round((summary.rps.median / harnessCeilingRps) * 100)}% of ${Math.round(harnessCeilingRps)} req/s)`);
    }
    return summary;
  });
}
