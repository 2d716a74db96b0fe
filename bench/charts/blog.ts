/**
 * The blog set: one chart per finding, ready to paste into a post. Charts that draw one
 * panel per workload (throughput and latency by strategy) are split into one chart per
 * workload, each built by the same builder from that workload's scenarios alone, so its
 * title states that workload's own finding. Each chart also gets a caption (the finding,
 * what is plotted, and the run's conditions) and a 1200×675 social-card image.
 */
import type { TopLevelSpec } from 'vega-lite';
import { formatFixed, formatNumber, formatRange } from '../format/index.js';
import type { ResultsFile } from '../types.js';
import { CHARTS, chartSpecs, type ChartName, type ChartSpec } from './index.js';
import { fileKey } from './run-data.js';
import { strategyPanels, workloadLabel } from './select.js';

/** Multi-panel charts (one panel per workload) that the blog set splits. */
export const SPLIT_BY_WORKLOAD: readonly ChartName[] = ['throughput-by-strategy', 'latency-by-strategy'];

/** The blog set's specs, in registry order: split charts replaced by one chart per workload. */
export function blogSpecs(results: ResultsFile): ChartSpec[] {
  return chartSpecs(results).flatMap((chart) => {
    if (!SPLIT_BY_WORKLOAD.includes(chart.name)) return [chart];
    const labels = strategyPanels(results).map((p) => p.label);
    if (labels.length <= 1) return [chart];
    return labels.flatMap((label) => {
      const one: ResultsFile = { ...results, summaries: results.summaries.filter((s) => workloadLabel(s) === label) };
      const spec = CHARTS[chart.name](one) as TopLevelSpec | undefined;
      if (!spec) return [];
      const { title, description } = spec as { title?: { text?: unknown }; description?: unknown };
      return [{ name: chart.name, file: `${chart.name}--${fileKey(label)}`, spec, title: String(title?.text ?? chart.name), caption: String(description ?? '') }];
    });
  });
}

/** Measured windows, repetitions, load average, how long the suite took: the run's conditions, one line. */
export function runConditions(results: ResultsFile): string {
  const m = results.machine;
  const windows = [...new Set(results.scenarios.map((s) => s.load.durationS))].sort((a, b) => a - b);
  const windowText = windows.length === 0 ? '' : windows.length === 1 ? `${formatNumber(windows[0]!)} s windows` : `${formatRange(windows[0]!, windows[windows.length - 1]!)} s windows`;
  const repetitions = Number((results.options as { repetitions?: unknown }).repetitions);
  const tookS = results.finishedAt ? (Date.parse(results.finishedAt) - Date.parse(results.startedAt)) / 1000 : NaN;
  const load = results.loadAverage1m;
  const loadText = load ? `load average ${formatFixed(load.atStart, 2)} at start${load.atEnd !== undefined ? `, ${formatFixed(load.atEnd, 2)} at end` : ''}` : 'load average not recorded';
  return [
    `${m.cpuModel}, ${m.cores} cores (${m.usableCores} usable)`,
    loadText,
    `Node ${m.nodeVersion}`,
    [windowText, Number.isFinite(repetitions) ? `${repetitions} repetition${repetitions === 1 ? '' : 's'}` : ''].filter(Boolean).join(', '),
    Number.isFinite(tookS) ? `suite "${results.suite}" took ${formatNumber(Math.round(tookS))} s` : `suite "${results.suite}"`,
    `run ${results.runId}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The caption file: the computed finding, what the chart shows, the run's conditions. */
export function captionMarkdown(results: ResultsFile, chart: ChartSpec): string {
  return [`**${chart.title}**`, '', chart.caption, '', `Conditions: ${runConditions(results)}.`, ''].join('\n');
}

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 675;

/**
 * A 1200×675 social card: the chart's SVG scaled to fit a white 16:9 canvas, centred.
 * Returned at half size (600×337.5): rasterised at 2x like every PNG, it is 1200×675.
 */
export function socialCardSvg(svg: string): string {
  const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  const w = Number(size?.[1] ?? CARD_WIDTH / 2), h = Number(size?.[2] ?? CARD_HEIGHT / 2);
  const cw = CARD_WIDTH / 2, ch = CARD_HEIGHT / 2, margin = 8;
  const scale = Math.min((cw - 2 * margin) / w, (ch - 2 * margin) / h);
  const x = (cw - w * scale) / 2, y = (ch - h * scale) / 2;
  const inner = svg.replace(/^<\?xml[^>]*>\s*/, '').replace(/^<svg /, `<svg x="${x.toFixed(2)}" y="${y.toFixed(2)}" `).replace(/\swidth="[\d.]+"/, ` width="${(w * scale).toFixed(2)}"`).replace(/\sheight="[\d.]+"/, ` height="${(h * scale).toFixed(2)}"`);
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${cw}" height="${ch}" viewBox="0 0 ${cw} ${ch}"><rect width="${cw}" height="${ch}" fill="white"/>${inner}</svg>`;
}
