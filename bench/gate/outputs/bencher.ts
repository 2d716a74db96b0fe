/**
 * Bencher Metric Format (BMF): `{ "<benchmark>": { "<measure>": { value, lower_value,
 * upper_value } } }`. Benchmarks are scenario ids (a ratio: `numerator / denominator`);
 * measures are `efficiency`, `rps-ratio` and `latency-p99-ms` (Bencher creates measures
 * it does not know). Bounds are the 95% CI of the current run.
 */
import type { MetricSummary } from '../metrics.js';
import type { GateReport } from '../report.js';

export interface BmfMetric {
  value: number;
  lower_value?: number;
  upper_value?: number;
}

export type Bmf = Record<string, Record<string, BmfMetric>>;

function metric(s: MetricSummary): BmfMetric {
  return s.n > 1 ? { value: s.value, lower_value: s.ciLow, upper_value: s.ciHigh } : { value: s.value };
}

export function bencherMetrics(report: GateReport): Bmf {
  const bmf: Bmf = {};
  const put = (benchmark: string, measure: string, s: MetricSummary) => {
    (bmf[benchmark] ??= {})[measure] = metric(s);
  };
  for (const m of report.decision.metrics) {
    if (!m.current) continue;
    if (m.kind === 'efficiency') put(m.scenarioId, 'efficiency', m.current);
    else put(`${m.scenarioId} / ${m.referenceId}`, 'rps-ratio', m.current);
  }
  for (const f of report.info) put(f.scenarioId, f.measure, f.summary);
  return bmf;
}

export const bencherJson = (report: GateReport): string => JSON.stringify(bencherMetrics(report), null, 2) + '\n';
