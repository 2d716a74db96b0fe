/**
 * Over time: what each second of one run looked like, for the runs that tell a story:
 * head-of-line runs (a cheap route beside heavy work: the cheap route's answers per second
 * and its p99 each second, one line per strategy, with the server's event-loop delay
 * where it reports it) and ramps (offered vs completed requests/s and p50/p99 each second
 * as the arrival rate rises). One chart per group, from the first ok run of each scenario
 * (the per-second series of schema-2 runs).
 */
import type { TopLevelSpec } from 'vega-lite';
import { formatMs, formatNumber, formatRatio } from '../format/index.js';
import { compareStrategies, strategiesOf } from '../reporters/order.js';
import { rampRateAt } from '../drivers/open-model/arrival-schedule.js';
import type { PerSecondPoint, ResultsFile, RunRecord, Scenario, ScenarioSummary } from '../types.js';
import type { ChartPart } from './index.js';
import { fileKey, okRuns } from './run-data.js';
import { loadLabel, workloadLabel } from './select.js';
import { PLOT_WIDTH, chartSpec, logScale, panelTitle, spansOrders, strategyColour } from './style.js';

/** Tags whose runs get an over-time chart. */
export const OVER_TIME_TAGS = ['over-time', 'head-of-line', 'ramp'] as const;
/** Fewer seconds than this make no line worth drawing. */
export const MIN_SECONDS = 3;

/** The first ok run of a scenario with a per-second series of at least MIN_SECONDS. */
export function storyRun(results: ResultsFile, scenarioId: string, side: 'client' | 'probe'): RunRecord | undefined {
  return okRuns(results, scenarioId).find((r) => (r[side]?.perSecond?.length ?? 0) >= MIN_SECONDS);
}

export interface SecondRow {
  strategy: string;
  series: string;
  tS: number;
  value: number;
}

const p99Rows = (strategy: string, series: string, points: PerSecondPoint[]): SecondRow[] => points.filter((p) => p.completed > 0).map((p) => ({ strategy, series, tS: p.tS, value: p.p99Ms }));

function headOfLinePart(results: ResultsFile, label: string, group: ScenarioSummary[]): ChartPart | undefined {
  const runs = group.map((s) => ({ s, run: storyRun(results, s.scenarioId, 'probe'), scenario: results.scenarios.find((sc) => sc.id === s.scenarioId) })).filter((x) => x.run && x.scenario);
  if (runs.length === 0) return undefined;
  const path = runs[0]!.scenario!.probe?.path ?? '/noop';
  const workload = workloadLabel(runs[0]!.s);
  const rate: SecondRow[] = [];
  const latency: SecondRow[] = [];
  for (const { s, run } of runs) {
    const points = run!.probe!.perSecond!;
    rate.push(...points.map((p) => ({ strategy: s.strategy, series: `${path} answers`, tS: p.tS, value: p.completed })));
    latency.push(...p99Rows(s.strategy, `${path} p99`, points));
    latency.push(...points.filter((p) => p.loopDelayP99Ms !== undefined && p.loopDelayP99Ms > 0).map((p) => ({ strategy: s.strategy, series: 'event-loop delay p99', tS: p.tS, value: p.loopDelayP99Ms! })));
  }
  const strategies = strategiesOf(runs.map((x) => x.s));
  // Finding: the worst second of the cheap route's p99, worst strategy against best.
  const worstSecond = (strategy: string) => Math.max(0, ...latency.filter((r) => r.strategy === strategy && r.series.endsWith(' p99') && r.series.startsWith(path)).map((r) => r.value));
  const ranked = [...strategies].sort((a, b) => worstSecond(b) - worstSecond(a) || compareStrategies(a, b));
  const hi = ranked[0]!, lo = ranked[ranked.length - 1]!;
  const title =
    hi === lo || worstSecond(lo) <= 0
      ? `Cheap ${path} beside ${workload}: worst second's p99 ${formatMs(worstSecond(hi))} (${hi})`
      : `Cheap ${path} p99 beside ${workload}, each second: up to ${formatMs(worstSecond(hi))} with ${hi}, ${formatMs(worstSecond(lo))} with ${lo}`;
  const main = runs[0]!.s;
  return {
    key: fileKey(`head-of-line ${label}`),
    spec: overTimeSpec(results, {
      title,
      subtitle: [`${runs[0]!.scenario!.probe?.connections ?? 1} connections call ${path} while ${loadLabel(main)} run ${workload} on the same server; one run per strategy (its first ok run).`, `Top: ${path} answers per second. Bottom: their p99 in each second (log scale); dotted: the server's event-loop delay p99.`],
      caption: `Head-of-line blocking over time: the cheap route ${path}, second by second, while heavy requests run on the same server. A blocked event loop shows as every second slow, not as one outlier.`,
      strategies,
      rate,
      rateTitle: `${path} answers per second`,
      latency,
      latencyDash: { domain: [`${path} p99`, 'event-loop delay p99'], range: [[1, 0], [2, 3]] },
    }),
  };
}

function rampPart(results: ResultsFile, s: ScenarioSummary, scenario: Scenario): ChartPart | undefined {
  const run = storyRun(results, s.scenarioId, 'client');
  if (!run || scenario.load.kind !== 'rate' || !scenario.load.ramp) return undefined;
  const load = scenario.load;
  const ramp = load.ramp!;
  const points = run.client!.perSecond!;
  const rate: SecondRow[] = [
    ...points.map((p) => ({ strategy: s.strategy, series: 'offered', tS: p.tS, value: rampRateAt(load.ratePerS, ramp, p.tS + 0.5) })),
    ...points.map((p) => ({ strategy: s.strategy, series: 'completed', tS: p.tS, value: p.completed })),
  ];
  const latency: SecondRow[] = [...p99Rows(s.strategy, 'p99', points), ...points.filter((p) => p.completed > 0).map((p) => ({ strategy: s.strategy, series: 'p50', tS: p.tS, value: p.p50Ms }))];
  // Finding: the first second whose p99 is over 10× the first second's, and the rate offered then.
  const base = points.find((p) => p.completed > 0)?.p99Ms ?? 0;
  const blowUp = base > 0 ? points.find((p) => p.p99Ms > 10 * base) : undefined;
  const title = blowUp
    ? `${s.strategy} on ${workloadLabel(s)}: p99 jumps from ${formatMs(base)} to ${formatMs(blowUp.p99Ms)} once ${formatNumber(rampRateAt(load.ratePerS, ramp, blowUp.tS + 0.5))} req/s are offered`
    : `${s.strategy} on ${workloadLabel(s)} keeps p99 within ${formatMs(Math.max(...points.map((p) => p.p99Ms)))} while the offered rate rises from ${formatNumber(load.ratePerS)} to ${formatNumber(ramp.toRatePerS)} req/s`;
  return {
    key: fileKey(`ramp ${s.scenarioId}`),
    spec: overTimeSpec(results, {
      title,
      subtitle: [
        `Open model, arrival rate ramping from ${formatNumber(load.ratePerS)} to ${formatNumber(ramp.toRatePerS)} req/s over ${formatNumber(ramp.durationS)} s; first ok run.`,
        'Top: requests/s offered (dashed) and completed (solid). Bottom: p99 (solid) and p50 (dashed) of each second, corrected for coordinated omission (log scale).',
      ],
      caption: `A ramp: ${s.strategy} on ${workloadLabel(s)} as the arrival rate rises. Where completed falls below offered, the queue grows and latency climbs.`,
      strategies: [s.strategy],
      rate,
      rateTitle: 'requests/s',
      rateDash: { domain: ['completed', 'offered'], range: [[1, 0], [5, 3]] },
      latency,
      latencyDash: { domain: ['p99', 'p50'], range: [[1, 0], [4, 3]] },
    }),
  };
}

interface OverTimeText {
  title: string;
  subtitle: string[];
  caption: string;
  strategies: string[];
  rate: SecondRow[];
  rateTitle: string;
  rateDash?: { domain: string[]; range: number[][] };
  latency: SecondRow[];
  latencyDash: { domain: string[]; range: number[][] };
}

function overTimeSpec(results: ResultsFile, t: OverTimeText): TopLevelSpec {
  const seconds = Math.max(...[...t.rate, ...t.latency].map((r) => r.tS)) + 1;
  const x = { field: 'tS', type: 'quantitative', title: 'second of the measured window', scale: { domain: [0, Math.max(1, seconds - 1)], nice: false }, axis: { tickMinStep: 1, format: 'd' } };
  const colour = { field: 'strategy', type: 'nominal', title: null, scale: strategyColour(t.strategies), sort: t.strategies, legend: { symbolType: 'stroke', symbolStrokeWidth: 3 } };
  // Per-second counts that span orders of magnitude (a starved route beside a busy one) on a log scale, else a line at 0 hides one.
  const rates = t.rate.map((r) => r.value).filter((v) => v > 0);
  const rateY = spansOrders(rates, 1.5)
    ? { title: 'per second (log scale)', ...logScale(Math.min(...rates), Math.max(...rates), 1.3) }
    : { title: 'per second', axis: { format: ',~f', tickCount: 4 } };
  const latencies = t.latency.map((r) => r.value).filter((v) => v > 0);
  const y = latencies.length ? logScale(Math.min(...latencies), Math.max(...latencies), 1.5) : { scale: { type: 'linear' }, axis: {} };
  const dash = (d: { domain: string[]; range: number[][] } | undefined) => (d ? { strokeDash: { field: 'series', type: 'nominal', title: null, scale: d, legend: { symbolType: 'stroke', symbolStrokeWidth: 2, encode: { symbols: { update: { stroke: { value: '#444' } } } } } } } : {});
  return chartSpec(
    results,
    { title: t.title, subtitle: t.subtitle, caption: t.caption },
    {
      vconcat: [
        {
          title: panelTitle(t.rateTitle),
          data: { values: t.rate },
          width: PLOT_WIDTH,
          height: 130,
          mark: { type: 'line', strokeWidth: 2, point: { size: 22, filled: true } },
          encoding: { x, y: { field: 'value', type: 'quantitative', ...rateY }, color: colour, detail: { field: 'series', type: 'nominal' }, ...dash(t.rateDash) },
        },
        {
          title: panelTitle('latency each second'),
          data: { values: t.latency },
          width: PLOT_WIDTH,
          height: 190,
          mark: { type: 'line', strokeWidth: 2, point: { size: 22, filled: true }, clip: true },
          encoding: {
            x,
            y: { field: 'value', type: 'quantitative', title: 'ms (log scale)', ...y },
            color: colour,
            detail: { field: 'series', type: 'nominal' },
            ...dash(t.latencyDash),
          },
        },
      ],
      spacing: 14,
      resolve: { scale: { strokeDash: 'independent' }, legend: { strokeDash: 'independent' } },
    },
  );
}

export function overTime(results: ResultsFile): ChartPart[] {
  const parts: ChartPart[] = [];
  const hol = results.summaries.filter((s) => (s.tags.includes('over-time') || s.tags.includes('head-of-line')) && results.scenarios.find((sc) => sc.id === s.scenarioId)?.probe);
  const groups = new Map<string, ScenarioSummary[]>();
  for (const s of hol) {
    const key = `${workloadLabel(s)} at ${loadLabel(s)}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  for (const [label, group] of groups) {
    const part = headOfLinePart(results, label, group);
    if (part) parts.push(part);
  }
  // Ramps: tagged in a suite, or any scenario whose load ramps (`--rate R1 --ramp-to R2`).
  for (const s of results.summaries) {
    const scenario = results.scenarios.find((sc) => sc.id === s.scenarioId);
    if (!s.tags.includes('ramp') && !(scenario?.load.kind === 'rate' && scenario.load.ramp)) continue;
    const part = scenario && rampPart(results, s, scenario);
    if (part) parts.push(part);
  }
  return parts;
}
