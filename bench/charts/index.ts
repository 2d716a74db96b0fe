/**
 * The chart registry: name (= file name = the key a writer uses) → spec builder. A new
 * chart is one file plus one line here.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ResultsFile } from '../types.js';
import { connectionSweep } from './connection-sweep.js';
import { cpuSpeedup } from './cpu-speedup.js';
import { headOfLine } from './head-of-line.js';
import { latencyByStrategy } from './latency-by-strategy.js';
import { latencyDistribution } from './latency-distribution.js';
import { latencyVsLoad } from './latency-vs-load.js';
import { loopDelayVsP99 } from './loop-delay-vs-p99.js';
import { memoryPerUnit } from './memory-per-unit.js';
import { overTime } from './over-time.js';
import { renderSvg, svgToPng } from './render.js';
import { throughputByStrategy } from './throughput-by-strategy.js';

/** One chart of a builder that draws one chart per finding (e.g. per workload): written as `<name>--<key>`. */
export interface ChartPart {
  /** Short, file-name safe (charts/select.ts `fileKey`). */
  key: string;
  spec: TopLevelSpec;
}

/**
 * Builds a chart's vega-lite spec (data inline), or one spec per finding, or undefined
 * (or []) when the run has no data for it.
 */
export type ChartBuilder = (results: ResultsFile) => TopLevelSpec | ChartPart[] | undefined;

export const CHARTS = {
  'throughput-by-strategy': throughputByStrategy,
  'latency-by-strategy': latencyByStrategy,
  'connection-sweep': connectionSweep,
  'cpu-speedup': cpuSpeedup,
  'memory-per-unit': memoryPerUnit,
  'head-of-line': headOfLine,
  'loop-delay-vs-p99': loopDelayVsP99,
  'latency-distribution': latencyDistribution,
  'latency-vs-load': latencyVsLoad,
  'over-time': overTime,
} satisfies Record<string, ChartBuilder>;

export type ChartName = keyof typeof CHARTS;

export interface ChartSpec {
  name: ChartName;
  /** File name without extension: the name, or `<name>--<key>` for one part of a split chart. */
  file: string;
  spec: TopLevelSpec;
  /** The finding the chart states. */
  title: string;
  /** What the chart shows, for a caption. */
  caption: string;
}

export interface RenderedChart extends ChartSpec {
  svg: string;
  png: Uint8Array;
}

/** The specs of every chart this run has data for, in registry order. */
export function chartSpecs(results: ResultsFile): ChartSpec[] {
  return (Object.keys(CHARTS) as ChartName[]).flatMap((name) => {
    const built = (CHARTS[name] as ChartBuilder)(results);
    if (!built) return [];
    const parts = Array.isArray(built) ? built.map((p) => ({ file: `${name}--${p.key}`, spec: p.spec })) : [{ file: name, spec: built }];
    return parts.map(({ file, spec }) => {
      const { title, description } = spec as { title?: { text?: unknown }; description?: unknown };
      return { name, file, spec, title: String(title?.text ?? name), caption: String(description ?? '') };
    });
  });
}

const rendered = new WeakMap<ResultsFile, Promise<RenderedChart[]>>();

/**
 * Every chart rendered to SVG and PNG. Rendered once per results object: the charts and
 * html reporters both need them. One at a time, because vega numbers SVG ids per process.
 */
export function renderCharts(results: ResultsFile): Promise<RenderedChart[]> {
  let charts = rendered.get(results);
  if (!charts) {
    charts = (async () => {
      const out: RenderedChart[] = [];
      for (const chart of chartSpecs(results)) {
        const svg = await renderSvg(chart.spec);
        out.push({ ...chart, svg, png: svgToPng(svg) });
      }
      return out;
    })();
    rendered.set(results, charts);
  }
  return charts;
}
