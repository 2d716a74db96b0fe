/** Chart 7: event-loop delay p99 against request p99 latency across all scenarios, log-log (claim C15). */
import type { TopLevelSpec } from 'vega-lite';
import type { ResultsFile } from '../types.js';
import { formatFixed } from '../format/index.js';
import { compareStrategies, compareText, strategiesOf } from '../reporters/order.js';
import { workloadLabel } from './select.js';
import { FADE_NOTE, FADE_NOT_OK, PLOT_WIDTH, chartSpec, logScale, strategyColour } from './style.js';

/** Ranks from 1, ties sharing their average rank. */
function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) out[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/** Spearman's rank correlation (Pearson's r of the ranks); NaN when undefined. */
export function spearman(xs: readonly number[], ys: readonly number[]): number {
  const rx = ranks(xs);
  const ry = ranks(ys);
  const n = xs.length;
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i]! - mean) * (ry[i]! - mean);
    sxx += (rx[i]! - mean) ** 2;
    syy += (ry[i]! - mean) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

export function loopDelayVsP99(results: ResultsFile): TopLevelSpec | undefined {
  const usable = results.summaries.filter((s) => (s.eventLoopDelayP99Ms ?? 0) > 0 && (s.latencyP99Ms?.median ?? 0) > 0);
  if (usable.length < 2) return undefined;
  const rows = [...usable]
    .sort((a, b) => compareStrategies(a.strategy, b.strategy) || compareText(a.scenarioId, b.scenarioId))
    .map((s) => ({ scenario: s.scenarioId, strategy: s.strategy, workload: workloadLabel(s), delay: s.eventLoopDelayP99Ms!, p99: s.latencyP99Ms!.median, state: s.state }));
  const rho = spearman(rows.map((r) => r.delay), rows.map((r) => r.p99));
  const strength = !Number.isFinite(rho) ? 'cannot be compared with' : rho >= 0.7 ? 'predicts' : rho >= 0.4 ? 'partly predicts' : rho >= 0.2 ? 'weakly predicts' : 'does not predict';
  const rhoText = Number.isFinite(rho) ? `Spearman ρ = ${formatFixed(rho, 2)}` : 'ρ undefined';
  const delays = rows.map((r) => r.delay);
  const p99s = rows.map((r) => r.p99);
  const xScale = logScale(Math.min(...delays), Math.max(...delays));
  const yScale = logScale(Math.min(...p99s), Math.max(...p99s));
  const x = { field: 'delay', type: 'quantitative', ...xScale, title: 'event-loop delay p99 (ms, log scale)' };
  const y = { field: 'p99', type: 'quantitative', ...yScale, title: 'request latency p99 (ms, log scale)' };
  // The diagonal across both domains; the mark is clipped to the plot.
  const ends = [...(xScale.scale['domain'] as number[]), ...(yScale.scale['domain'] as number[])];
  const diagonal = [Math.min(...ends), Math.max(...ends)].map((v) => ({ delay: v, p99: v }));
  const strategies = strategiesOf(usable);
  const workloads = [...new Set(rows.map((r) => r.workload))];
  return chartSpec(
    results,
    {
      title: `Event-loop delay ${strength} p99 latency across ${rows.length} scenarios (${rhoText})`,
      subtitle: [
        'Each point is a scenario: the server\'s event-loop delay p99 against the client\'s p99 latency (medians over runs).',
        'Dashed: latency = loop delay. Points far above it waited somewhere other than the loop (a pool\'s queue, a busy process).',
      ],
      caption: 'Does the event-loop delay, which a server can monitor about itself, predict the tail latency its clients see? Points on a rising diagonal say yes; a vertical column of points at low delay says the waiting happens elsewhere.',
      notes: rows.some((r) => r.state !== 'ok') ? [FADE_NOTE] : [],
    },
    {
      width: PLOT_WIDTH,
      height: 380,
      layer: [
        {
          data: { values: diagonal },
          mark: { type: 'line', color: '#999', strokeDash: [5, 4], strokeWidth: 1.2, clip: true },
          encoding: { x, y },
        },
        {
          data: { values: rows },
          mark: { type: 'point', filled: true, size: 80, stroke: 'white', strokeWidth: 0.8 },
          encoding: {
            x,
            y,
            color: { field: 'strategy', type: 'nominal', scale: strategyColour(strategies), title: 'strategy', legend: { orient: 'right', direction: 'vertical' } },
            shape: { field: 'workload', type: 'nominal', sort: workloads, title: 'workload', scale: { range: ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down'] }, legend: { orient: 'right', direction: 'vertical' } },
            opacity: FADE_NOT_OK,
            tooltip: [{ field: 'scenario' }, { field: 'delay', title: 'loop delay p99 (ms)' }, { field: 'p99', title: 'p99 (ms)' }],
          },
        },
      ],
    },
  );
}
