/**
 * Latency against offered load (the "hockey stick"): an open-model rate sweep per strategy,
 * p50 (dashed) and p99 (solid) against the requests/s offered, one chart per workload.
 * Each strategy's knee (its measured capacity) is marked: the highest offered rate whose
 * runs kept up and kept p99 within KNEE_P99_FACTOR service times, below every rate that
 * did not (bench/run/rate-sweep.ts judgeProbe / bracketOf, the same test the adaptive
 * sweep uses). Beside it, the capacity physics allows: Little's law / the core count
 * (bench/ideal.ts, with the sweep's connection cap as C).
 */
import type { TopLevelSpec } from 'vega-lite';
import { idealFor } from '../ideal.js';
import { formatMs, formatNumber, formatRange } from '../format/index.js';
import { compareStrategies, strategiesOf } from '../reporters/order.js';
import { bracketOf, judgeProbe } from '../run/rate-sweep.js';
import { RATE_SWEEP_TAG } from '../suites/parts/rate-sweep.js';
import type { ResultsFile, Scenario, ScenarioSummary } from '../types.js';
import type { ChartPart } from './index.js';
import { fileKey } from './run-data.js';
import { tagged, workloadLabel } from './select.js';
import { FADE_NOTE, FADE_NOT_OK, PLOT_WIDTH, chartSpec, logScale, strategyColour } from './style.js';

/** A rate passes while its p99 stays within this many service times. */
export const KNEE_P99_FACTOR = 10;

export interface LoadPoint {
  strategy: string;
  offeredPerS: number;
  achievedPerS: number;
  p50Ms: number;
  p99Ms: number;
  pass: boolean;
  state: string;
}

export interface StrategyKnee {
  strategy: string;
  /** Highest passing offered rate below every failing one; null when none passed. */
  kneePerS: number | null;
  /** Lowest failing offered rate; null when every rate passed. */
  firstFailPerS: number | null;
  /** What Little's law / the cores allow, and how. */
  capacityPerS?: number;
  capacityFormula?: string;
}

/**
 * Kept up: achieved ≥ 98% of the offered rate, less what a window leaves in flight when it
 * closes: by Little's law about rate × S requests (S the service time), plus one, so a 1 s
 * window at 60/s on a 50 ms sleep is not failed for answering 57.
 */
export function minAchievedFraction(ratePerS: number, durationS: number, serviceMs: number): number {
  const inFlight = (ratePerS * serviceMs) / 1000 + 1;
  return Math.max(0.5, 0.98 - inFlight / Math.max(1e-9, ratePerS * durationS));
}

function serviceMsOf(s: ScenarioSummary): number | undefined {
  const v = Number(s.params['sleepMs'] ?? s.params['cpuMs'] ?? s.params['upstreamMs']);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * One point per sweep scenario, from its runs that measured anything (ok or invalid, not
 * errored): past the knee a run is `invalid` (it did not keep up), and that is the point of
 * the chart, so the figures come from the runs, medians over them, faded when not all ok.
 * pass = most of those runs passed the knee test.
 */
export function loadPoints(results: ResultsFile, summaries: readonly ScenarioSummary[]): LoadPoint[] {
  return summaries
    .filter((s) => s.ratePerS !== undefined)
    .flatMap((s) => {
      const serviceMs = serviceMsOf(s) ?? 10;
      const runs = results.runs.filter((r) => r.scenarioId === s.scenarioId && r.state !== 'errored' && r.client && r.client.requests > 0);
      if (runs.length === 0) return [];
      const passes = runs.filter((r) => judgeProbe(s.ratePerS!, r.client!, { p99TargetMs: KNEE_P99_FACTOR * serviceMs, startRatePerS: s.ratePerS!, minAchievedFraction: minAchievedFraction(s.ratePerS!, r.client!.durationS, serviceMs) }).pass).length;
      return [
        {
          strategy: s.strategy,
          offeredPerS: s.ratePerS!,
          achievedPerS: median(runs.map((r) => r.client!.rps)),
          p50Ms: median(runs.map((r) => r.client!.latencyMs.p50)),
          p99Ms: median(runs.map((r) => r.client!.latencyMs.p99)),
          pass: passes * 2 > runs.length,
          state: runs.every((r) => r.state === 'ok') ? 'ok' : 'invalid',
        },
      ];
    })
    .sort((a, b) => compareStrategies(a.strategy, b.strategy) || a.offeredPerS - b.offeredPerS);
}

export function kneesOf(results: ResultsFile, points: readonly LoadPoint[], summaries: readonly ScenarioSummary[]): StrategyKnee[] {
  return strategiesOf(summaries).map((strategy) => {
    const mine = points.filter((p) => p.strategy === strategy);
    const { pass, fail } = bracketOf(mine.map((p) => ({ ratePerS: p.offeredPerS, pass: p.pass })));
    const scenario = results.scenarios.find((sc) => summaries.some((s) => s.strategy === strategy && s.scenarioId === sc.id));
    const capacity = scenario ? capacityOf(scenario, results.machine.usableCores) : undefined;
    return { strategy, kneePerS: pass, firstFailPerS: fail, ...(capacity ? { capacityPerS: capacity.idealRps, capacityFormula: capacity.formula } : {}) };
  });
}

/** The closed-model ideal with the sweep's connection cap as C: what the strategy can serve at most. */
function capacityOf(scenario: Scenario, usableCores: number): { idealRps: number; formula: string } | undefined {
  if (scenario.load.kind !== 'rate') return undefined;
  const ideal = idealFor({ ...scenario, load: { kind: 'closed', connections: scenario.load.maxConnections, durationS: 1, warmupS: 0 } }, usableCores);
  return ideal ? { idealRps: ideal.idealRps, formula: ideal.formula } : undefined;
}

const kneeText = (k: StrategyKnee) =>
  k.kneePerS === null ? `below ${formatNumber(k.firstFailPerS ?? 0)}/s` : k.firstFailPerS === null ? `≥ ${formatNumber(k.kneePerS)}/s` : `${formatRange(k.kneePerS, k.firstFailPerS)}/s`;

function finding(knees: StrategyKnee[], where: string): string {
  const score = (k: StrategyKnee) => (k.firstFailPerS === null ? Infinity : (k.kneePerS ?? 0));
  const ranked = [...knees].sort((a, b) => score(b) - score(a) || compareStrategies(a.strategy, b.strategy));
  const best = ranked[0]!;
  // Everyone tied with the worst is named: "blocking, async saturate below 30/s".
  const worst = ranked.filter((k) => score(k) === score(ranked[ranked.length - 1]!) && kneeText(k) === kneeText(ranked[ranked.length - 1]!));
  const names = (ks: StrategyKnee[]) => ks.map((k) => k.strategy).join(', ');
  const holds = (ks: StrategyKnee[]) => {
    const k = ks[0]!;
    const verb = ks.length > 1 ? 'saturate' : 'saturates';
    return k.kneePerS === null
      ? `${names(ks)} ${verb} below ${formatNumber(k.firstFailPerS!)}/s`
      : k.firstFailPerS === null
        ? `${names(ks)} ${ks.length > 1 ? 'hold' : 'holds'} p99 at every rate up to ${formatNumber(k.kneePerS)}/s`
        : `${names(ks)} ${verb} at ${formatRange(k.kneePerS, k.firstFailPerS)}/s`;
  };
  if (worst.includes(best)) return `${where}: ${holds(worst)}`;
  return `${where}: ${holds([best])}; ${holds(worst)}`;
}

export function latencyVsLoad(results: ResultsFile): ChartPart[] {
  const sweep = tagged(results, RATE_SWEEP_TAG).filter((s) => s.ratePerS !== undefined);
  const groups = new Map<string, ScenarioSummary[]>();
  for (const s of sweep) groups.set(workloadLabel(s), [...(groups.get(workloadLabel(s)) ?? []), s]);
  return [...groups].flatMap(([label, summaries]) => {
    const points = loadPoints(results, summaries);
    if (points.length < 2) return [];
    const knees = kneesOf(results, points, summaries);
    const strategies = strategiesOf(summaries);
    const serviceMs = serviceMsOf(summaries[0]!) ?? 10;
    const rows = points.flatMap((p) => [
      { ...p, percentile: 'p99', latencyMs: p.p99Ms },
      { ...p, percentile: 'p50', latencyMs: p.p50Ms },
    ]);
    const offered = points.map((p) => p.offeredPerS);
    const xMax = Math.max(...offered);
    const xMin = Math.min(...offered);
    const latencies = rows.map((r) => r.latencyMs).filter((v) => v > 0);
    const y = logScale(Math.min(...latencies), Math.max(...latencies), 1.5);
    const yLow = (y.scale['domain'] as number[])[0]!;
    const x = { field: 'offeredPerS', type: 'quantitative', title: 'offered load (requests/s, open model, log scale)', scale: { type: 'log', domain: [xMin / 1.15, xMax * 1.15], nice: false }, axis: { values: offered.filter((v, i, a) => a.indexOf(v) === i), format: ',~r', grid: true } };
    const kneeMarks = knees.filter((k) => k.kneePerS !== null).map((k) => ({ strategy: k.strategy, offeredPerS: k.kneePerS!, latencyMs: points.find((p) => p.strategy === k.strategy && p.offeredPerS === k.kneePerS)!.p99Ms }));
    const capacityMarks = knees
      .filter((k) => k.capacityPerS !== undefined && k.capacityPerS >= xMin / 1.15 && k.capacityPerS <= xMax * 1.15)
      .map((k) => ({ strategy: k.strategy, offeredPerS: k.capacityPerS!, y0: yLow, y1: yLow * 1.8 }));
    const colour = { field: 'strategy', type: 'nominal', title: null, scale: strategyColour(strategies), sort: strategies, legend: { symbolType: 'stroke', symbolStrokeWidth: 3 } };
    const capacityLine = (k: StrategyKnee) => {
      const cap = k.capacityPerS === undefined ? 'no model' : `${formatNumber(k.capacityPerS)}/s (${k.capacityFormula})`;
      return `${k.strategy}: knee ${kneeText(k)}, capacity ${cap}`;
    };
    const where = label;
    const spec: TopLevelSpec = chartSpec(
      results,
      {
        title: finding(knees, where),
        subtitle: [
          `Latency (solid p99, dashed p50, median over the runs that measured) as the offered rate rises. Diamonds: each strategy's knee, the highest rate that kept up`,
          `with p99 ≤ ${KNEE_P99_FACTOR}× the service time (${formatMs(KNEE_P99_FACTOR * serviceMs)}). Ticks on the x axis: the capacity Little's law / the cores allow.`,
        ],
        caption: `Latency against offered load on ${where}: each strategy's latency stays flat until the offered rate reaches its capacity, then the queue grows and p99 climbs (the hockey stick). ${knees.map(capacityLine).join('; ')}.`,
        notes: [...knees.map(capacityLine), ...(points.some((p) => p.state !== 'ok') ? [FADE_NOTE] : [])],
      },
      {
        width: PLOT_WIDTH,
        height: 300,
        layer: [
          {
            data: { values: rows },
            mark: { type: 'line', strokeWidth: 2, point: { size: 30, filled: true }, clip: true },
            encoding: {
              x,
              y: { field: 'latencyMs', type: 'quantitative', title: 'latency (ms, log scale)', ...y },
              color: colour,
              strokeDash: { field: 'percentile', type: 'nominal', title: null, scale: { domain: ['p99', 'p50'], range: [[1, 0], [4, 3]] }, legend: { symbolType: 'stroke', symbolStrokeColor: '#444' } },
              detail: { field: 'percentile', type: 'nominal' },
              opacity: FADE_NOT_OK,
            },
          },
          ...(kneeMarks.length
            ? [{ data: { values: kneeMarks }, mark: { type: 'point', shape: 'diamond', size: 190, filled: false, strokeWidth: 2.2 }, encoding: { x, y: { field: 'latencyMs', type: 'quantitative', ...y }, color: colour } }]
            : []),
          ...(capacityMarks.length
            ? [{ data: { values: capacityMarks }, mark: { type: 'rule', strokeWidth: 3 }, encoding: { x, y: { field: 'y0', type: 'quantitative', ...y }, y2: { field: 'y1' }, color: colour } }]
            : []),
        ],
      },
    );
    return [{ key: fileKey(where), spec }];
  });
}
