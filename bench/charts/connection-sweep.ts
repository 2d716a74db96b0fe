/** Chart 3: throughput vs connections for the `sweep` scenarios, with the Little's-law ideal dashed. */
import type { TopLevelSpec } from 'vega-lite';
import type { ResultsFile, ScenarioSummary } from '../types.js';
import { formatConnections, formatNumber, formatPct, formatRatio } from '../reporters/format.js';
import { compareStrategies, strategiesOf } from '../reporters/order.js';
import { tagged, workloadLabel } from './select.js';
import { FADE_NOTE, FADE_NOT_OK, PLOT_WIDTH, chartSpec, logScale, spansOrders, strategyColour } from './style.js';

const MEASURED = 'measured';
const IDEAL = "ideal (Little's law)";

/** At the heaviest load where every series was ok: how far apart the series are, and how close to ideal. */
function finding(points: ScenarioSummary[], seriesOf: (s: ScenarioSummary) => string): string {
  const connections = [...new Set(points.map((s) => s.connections!))].sort((a, b) => b - a);
  const seriesCount = new Set(points.map(seriesOf)).size;
  const at = (c: number) => points.filter((s) => s.connections === c);
  const c = connections.find((c) => at(c).length === seriesCount && at(c).every((s) => s.state === 'ok')) ?? connections[0]!;
  const here = at(c).sort((a, b) => b.rps!.median - a.rps!.median);
  const top = here[0]!;
  const bottom = here[here.length - 1]!;
  const effs = here.filter((s) => s.ideal).map((s) => s.ideal!.efficiency);
  const ideal = effs.length === here.length ? `; ${effs.length > 1 ? 'each' : 'it'} reaches ≥ ${formatPct(Math.min(...effs))} of its ideal` : '';
  if (top === bottom || bottom.rps!.median <= 0) return `${seriesOf(top)} serves ${formatNumber(top.rps!.median)} requests/s at ${formatConnections(c)}${ideal}`;
  return `${seriesOf(top)} serves ${formatRatio(top.rps!.median / bottom.rps!.median)} ${seriesOf(bottom)}'s requests/s at ${formatConnections(c)}${ideal}`;
}

export function connectionSweep(results: ResultsFile): TopLevelSpec | undefined {
  const points = tagged(results, 'sweep').filter((s) => s.rps !== undefined && s.connections !== undefined && s.connections > 0);
  if (points.length === 0) return undefined;
  const workloads = [...new Set(points.map(workloadLabel))];
  const seriesOf = (s: ScenarioSummary) => (workloads.length > 1 ? `${s.strategy} · ${workloadLabel(s)}` : s.strategy);
  const sorted = [...points].sort((a, b) => compareStrategies(a.strategy, b.strategy) || a.connections! - b.connections!);
  const rows = sorted.map((s) => ({
    series: seriesOf(s),
    strategy: s.strategy,
    connections: s.connections!,
    rps: s.rps!.median,
    ciLow: s.rps!.ciLow,
    ciHigh: s.rps!.ciHigh,
    kind: MEASURED,
    state: s.state,
  }));
  const ideals = sorted.filter((s) => s.ideal).map((s) => ({ series: seriesOf(s), strategy: s.strategy, connections: s.connections!, rps: s.ideal!.idealRps, kind: IDEAL }));
  const connections = [...new Set(rows.map((r) => r.connections))].sort((a, b) => a - b);
  const ys = [...rows.map((r) => r.rps), ...ideals.map((r) => r.rps)];
  const logY = spansOrders(ys);
  const yMin = Math.min(...ys.filter((v) => v > 0));
  const yMax = Math.max(...ys);
  const x = {
    field: 'connections',
    type: 'quantitative',
    scale: { type: 'log', domain: [connections[0]! / 1.5, connections.at(-1)! * 1.5], nice: false },
    axis: { values: connections, format: ',~f', grid: true },
    title: 'concurrent connections (closed model, log scale)',
  };
  const y = {
    type: 'quantitative',
    ...(logY ? logScale(yMin, yMax) : { scale: { type: 'linear', zero: true }, axis: { format: ',~f' } }),
    title: `requests/s${logY ? ' (log scale)' : ''}`,
  };
  const strategies = strategiesOf(points);
  const colour = { field: 'strategy', type: 'nominal', scale: strategyColour(strategies), title: 'strategy' };
  const dash = { field: 'kind', type: 'nominal', scale: { domain: [MEASURED, IDEAL], range: [[1, 0], [6, 4]] }, title: null, legend: { symbolType: 'stroke', symbolStrokeWidth: 2, symbolSize: 300 } };
  const shape = workloads.length > 1 ? { field: 'series', type: 'nominal', title: 'series' } : { value: 'circle' };
  const anyNotOk = rows.some((r) => r.state !== 'ok');
  return chartSpec(
    results,
    {
      title: finding(points, seriesOf),
      subtitle: [
        `${workloads.join(', ')}: median requests/s over runs at each connection count; whiskers: 95% CI.`,
        "Dashed: the ideal each strategy allows (Little's law: connections ÷ service time, capped by what can wait in parallel).",
      ],
      caption: "Throughput as the number of concurrent connections grows. The dashed line of the same colour is the ideal for that strategy; a measured line that falls away from it has hit a limit (the event loop, a pool, or the load generator).",
      notes: anyNotOk ? [FADE_NOTE] : [],
    },
    {
      width: PLOT_WIDTH,
      height: 300,
      layer: [
        { data: { values: ideals }, mark: { type: 'line', strokeWidth: 1.5, opacity: 0.8 }, encoding: { x, y: { ...y, field: 'rps' }, color: colour, detail: { field: 'series' }, strokeDash: dash } },
        {
          data: { values: rows },
          layer: [
            { mark: { type: 'line', strokeWidth: 2.2 }, encoding: { x, y: { ...y, field: 'rps' }, color: colour, detail: { field: 'series' }, strokeDash: dash } },
            { mark: { type: 'rule', strokeWidth: 1.2 }, encoding: { x, y: { ...y, field: 'ciLow' }, y2: { field: 'ciHigh' }, color: colour } },
            { mark: { type: 'point', filled: true, size: 55 }, encoding: { x, y: { ...y, field: 'rps' }, color: colour, opacity: FADE_NOT_OK, shape } },
          ],
        },
      ],
    },
  );
}
