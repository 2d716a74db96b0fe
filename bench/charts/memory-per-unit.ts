/**
 * Chart 5: the marginal memory cost of one concurrent unit (pending async call, worker
 * thread, child process): one figure everywhere. From the `memory-per-unit`
 * micro-benchmark when it ran (the same figures claim C5 prints), else from the slope of
 * server RSS across the run's scenarios that hold different numbers of units (extra RSS
 * per extra unit), never total RSS ÷ units (that counts the process's own baseline as if
 * each unit held it: 111 KB per promise where the marginal cost is ~1 KB).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { MemoryPerUnitResult } from '../tools/micro/types.js';
import type { ResultsFile, ScenarioSummary } from '../types.js';
import { formatBytes, formatRange, formatRatio, vegaBytesLabelExpr } from '../format/index.js';
import { findStrategy } from '../../servers/strategies/index.js';
import { compareText } from '../reporters/order.js';
import { PLOT_WIDTH, chartSpec, logScale } from './style.js';

export interface MemoryPoint {
  unit: string;
  bytesPerUnit: number;
  /** How the figure was obtained, e.g. `slope over 1-1,000 connections, sleep`; empty for micro-benchmarks. */
  detail: string;
}

/**
 * The adapter from `results.micro` (owned by bench/tools/micro): the `memory-per-unit`
 * benchmark's per-unit RSS (`results['memory-per-unit']`), the figures claim C5 uses.
 * The older `{ memory: [{ unit, rssBytesPerUnit }] }` shape is still read. Anything else
 * is ignored, so a change of shape costs one function here.
 */
export function memoryFromMicro(micro: unknown): MemoryPoint[] | undefined {
  const result = (micro as { results?: Record<string, unknown> } | null | undefined)?.results?.['memory-per-unit'] as Partial<MemoryPerUnitResult> | undefined;
  if (result) {
    const kinds: [string, { rssBytesPerUnit?: unknown } | undefined][] = [
      ['pending async call', result.pendingAsyncCall],
      ['worker thread', result.workerThread],
      ['child process', result.childProcess],
    ];
    const points = kinds.flatMap(([unit, f]): MemoryPoint[] =>
      typeof f?.rssBytesPerUnit === 'number' && Number.isFinite(f.rssBytesPerUnit) && f.rssBytesPerUnit > 0 ? [{ unit, bytesPerUnit: f.rssBytesPerUnit, detail: '' }] : [],
    );
    if (points.length > 0) return points;
  }
  const memory = (micro as { memory?: unknown } | null | undefined)?.memory;
  if (!Array.isArray(memory)) return undefined;
  const points = memory.flatMap((m: unknown): MemoryPoint[] => {
    const { unit, rssBytesPerUnit } = (m ?? {}) as { unit?: unknown; rssBytesPerUnit?: unknown };
    return typeof unit === 'string' && typeof rssBytesPerUnit === 'number' && Number.isFinite(rssBytesPerUnit) && rssBytesPerUnit > 0
      ? [{ unit, bytesPerUnit: rssBytesPerUnit, detail: '' }]
      : [];
  });
  return points.length > 0 ? points : undefined;
}

/** What one concurrent request occupies under a strategy (its registry entry's memoryUnit), and how many there were. */
function unitsOf(s: ScenarioSummary, cores: number): { unit: string; count: number | undefined } | undefined {
  const memoryUnit = findStrategy(s.strategy)?.memoryUnit;
  if (!memoryUnit) return undefined;
  return { unit: memoryUnit.unit, count: memoryUnit.countedBy === 'connections' ? s.connections : (s.poolSize ?? cores) };
}

/** Least-squares slope of y over x (undefined with fewer than 2 distinct x). */
function slope(points: { x: number; y: number }[]): number | undefined {
  const xs = new Set(points.map((p) => p.x));
  if (xs.size < 2) return undefined;
  const mx = points.reduce((t, p) => t + p.x, 0) / points.length;
  const my = points.reduce((t, p) => t + p.y, 0) / points.length;
  const sxy = points.reduce((t, p) => t + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((t, p) => t + (p.x - mx) ** 2, 0);
  return sxy / sxx;
}

/**
 * Fallback without the micro-benchmark: for each strategy and workload, the slope of
 * server peak RSS over the number of concurrent units across the run's ok scenarios
 * (e.g. the async sleep sweep over 1-1,000 connections): the extra memory one more unit
 * costs. Strategies measured at one unit count only have no marginal figure and are left
 * out. Of several workloads, the one spanning the most units.
 */
export function memoryFromRss(results: ResultsFile): MemoryPoint[] {
  const groups = new Map<string, { strategy: string; unit: string; workload: string; points: { x: number; y: number }[] }>();
  for (const s of results.summaries) {
    const kind = unitsOf(s, results.machine.usableCores);
    const units = kind?.count;
    const rss = s.serverRssPeakBytes;
    if (!kind || !units || units <= 0 || !rss || s.state !== 'ok') continue;
    const key = `${s.strategy}\u0000${s.workload}`;
    const group = groups.get(key) ?? { strategy: s.strategy, unit: kind.unit, workload: s.workload, points: [] };
    group.points.push({ x: units, y: rss });
    groups.set(key, group);
  }
  const best = new Map<string, MemoryPoint & { span: number }>();
  for (const g of [...groups.values()].sort((a, b) => compareText(a.workload, b.workload))) {
    const perUnit = slope(g.points);
    if (perUnit === undefined || !(perUnit > 0)) continue;
    const xs = g.points.map((p) => p.x);
    const span = Math.max(...xs) / Math.min(...xs);
    const seen = best.get(g.strategy);
    if (seen && seen.span >= span) continue;
    best.set(g.strategy, {
      unit: g.unit,
      bytesPerUnit: perUnit,
      detail: `RSS slope over ${formatRange(Math.min(...xs), Math.max(...xs))} units, ${g.workload}`,
      span,
    });
  }
  return [...best.values()].map(({ span: _span, ...p }) => p);
}

/** The chart's points: the micro-benchmark's, else the RSS slopes; which source, in words. */
export function memoryPoints(results: ResultsFile): { points: MemoryPoint[]; micro: boolean } {
  const micro = memoryFromMicro(results.micro);
  return { points: micro ?? memoryFromRss(results), micro: micro !== undefined };
}

export function memoryPerUnit(results: ResultsFile): TopLevelSpec | undefined {
  const { points: found, micro } = memoryPoints(results);
  const points = found.sort((a, b) => a.bytesPerUnit - b.bytesPerUnit || compareText(a.unit, b.unit));
  if (points.length === 0) return undefined;
  const rows = points.map((p) => ({ ...p, label: formatBytes(p.bytesPerUnit) + (p.detail ? `  (${p.detail})` : '') }));
  const lightest = points[0]!;
  const heaviest = points[points.length - 1]!;
  const title =
    heaviest === lightest
      ? `A ${lightest.unit} holds ${formatBytes(lightest.bytesPerUnit)}`
      : `A ${heaviest.unit} holds ${formatRatio(heaviest.bytesPerUnit / lightest.bytesPerUnit)} the memory of a ${lightest.unit} (${formatBytes(heaviest.bytesPerUnit)} vs ${formatBytes(lightest.bytesPerUnit)})`;
  const source = micro
    ? 'Source: the memory-per-unit micro-benchmark (growth of resident memory per unit held open), the figures claim C5 uses.'
    : 'Source: no micro-benchmark in this run; the slope of server peak RSS over the number of concurrent units across the run (marginal cost).';
  const scaled = logScale(lightest.bytesPerUnit, heaviest.bytesPerUnit, micro ? 2.9 : 19);
  const bytesLabel = vegaBytesLabelExpr();
  const x = { field: 'bytesPerUnit', type: 'quantitative', scale: scaled.scale, axis: { ...scaled.axis, labelExpr: bytesLabel }, title: 'resident memory per unit (bytes, log scale)' };
  const y = { field: 'unit', type: 'nominal', sort: rows.map((r) => r.unit), title: null, axis: { labelFontSize: 11.5, ticks: false, labelPadding: 6 } };
  return chartSpec(
    results,
    {
      title,
      subtitle: [source, micro ? 'One bar per kind of concurrent unit; log scale.' : 'Extra RSS per extra unit, so the process baseline is not counted; labels show how each slope was taken.'],
      caption: 'The memory one more concurrent unit costs (marginal, not total ÷ units): a pending async call, a worker thread, a child process. Log scale: each grid line is ten times the one before.',
    },
    {
      data: { values: rows },
      width: PLOT_WIDTH,
      height: { step: 30 },
      layer: [
        // On a log scale a bar cannot start at zero: start it at the axis' low end.
        { mark: { type: 'bar', height: { band: 0.65 }, color: '#5B7FA6' }, encoding: { y, x, x2: { datum: (scaled.scale['domain'] as number[])[0] } } },
        { mark: { type: 'text', align: 'left', dx: 5, fontSize: 11, fontWeight: 'bold', color: '#222' }, encoding: { y, x, text: { field: 'label' } } },
      ],
    },
  );
}
