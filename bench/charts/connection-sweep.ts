/**
 * Chart 3: the connection sweep on a normalized axis, so that strategies measured at
 * different service times compare like with like. Little's law turns a throughput into
 * the number of requests in service at once, N = req/s × S: a blocked loop can hold 1,
 * an async loop every connection (C), a pool of W workers min(W, C). The chart plots N
 * against the connections (both log scales), with each strategy's ideal dashed.
 *
 * One estimator, shared with the claims table: each point is the geometric mean of the
 * scenario's valid runs (the estimate claims C1 and C4 print, via compareSamples against
 * a constant), its whisker the 95% CI of that geometric mean (t on logs, none from one
 * run), and the title is computed from those same points.
 */
import type { TopLevelSpec } from 'vega-lite';
import { getStrategy, isStrategyName } from '../../servers/strategies/index.js';
import { serviceModels } from '../ideal.js';
import { formatConnections, formatNumber } from '../format/index.js';
import { compareStrategies, strategiesOf } from '../reporters/order.js';
import { geometricMeanInterval } from '../stats/index.js';
import type { ResultsFile, ScenarioSummary } from '../types.js';
import { tagged, workloadLabel } from './select.js';
import { FADE_NOTE, FADE_NOT_OK, PLOT_WIDTH, chartSpec, logScale, strategyColour } from './style.js';

const MEASURED = 'measured';
const IDEAL = "ideal (Little's law)";

/** The service time S of a wait scenario, ms (undefined: not a wait, no normalization). */
export function serviceMsOf(s: Pick<ScenarioSummary, 'workload' | 'params' | 'strategy'>): number | undefined {
  const runsBlocking = isStrategyName(s.strategy) ? getStrategy(s.strategy).runsBlockingImplementation : false;
  const model = serviceModels[s.workload]?.(s.params, runsBlocking);
  return model?.kind === 'wait' && model.serviceMs > 0 ? model.serviceMs : undefined;
}

export interface SweepPoint {
  summary: ScenarioSummary;
  serviceMs: number;
  /** Geometric mean of requests/s over the valid runs. */
  rps: number;
  /** Requests in service at once: rps × S. */
  inService: number;
  /** 95% CI of the geometric mean, in requests in service (absent from one run). */
  ciLow?: number;
  ciHigh?: number;
  /** The ideal in requests in service (C, 1 or min(W, C)). */
  idealInService?: number;
}

/** The sweep's points from the runs (geometric means; the same estimator the claims use). */
export function sweepPoints(results: ResultsFile): SweepPoint[] {
  return tagged(results, 'sweep').flatMap((summary): SweepPoint[] => {
    const serviceMs = serviceMsOf(summary);
    if (summary.connections === undefined || summary.connections <= 0 || serviceMs === undefined || summary.state === 'errored') return [];
    let values = results.runs.filter((r) => r.scenarioId === summary.scenarioId && r.state === 'ok' && r.client && r.client.rps > 0).map((r) => r.client!.rps);
    // A results file without its runs (summaries only): the summary's figure, no interval.
    if (values.length === 0 && !results.runs.some((r) => r.scenarioId === summary.scenarioId) && summary.rps && summary.rps.median > 0) values = [summary.rps.median];
    if (values.length === 0) return [];
    const g = geometricMeanInterval(values);
    const perS = serviceMs / 1000;
    const point: SweepPoint = { summary, serviceMs, rps: g.centre, inService: g.centre * perS };
    if (g.ciLow !== undefined && g.ciHigh !== undefined) {
      point.ciLow = g.ciLow * perS;
      point.ciHigh = g.ciHigh * perS;
    }
    if (summary.ideal) point.idealInService = summary.ideal.idealRps * perS;
    return [point];
  });
}

/** At the heaviest load where every series was ok: each series' requests in service, as in the claims. */
function finding(points: SweepPoint[], seriesOf: (s: ScenarioSummary) => string): string {
  const connections = [...new Set(points.map((p) => p.summary.connections!))].sort((a, b) => b - a);
  const seriesCount = new Set(points.map((p) => seriesOf(p.summary))).size;
  const at = (c: number) => points.filter((p) => p.summary.connections === c);
  const c = connections.find((c) => at(c).length === seriesCount && at(c).every((p) => p.summary.state === 'ok')) ?? connections[0]!;
  const here = at(c).sort((a, b) => b.inService - a.inService);
  const parts = here.map((p) => `${seriesOf(p.summary)} ${formatNumber(p.inService)}`);
  return `Requests in service at once at ${formatConnections(c)}: ${parts.join(', ')}`;
}

export function connectionSweep(results: ResultsFile): TopLevelSpec | undefined {
  const points = sweepPoints(results);
  if (points.length === 0) return undefined;
  const workloads = [...new Set(points.map((p) => workloadLabel(p.summary)))];
  const seriesOf = (s: ScenarioSummary) => (workloads.length > 1 ? `${s.strategy} · ${workloadLabel(s)}` : s.strategy);
  const sorted = [...points].sort((a, b) => compareStrategies(a.summary.strategy, b.summary.strategy) || a.summary.connections! - b.summary.connections!);
  const rows = sorted.map((p) => ({
    series: seriesOf(p.summary),
    strategy: p.summary.strategy,
    connections: p.summary.connections!,
    inService: p.inService,
    ...(p.ciLow !== undefined ? { ciLow: p.ciLow, ciHigh: p.ciHigh } : {}),
    rps: p.rps,
    serviceMs: p.serviceMs,
    kind: MEASURED,
    state: p.summary.state,
  }));
  const ideals = sorted
    .filter((p) => p.idealInService !== undefined)
    .map((p) => ({ series: seriesOf(p.summary), strategy: p.summary.strategy, connections: p.summary.connections!, inService: p.idealInService!, kind: IDEAL }));
  const connections = [...new Set(rows.map((r) => r.connections))].sort((a, b) => a - b);
  const ys = [...rows.map((r) => r.inService), ...rows.flatMap((r) => (r.ciLow !== undefined ? [r.ciLow, r.ciHigh!] : [])), ...ideals.map((r) => r.inService)].filter((v) => v > 0);
  const scaled = logScale(Math.min(...ys), Math.max(...ys));
  const x = {
    field: 'connections',
    type: 'quantitative',
    scale: { type: 'log', domain: [connections[0]! / 1.5, connections.at(-1)! * 1.5], nice: false },
    axis: { values: connections, format: ',~f', grid: true },
    title: 'concurrent connections C (closed model, log scale)',
  };
  const y = { type: 'quantitative', scale: scaled.scale, axis: scaled.axis, title: 'requests in service at once = req/s × S (log scale)' };
  const strategies = strategiesOf(points.map((p) => p.summary));
  const colour = { field: 'strategy', type: 'nominal', scale: strategyColour(strategies), title: 'strategy' };
  const dash = { field: 'kind', type: 'nominal', scale: { domain: [MEASURED, IDEAL], range: [[1, 0], [6, 4]] }, title: null, legend: { symbolType: 'stroke', symbolStrokeWidth: 2, symbolSize: 300 } };
  const shape = workloads.length > 1 ? { field: 'series', type: 'nominal', title: 'series' } : { value: 'circle' };
  const anyNotOk = rows.some((r) => r.state !== 'ok');
  const services = [...new Set(points.map((p) => `${p.summary.strategy} S = ${formatNumber(p.serviceMs)} ms`))];
  return chartSpec(
    results,
    {
      title: finding(points, seriesOf),
      subtitle: [
        `${workloads.join(', ')}; ${services.join(', ')}. Each point: req/s × S, the requests in service at once (geometric mean over valid runs; whiskers: its 95% CI).`,
        'Dashed: the ideal (Little\'s law): C for an async loop, 1 for a blocked loop, min(W, C) for a pool of W.',
      ],
      caption:
        'Throughput normalized by each strategy\'s own service time, so strategies measured at different S compare like with like: how many requests each kept in service at once as the connections grow. A line that falls away from its dashed ideal has hit a limit (the event loop, a pool, or the load generator).',
      notes: anyNotOk ? [FADE_NOTE] : [],
    },
    {
      width: PLOT_WIDTH,
      height: 300,
      layer: [
        { data: { values: ideals }, mark: { type: 'line', strokeWidth: 1.5, opacity: 0.8 }, encoding: { x, y: { ...y, field: 'inService' }, color: colour, detail: { field: 'series' }, strokeDash: dash } },
        {
          data: { values: rows },
          layer: [
            { mark: { type: 'line', strokeWidth: 2.2 }, encoding: { x, y: { ...y, field: 'inService' }, color: colour, detail: { field: 'series' }, strokeDash: dash } },
            { transform: [{ filter: 'isValid(datum.ciLow)' }], mark: { type: 'rule', strokeWidth: 1.2 }, encoding: { x, y: { ...y, field: 'ciLow' }, y2: { field: 'ciHigh' }, color: colour } },
            { mark: { type: 'point', filled: true, size: 55 }, encoding: { x, y: { ...y, field: 'inService' }, color: colour, opacity: FADE_NOT_OK, shape } },
          ],
        },
      ],
    },
  );
}
