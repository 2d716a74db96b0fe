/**
 * The latency percentile distribution (the HdrHistogram / wrk2 plot): latency (log) against
 * percentile on the log "1/(1-p)" axis up to 99.99%, one line per strategy, one chart per
 * workload (at the load level most strategies ran). Drawn from the merged histograms of
 * each scenario's ok runs; open-model runs get a corrected (solid, timed from the intended
 * send) and an uncorrected (dashed, from the actual send) line.
 */
import type { TopLevelSpec } from 'vega-lite';
import { formatMs, formatRatio } from '../format/index.js';
import { compareStrategies, strategiesOf } from '../reporters/order.js';
import type { ResultsFile, ScenarioSummary } from '../types.js';
import type { ChartPart } from './index.js';
import { fileKey, mergedHistogram } from './run-data.js';
import { RATE_SWEEP_TAG } from '../suites/parts/rate-sweep.js';
import { loadLabel, strategyPanels, tagged, workloadLabel, type Panel } from './select.js';
import { PLOT_WIDTH, chartSpec, logScale, strategyColour } from './style.js';

/** The highest percentile drawn. */
export const TOP_PERCENTILE = 99.99;

/**
 * Percentiles at which a line is sampled: p_k = 100·(1 − 2^(−k/5)), evenly spaced on the
 * 1/(1−p) axis (as HdrHistogram's percentile output with 5 ticks per half distance), up
 * to TOP_PERCENTILE.
 */
export function percentileTicks(): number[] {
  const out: number[] = [];
  for (let k = 0; ; k++) {
    const p = 100 * (1 - 2 ** (-k / 5));
    if (p >= TOP_PERCENTILE) break;
    out.push(Number(p.toFixed(6)));
  }
  return [...out, TOP_PERCENTILE];
}

export interface DistributionPoint {
  strategy: string;
  /** `corrected` (every closed-model line too) or `uncorrected` (open model only). */
  timing: 'corrected' | 'uncorrected';
  percentile: number;
  /** 1 / (1 − p): the x position. */
  inverseTail: number;
  latencyMs: number;
  answers: number;
}

/**
 * The points of one histogram: stops at the last percentile with at least one answer beyond
 * it (a 99.99% from 2,000 answers would be the maximum relabelled).
 */
function linePoints(strategy: string, timing: DistributionPoint['timing'], histogram: { count: number; percentileMs(p: number): number }): DistributionPoint[] {
  return percentileTicks()
    .filter((p) => histogram.count * (1 - p / 100) >= 1)
    .map((p) => ({ strategy, timing, percentile: p, inverseTail: 1 / (1 - p / 100), latencyMs: histogram.percentileMs(p), answers: histogram.count }));
}

/** Every point of one panel's lines, strategies in report order. */
export function distributionPoints(results: ResultsFile, summaries: readonly ScenarioSummary[]): DistributionPoint[] {
  return summaries.flatMap((s) => {
    const corrected = mergedHistogram(results, s.scenarioId, 'latencyHistogram');
    const uncorrected = s.ratePerS !== undefined ? mergedHistogram(results, s.scenarioId, 'uncorrectedLatencyHistogram') : undefined;
    return [...(corrected ? linePoints(s.strategy, 'corrected', corrected) : []), ...(uncorrected ? linePoints(s.strategy, 'uncorrected', uncorrected) : [])];
  });
}

const PERCENT_LABELS: Array<[number, string]> = [
  [1, '0%'],
  [2, '50%'],
  [10, '90%'],
  [100, '99%'],
  [1000, '99.9%'],
  [10000, '99.99%'],
];

/** At the highest percentile all lines reach, the slowest strategy against the fastest. */
function finding(points: DistributionPoint[], where: string): string {
  const corrected = points.filter((p) => p.timing === 'corrected');
  const strategies = [...new Set(corrected.map((p) => p.strategy))];
  const reach = Math.min(...strategies.map((s) => Math.max(...corrected.filter((p) => p.strategy === s).map((p) => p.percentile))));
  const at = [99.9, 99, 90, 50].find((p) => p <= reach) ?? 0;
  const nearest = (s: string) => corrected.filter((p) => p.strategy === s && p.percentile <= at + 1e-9).sort((a, b) => b.percentile - a.percentile)[0]!;
  const ranked = strategies.map(nearest).sort((a, b) => b.latencyMs - a.latencyMs);
  const label = `p${at}`;
  if (ranked.length === 1) return `${ranked[0]!.strategy} on ${where}: ${label} ${formatMs(ranked[0]!.latencyMs)}`;
  const slow = ranked[0]!, fast = ranked[ranked.length - 1]!;
  const ratio = fast.latencyMs > 0 ? slow.latencyMs / fast.latencyMs : Infinity;
  if (!Number.isFinite(ratio)) return `${slow.strategy}'s ${label} on ${where}: ${formatMs(slow.latencyMs)}, ${fast.strategy}'s ${formatMs(fast.latencyMs)}`;
  return `${label} on ${where}: ${slow.strategy} ${formatMs(slow.latencyMs)} vs ${fast.strategy} ${formatMs(fast.latencyMs)} (${formatRatio(ratio)})`;
}

/**
 * The open-model panels: per workload of the rate sweep, the middle offered rate, where the
 * corrected and uncorrected lines show what coordinated omission hides.
 */
function sweepPanels(results: ResultsFile): Panel[] {
  const sweep = tagged(results, RATE_SWEEP_TAG).filter((s) => s.ratePerS !== undefined && mergedHistogram(results, s.scenarioId) !== undefined);
  const labels = [...new Set(sweep.map(workloadLabel))];
  return labels.map((label) => {
    const mine = sweep.filter((s) => workloadLabel(s) === label);
    const rates = [...new Set(mine.map((s) => s.ratePerS!))].sort((a, b) => a - b);
    const rate = rates[Math.floor((rates.length - 1) / 2)]!;
    const chosen = mine.filter((s) => s.ratePerS === rate).sort((a, b) => compareStrategies(a.strategy, b.strategy));
    return { label, load: loadLabel(chosen[0]!), summaries: chosen };
  });
}

export function latencyDistribution(results: ResultsFile): ChartPart[] {
  const closed = strategyPanels(results, (s) => mergedHistogram(results, s.scenarioId) !== undefined);
  const panels = [...closed, ...sweepPanels(results)];
  return panels.flatMap((panel) => {
    const points = distributionPoints(results, panel.summaries);
    if (points.length === 0) return [];
    const where = `${panel.label} at ${panel.load}`;
    const strategies = strategiesOf(panel.summaries);
    const both = points.some((p) => p.timing === 'uncorrected');
    const latencies = points.map((p) => p.latencyMs).filter((v) => v > 0);
    const y = logScale(Math.min(...latencies), Math.max(...latencies), 1.4);
    const labelExpr = PERCENT_LABELS.map(([v, l]) => `datum.value == ${v} ? '${l}' : `).join('') + "''";
    const runs = Math.max(...panel.summaries.map((s) => s.okRuns));
    const spec: TopLevelSpec = chartSpec(
      results,
      {
        title: finding(points, where),
        subtitle: [
          `Latency at each percentile, all answers of up to ${runs} ok run${runs === 1 ? '' : 's'} per strategy merged (HDR histograms, µs).`,
          `Right is rarer: 99% = 1 answer in 100, 99.99% = 1 in 10,000. Lines stop where no answer lies beyond.${both ? ' Dashed: uncorrected (timed from the actual send).' : ''}`,
        ],
        caption: `Latency percentile distribution on ${where}: how slow the slowest answers get, strategy by strategy.${both ? ' Open-model runs show the corrected latency (from the intended send time, solid) and the uncorrected one (dashed), which hides queueing before the send.' : ''}`,
      },
      {
        data: { values: points },
        width: PLOT_WIDTH,
        height: 300,
        mark: { type: 'line', strokeWidth: 2, clip: true },
        encoding: {
          x: { field: 'inverseTail', type: 'quantitative', title: 'percentile (log scale of 1 / (1 − p))', scale: { type: 'log', domain: [1, 10000], nice: false }, axis: { values: PERCENT_LABELS.map(([v]) => v), labelExpr, grid: true } },
          y: { field: 'latencyMs', type: 'quantitative', title: 'latency (ms, log scale)', ...y },
          color: { field: 'strategy', type: 'nominal', title: null, scale: strategyColour(strategies), sort: strategies },
          strokeDash: both ? { field: 'timing', type: 'nominal', title: null, scale: { domain: ['corrected', 'uncorrected'], range: [[1, 0], [5, 3]] } } : { value: [1, 0] },
          detail: { field: 'timing', type: 'nominal' },
          order: { field: 'percentile', type: 'quantitative' },
        },
      },
    );
    return [{ key: fileKey(where), spec }];
  });
}
