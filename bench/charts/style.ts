/**
 * The look every chart shares: font, colours per strategy, title block, footnote with the
 * machine. A chart builder writes only its data and marks, then calls `chartSpec`.
 */
import type { TopLevelSpec } from 'vega-lite';
import { findStrategy } from '../../servers/strategies/index.js';
import type { ResultsFile } from '../types.js';
import { FONT_STACK } from './fonts.js';

/** A fragment of a vega-lite spec (typed loosely; the whole spec is checked by vega-lite's compiler). */
export type VlSpec = Record<string, unknown>;

const SPARE_COLOURS = ['#444444', '#8C564B', '#7F7F7F', '#17BECF', '#BCBD22'];

/** A colour scale for the strategies shown, in report order; each registered strategy has its colour (servers/strategies). */
export function strategyColour(strategies: readonly string[]): { domain: string[]; range: string[] } {
  let spare = 0;
  return {
    domain: [...strategies],
    range: strategies.map((s) => findStrategy(s)?.colour ?? SPARE_COLOURS[spare++ % SPARE_COLOURS.length]!),
  };
}

export const PLOT_WIDTH = 540;

const CONFIG: VlSpec = {
  font: FONT_STACK,
  background: 'white',
  padding: 16,
  title: { anchor: 'start', fontSize: 15, fontWeight: 'bold', color: '#111', offset: 14, subtitleFontSize: 11.5, subtitleColor: '#444', subtitlePadding: 6, subtitleLineHeight: 15, limit: 0 },
  axis: { labelFontSize: 11, labelColor: '#333', titleFontSize: 11.5, titleFontWeight: 'normal', titleColor: '#222', titlePadding: 8, gridColor: '#e8e8e8', domainColor: '#888', tickColor: '#888', labelLimit: 260 },
  header: { labelFontSize: 12, labelFontWeight: 'bold', labelColor: '#222', labelLimit: 0, titleFontSize: 12 },
  legend: { orient: 'top', direction: 'horizontal', labelFontSize: 11, titleFontSize: 11.5, titleFontWeight: 'normal', labelLimit: 260, symbolSize: 90, columnPadding: 12 },
  view: { stroke: '#ddd' },
  concat: { spacing: 18 },
};

/** The small bold heading of one panel in a multi-panel chart. */
export function panelTitle(text: string): VlSpec {
  return { text, anchor: 'start', fontSize: 12.5, fontWeight: 'bold', color: '#222', offset: 8, subtitle: '' };
}

/** `Intel(R) Xeon(R) CPU @ 2.20GHz · 2 cores (2 usable) · Node v20.20.2 [· Python 3.11.2] · suite "quick", run …`. */
export function machineFootnote(results: ResultsFile): string {
  const m = results.machine;
  const python = results.python ? ` · Python ${results.python.pythonVersion}` : '';
  return `${m.cpuModel} · ${m.cores} cores (${m.usableCores} usable) · Node ${m.nodeVersion}${python} · suite "${results.suite}", run ${results.runId}`;
}

export interface ChartText {
  /** The finding, computed from the data. */
  title: string;
  /** What is plotted and how to read it (one entry per line). */
  subtitle: string[];
  /** Caption for the HTML page; stored as the spec's description. */
  caption: string;
  /** Extra footnote lines above the machine line (e.g. what faded marks mean). */
  notes?: string[];
}

/**
 * The top-level spec: the chart's view(s) above a footnote with the machine, one font,
 * one title style. `body` is a unit, layer, or facet spec (with its data).
 */
export function chartSpec(results: ResultsFile, text: ChartText, body: VlSpec): TopLevelSpec {
  const lines = [...(text.notes ?? []), machineFootnote(results)];
  const footnote: VlSpec = {
    data: { values: [{}] },
    mark: { type: 'text', align: 'left', baseline: 'top', fontSize: 10, color: '#555', lineHeight: 13 },
    encoding: { text: { value: lines }, x: { value: 0 }, y: { value: 0 } },
    width: PLOT_WIDTH,
    height: 13 * lines.length,
    view: { stroke: null },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: text.title, subtitle: text.subtitle },
    description: text.caption,
    config: CONFIG,
    vconcat: [body, footnote],
  } as unknown as TopLevelSpec;
}

/** True when the positive values span at least `orders` orders of magnitude (then use a log scale). */
export function spansOrders(values: readonly number[], orders = 2): boolean {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length < 2) return false;
  return Math.max(...positive) / Math.min(...positive) >= 10 ** orders;
}

/**
 * A log scale from the power of ten below `min` to `headroom` × `max` (room for value
 * labels), ticked at the powers of ten (and at 2s and 5s when that alone would give
 * fewer than three ticks).
 */
export function logScale(min: number, max: number, headroom = 1.6): { scale: VlSpec; axis: VlSpec } {
  const low = Number((10 ** Math.floor(Math.log10(min))).toPrecision(1));
  const high = max * headroom;
  const ticks = (steps: number[]) => {
    const out: number[] = [];
    for (let decade = low; decade <= high; decade *= 10) {
      for (const step of steps) if (decade * step <= high) out.push(Number((decade * step).toPrecision(1)));
    }
    return out;
  };
  const powers = ticks([1]);
  return { scale: { type: 'log', domain: [low, high], nice: false }, axis: { values: powers.length >= 3 ? powers : ticks([1, 2, 5]), format: ',~r' } };
}

/** Opacity that fades marks of scenarios whose runs were not all ok. */
export const FADE_NOT_OK: VlSpec = { condition: { test: "datum.state !== 'ok'", value: 0.35 }, value: 1 };
export const FADE_NOTE = 'Faded marks: scenarios whose runs were not all ok (see the tables).';
