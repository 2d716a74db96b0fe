/**
 * What the reporters receive: one gate decision with the context a reader needs (what
 * was compared with what), and the exit code each outcome maps to.
 */
import type { ResultsFile } from '../types.js';
import type { GateDecision, GateOutcome } from './decide.js';
import { summarizeMetric, type MetricSummary } from './metrics.js';

/** A figure shown but not gated (absolute, machine-bound): e.g. p99 latency in ms. */
export interface InfoFigure {
  scenarioId: string;
  /** Bencher measure slug / label, e.g. `latency-p99-ms`. */
  measure: string;
  unit: string;
  higherIsBetter: boolean;
  summary: MetricSummary;
}

export interface GateReport {
  /** `loopbench CI gate` or `loopbench compare`. */
  title: string;
  suite: string;
  /** The two sides, e.g. `baseline reports/baseline.json (abc1234, 2026-11-24)` and `this run (run id)`. */
  baselineLabel: string;
  currentLabel: string;
  /** What the baseline side is called in tables: `baseline` (gate) or `base` (compare). */
  baselineName?: string;
  decision: GateDecision;
  /** Whether inconclusive fails (exit 1). */
  strict: boolean;
  info: InfoFigure[];
  /** Extra lines shown under the headline (slowdown injected, fallbacks taken...). */
  notes: string[];
}

/** pass 0; regression 1; harness error 2; inconclusive 0, or 1 with --strict. */
export function exitCodeOf(outcome: GateOutcome, strict: boolean): number {
  switch (outcome) {
    case 'pass':
      return 0;
    case 'regression':
      return 1;
    case 'error':
      return 2;
    case 'inconclusive':
      return strict ? 1 : 0;
  }
}

/** p99 latency per scenario, median over the valid runs of the files (informational, smaller is better). */
export function latencyInfo(files: ResultsFile[]): InfoFigure[] {
  const figures: InfoFigure[] = [];
  for (const scenario of files[0]?.scenarios ?? []) {
    const p99 = files.flatMap((f) => f.runs.filter((r) => r.scenarioId === scenario.id && r.state === 'ok' && r.client).map((r) => r.client!.latencyMs.p99));
    const summary = summarizeMetric(p99);
    if (summary) figures.push({ scenarioId: scenario.id, measure: 'latency-p99-ms', unit: 'ms', higherIsBetter: false, summary });
  }
  return figures;
}
