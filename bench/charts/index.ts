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
import { loopDelayVsP99 } from './loop-delay-vs-p99.js';
import { memoryPerUnit } from './memory-per-unit.js';
import { renderSvg, svgToPng } from './render.js';
import { throughputByStrategy } from './throughput-by-strategy.js';

/** Builds a chart's vega-lite spec (data inline), or undefined when the run has no data for it. */
export type ChartBuilder = (results: ResultsFile) => TopLevelSpec | undefined;

export const CHARTS = {
  'throughput-by-strategy': throughputByStrategy,
  'latency-by-strategy': latencyByStrategy,
  'connection-sweep': connectionSweep,
  'cpu-speedup': cpuSpeedup,
  'memory-per-unit': memoryPerUnit,
  'head-of-line': headOfLine,
  'loop-delay-vs-p99': loopDelayVsP99,
} satisfies Record<string, ChartBuilder>;

export type ChartName = keyof typeof CHARTS;

export interface ChartSpec {
  name: ChartName;
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
    const spec = CHARTS[name](results);
    if (!spec) return [];
    const { title, description } = spec as { title?: { text?: unknown }; description?: unknown };
    return [{ name, spec, title: String(title?.text ?? name), caption: String(description ?? '') }];
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
