/**
 * Chart 5: memory per concurrent unit (pending async call, worker thread, child process),
 * from the micro-benchmarks where present, else estimated from server RSS.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ResultsFile, ScenarioSummary } from '../types.js';
import { formatBytes, formatRatio } from '../reporters/format.js';
import { findStrategy } from '../../servers/strategies/index.js';
import { compareText } from '../reporters/order.js';
import { PLOT_WIDTH, chartSpec, logScale } from './style.js';

export interface MemoryPoint {
  unit: string;
  bytesPerUnit: number;
  /** How the figure was obtained, e.g. `63.6 MB ÷ 100 on sleep (sleepMs=50)`; empty for micro-benchmarks. */
  detail: string;
}

/**
 * The adapter from `results.micro` (owned by bench/micro): reads
 * `{ memory: [{ unit, rssBytesPerUnit }] }` and ignores anything else, so a change of
 * that shape costs one function here.
 */
export function memoryFromMicro(micro: unknown): MemoryPoint[] | undefined {
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

/**
 * Fallback: server peak RSS ÷ concurrent units. Per strategy, the ok scenario with the
 * most units; among equals, the lowest RSS (the tightest upper bound), then by id.
 */
export function memoryFromRss(results: ResultsFile): MemoryPoint[] {
  const best = new Map<string, { s: ScenarioSummary; unit: string; units: number; rss: number }>();
  for (const s of results.summaries) {
    const kind = unitsOf(s, results.machine.usableCores);
    const units = kind?.count;
    const rss = s.serverRssPeakBytes;
    if (!kind || !units || units <= 0 || !rss || s.state !== 'ok') continue;
    const seen = best.get(s.strategy);
    const better = !seen || units > seen.units || (units === seen.units && (rss < seen.rss || (rss === seen.rss && compareText(s.scenarioId, seen.s.scenarioId) < 0)));
    if (better) best.set(s.strategy, { s, unit: kind.unit, units, rss });
  }
  return [...best.values()].map(({ s, unit, units, rss }) => ({
    unit,
    bytesPerUnit: rss / units,
    detail: `${formatBytes(rss)} ÷ ${units}, ${s.workload}`,
  }));
}

export function memoryPerUnit(results: ResultsFile): TopLevelSpec | undefined {
  const micro = memoryFromMicro(results.micro);
  const points = (micro ?? memoryFromRss(results)).sort((a, b) => a.bytesPerUnit - b.bytesPerUnit || compareText(a.unit, b.unit));
  if (points.length === 0) return undefined;
  const rows = points.map((p) => ({ ...p, label: formatBytes(p.bytesPerUnit) + (p.detail ? `  (${p.detail})` : '') }));
  const lightest = points[0]!;
  const heaviest = points[points.length - 1]!;
  const title =
    heaviest === lightest
      ? `A ${lightest.unit} holds ${formatBytes(lightest.bytesPerUnit)}`
      : `A ${heaviest.unit} holds ${formatRatio(heaviest.bytesPerUnit / lightest.bytesPerUnit)} the memory of a ${lightest.unit} (${formatBytes(heaviest.bytesPerUnit)} vs ${formatBytes(lightest.bytesPerUnit)})`;
  const source = micro
    ? 'Source: micro-benchmarks (growth of resident memory per unit held open).'
    : 'Source: no micro-benchmarks in this run; estimated as server peak RSS ÷ concurrent units.';
  const scaled = logScale(lightest.bytesPerUnit, heaviest.bytesPerUnit, micro ? 2.9 : 19);
  const bytesLabel = "datum.value >= 1e9 ? format(datum.value / 1e9, '~r') + ' GB' : datum.value >= 1e6 ? format(datum.value / 1e6, '~r') + ' MB' : datum.value >= 1e3 ? format(datum.value / 1e3, '~r') + ' KB' : format(datum.value, '~r') + ' B'";
  const x = { field: 'bytesPerUnit', type: 'quantitative', scale: scaled.scale, axis: { ...scaled.axis, labelExpr: bytesLabel }, title: 'resident memory per unit (bytes, log scale)' };
  const y = { field: 'unit', type: 'nominal', sort: rows.map((r) => r.unit), title: null, axis: { labelFontSize: 11.5, ticks: false, labelPadding: 6 } };
  return chartSpec(
    results,
    {
      title,
      subtitle: [source, micro ? 'One bar per kind of concurrent unit; log scale.' : "Includes each process's baseline, so an upper bound; labels show RSS ÷ units, workload."],
      caption: 'Memory that each kind of concurrent unit costs: a pending async call, a worker thread, a child process. Log scale: each grid line is ten times the one before.',
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
