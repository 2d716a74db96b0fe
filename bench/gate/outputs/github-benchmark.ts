/**
 * github-action-benchmark's custom formats: `customBiggerIsBetter` gets the gate metrics
 * (efficiencies, ratios), `customSmallerIsBetter` the informational p99 latencies. Each is
 * an array of `{ name, unit, value, range?, extra? }`; `range` is the 95% CI half-width
 * as the action shows it (`± x`), `extra` says n and the interval.
 */
import type { MetricSummary } from '../metrics.js';
import type { GateReport } from '../report.js';

export interface GithubBenchmarkEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

export type GithubBenchmarkTool = 'customBiggerIsBetter' | 'customSmallerIsBetter';

function entry(name: string, unit: string, s: MetricSummary, suite: string): GithubBenchmarkEntry {
  const half = (s.ciHigh - s.ciLow) / 2;
  return {
    name,
    unit,
    value: s.value,
    ...(s.n > 1 ? { range: `± ${half.toPrecision(3)}` } : {}),
    extra: `suite ${suite}; median of ${s.n} run(s); 95% CI ${s.ciLow.toPrecision(4)}-${s.ciHigh.toPrecision(4)}`,
  };
}

export function githubBenchmark(report: GateReport, tool: GithubBenchmarkTool): GithubBenchmarkEntry[] {
  if (tool === 'customBiggerIsBetter') {
    return report.decision.metrics.filter((m) => m.current).map((m) => entry(m.name, m.unit, m.current!, report.suite));
  }
  return report.info.filter((f) => !f.higherIsBetter).map((f) => entry(`${f.scenarioId} ${f.measure}`, f.unit, f.summary, report.suite));
}

export const githubBiggerIsBetter = (report: GateReport): string => JSON.stringify(githubBenchmark(report, 'customBiggerIsBetter'), null, 2) + '\n';
export const githubSmallerIsBetter = (report: GateReport): string => JSON.stringify(githubBenchmark(report, 'customSmallerIsBetter'), null, 2) + '\n';
