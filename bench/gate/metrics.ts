/**
 * Results file → the figures the gate compares. Only what survives a change of machine:
 * - **efficiency** of every scenario that has an ideal, one sample per valid run
 *   (run requests/s ÷ its ideal requests/s);
 * - **ratios** measured inside one repetition: requests/s of a scenario ÷ requests/s of
 *   the reference strategy on the same workload, parameters and load (cpu on cluster ÷
 *   cpu on blocking: a speedup; noop on async ÷ noop on bare fastify), one sample per
 *   repetition where both runs are valid;
 * - the verdict of every claim, when the results carry claims.
 * Never absolute requests/s: those move with the machine.
 */
import { usesCalibration as workloadUsesCalibration } from '../../servers/workloads/index.js';
import { idealFor } from '../ideal.js';
import { summarize } from '../stats/describe.js';
import { isOkRun, type CpuCalibration, type OkRun, type ResultsFile, type RunRecord, type Scenario, type Verdict } from '../types.js';

export type MetricKind = 'efficiency' | 'ratio';

/** One gated figure with its samples (all gate metrics are higher-is-better). */
export interface GateMetric {
  /** Stable key, e.g. `sleep/async/c100 efficiency`, `cpu/cluster/c8 / cpu/blocking/c8 rps`. */
  name: string;
  kind: MetricKind;
  /** Display unit: `efficiency` (measured ÷ ideal) or `x` (a ratio). */
  unit: 'efficiency' | 'x';
  /** The scenario the figure belongs to (the numerator for a ratio). */
  scenarioId: string;
  /** The denominator scenario of a ratio. */
  referenceId?: string;
  /** One value per valid run (efficiency) or per repetition pair (ratio); all > 0. */
  samples: number[];
}

export interface ClaimState {
  id: string;
  verdict: Verdict;
}

export interface GateMetrics {
  metrics: GateMetric[];
  claims: ClaimState[];
}

/** Median and 95% CI of a metric's samples (the CI collapses to the value when n = 1). */
export interface MetricSummary {
  n: number;
  value: number;
  ciLow: number;
  ciHigh: number;
}

export function summarizeMetric(samples: number[]): MetricSummary | undefined {
  if (samples.length === 0) return undefined;
  const s = summarize(samples);
  return { n: s.n, value: s.median, ciLow: s.ciLow, ciHigh: s.ciHigh };
}

/**
 * The strategy a scenario's ratio is taken against: blocking for work that has a blocking
 * form; bare fastify for noop (the cost of loopbench's own layers).
 */
export function referenceStrategyOf(workload: string): string {
  return workload === 'noop' ? 'bare-fastify' : 'blocking';
}

/** What a scenario shares with its reference: everything but the strategy and pool size. */
function pairKey(s: Scenario): string {
  const load = s.load.kind === 'closed' ? `c${s.load.connections}` : `r${s.load.ratePerS}`;
  const params = Object.keys(s.params)
    .sort()
    .map((k) => `${k}=${s.params[k]}`)
    .join(',');
  return [s.workload, s.variant ?? '', load, params, s.probe ? 'probe' : ''].join('|');
}

function okRuns(runs: RunRecord[], scenarioId: string): OkRun[] {
  return runs.filter(isOkRun).filter((r) => r.scenarioId === scenarioId && r.client.rps > 0);
}

function efficiencyMetric(scenario: Scenario, runs: RunRecord[], scale: number): GateMetric {
  const withIdeal = okRuns(runs, scenario.id).filter((r) => r.ideal && r.ideal.idealRps > 0);
  return {
    name: `${scenario.id} efficiency`,
    kind: 'efficiency',
    unit: 'efficiency',
    scenarioId: scenario.id,
    samples: withIdeal.map((r) => (r.client.rps / r.ideal!.idealRps) * scale),
  };
}

/** Whether a scenario's work per request came from the run's CPU calibration. */
export function usesCalibration(scenario: Scenario): boolean {
  return workloadUsesCalibration(scenario.workload, scenario.params);
}

export interface ExtractOptions {
  /**
   * Express calibrated (cpu) efficiencies in this calibration's units instead of the
   * run's own. A cpu efficiency is, in effect, (calibrated ns per iteration) ÷ (true ns
   * per iteration while loaded): a calibration that came out 12% slow makes every cpu
   * request 12% cheaper and its efficiency 12% higher. On one machine, scaling by
   * reference ÷ own calibration removes that error, so what is compared is the real
   * speed of the work (and a slower cpu workload, which a fresh calibration would absorb,
   * shows). Only valid on the same CPU model.
   */
  referenceCalibration?: CpuCalibration;
}

function ratioMetric(scenario: Scenario, reference: Scenario, runs: RunRecord[]): GateMetric {
  const referenceByRep = new Map(okRuns(runs, reference.id).map((r) => [r.repetition, r.client.rps]));
  const samples: number[] = [];
  for (const run of okRuns(runs, scenario.id)) {
    const denominator = referenceByRep.get(run.repetition);
    if (denominator) samples.push(run.client.rps / denominator);
  }
  return {
    name: `${scenario.id} / ${reference.id} rps`,
    kind: 'ratio',
    unit: 'x',
    scenarioId: scenario.id,
    referenceId: reference.id,
    samples,
  };
}

export function extractMetrics(results: ResultsFile, opts: ExtractOptions = {}): GateMetrics {
  const metrics: GateMetric[] = [];
  const own = results.calibration?.nsPerIteration;
  const reference = opts.referenceCalibration?.nsPerIteration;
  const calibrationScale = own && reference ? reference / own : 1;
  for (const scenario of results.scenarios) {
    // Every scenario with an ideal gets its metric, even when none of its runs was valid:
    // the gate then reports it missing instead of silently forgetting it.
    if (!idealFor(scenario, results.machine.usableCores)) continue;
    metrics.push(efficiencyMetric(scenario, results.runs, usesCalibration(scenario) ? calibrationScale : 1));
  }
  for (const scenario of results.scenarios) {
    const referenceStrategy = referenceStrategyOf(scenario.workload);
    if (scenario.strategy === referenceStrategy) continue;
    const reference = results.scenarios.find((r) => r.strategy === referenceStrategy && pairKey(r) === pairKey(scenario));
    if (reference) metrics.push(ratioMetric(scenario, reference, results.runs));
  }
  const claims = (results.claims ?? []).map((c) => ({ id: c.id, verdict: c.verdict }));
  return { metrics, claims };
}

/**
 * Several results files of the same suite (compare mode: one file per run) → one set of
 * metrics whose samples are the concatenation. A claim keeps its most frequent verdict.
 */
export function mergeMetrics(parts: GateMetrics[]): GateMetrics {
  const byName = new Map<string, GateMetric>();
  for (const part of parts) {
    for (const metric of part.metrics) {
      const seen = byName.get(metric.name);
      if (seen) seen.samples.push(...metric.samples);
      else byName.set(metric.name, { ...metric, samples: [...metric.samples] });
    }
  }
  const votes = new Map<string, Map<Verdict, number>>();
  for (const part of parts) {
    for (const claim of part.claims) {
      const counts = votes.get(claim.id) ?? new Map<Verdict, number>();
      counts.set(claim.verdict, (counts.get(claim.verdict) ?? 0) + 1);
      votes.set(claim.id, counts);
    }
  }
  const claims = [...votes].map(([id, counts]) => ({
    id,
    verdict: [...counts].sort((a, b) => b[1] - a[1])[0]![0],
  }));
  return { metrics: [...byName.values()], claims };
}
