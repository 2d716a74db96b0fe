/** Chart 2: p50 and p99 latency by strategy, one panel per workload (log scale when they span orders of magnitude). */
import type { TopLevelSpec } from 'vega-lite';
import type { ResultsFile, ScenarioSummary } from '../types.js';
import { formatMs, formatRatio } from '../format/index.js';
import { strategiesOf } from '../reporters/order.js';
import { runsCentre, strategyPanels, type Panel } from './select.js';
import { FADE_NOTE, FADE_NOT_OK, PLOT_WIDTH, chartSpec, panelTitle, logScale, spansOrders } from './style.js';

const P50 = 'p50 (median)';
const P99 = 'p99';

interface Pair {
  panel: string;
  load: string;
  strategy: string;
  p50: number;
  p99: number;
  state: ScenarioSummary['state'];
}

/** The panel with the widest gap between the slowest and the fastest strategy's p99. */
function finding(pairs: Pair[], panels: Panel[]): string {
  let best: { text: string; ratio: number } | undefined;
  for (const p of panels) {
    const ranked = pairs.filter((r) => r.panel === p.label && r.p99 > 0).sort((a, b) => b.p99 - a.p99);
    const slow = ranked[0];
    const fast = ranked[ranked.length - 1];
    if (!slow || !fast || slow === fast) continue;
    const ratio = slow.p99 / fast.p99;
    if (!best || ratio > best.ratio) {
      best = { ratio, text: `${slow.strategy}'s p99 is ${formatRatio(ratio)} ${fast.strategy}'s on ${p.label} at ${p.load} (${formatMs(slow.p99)} vs ${formatMs(fast.p99)})` };
    }
  }
  if (best && best.ratio < 1.1) return `p99 latency is within 10% across strategies at ${panels[0]!.load}`;
  return best?.text ?? `p50 and p99 latency by strategy at ${panels[0]!.load}`;
}

export function latencyByStrategy(results: ResultsFile): TopLevelSpec | undefined {
  const panels = strategyPanels(results, (s) => s.latencyP50Ms !== undefined && s.latencyP99Ms !== undefined);
  if (panels.length === 0) return undefined;
  // Each run's p50 and p99, centred as the claims compare them: the geometric mean over the
  // scenario's valid runs (the summary's median when none is valid).
  const pairs: Pair[] = panels.flatMap((p) =>
    p.summaries.map((s) => ({
      panel: p.label,
      load: p.load,
      strategy: s.strategy,
      p50: runsCentre(results, s.scenarioId, (r) => r.client?.latencyMs.p50, s.latencyP50Ms!.median).centre,
      p99: runsCentre(results, s.scenarioId, (r) => r.client?.latencyMs.p99, s.latencyP99Ms!.median).centre,
      state: s.state,
    })),
  );
  const points = pairs.flatMap((r) => [
    { ...r, percentile: P50, ms: r.p50, label: '' },
    { ...r, percentile: P99, ms: r.p99, label: formatMs(r.p99) },
  ]);
  const values = points.map((r) => r.ms);
  const log = spansOrders(values);
  const min = Math.min(...values.filter((v) => v > 0));
  const max = Math.max(...values);
  // Headroom: the p99 labels sit right of the largest values.
  const scaled = log ? logScale(min, max, 4) : { scale: { type: 'linear', domain: [0, max * 1.25], nice: false }, axis: { format: ',~f', tickCount: 6 } };
  const x = { type: 'quantitative', ...scaled, title: `latency (ms${log ? ', log scale' : ''})` };
  const strategies = strategiesOf(panels.flatMap((p) => p.summaries));
  const y = { field: 'strategy', type: 'nominal', sort: strategies, title: null, axis: { labelFontSize: 11.5, ticks: false, labelPadding: 6 } };
  const anyNotOk = pairs.some((r) => r.state !== 'ok');
  return chartSpec(
    results,
    {
      title: finding(pairs, panels),
      subtitle: [`Geometric mean over runs of each run's p50 (dot) and p99 (diamond), client-side, per strategy, as the claims compare them.${log ? ' Log scale: values span orders of magnitude.' : ''}`],
      caption: 'Median and tail latency of each strategy on each workload, at the load level all strategies ran. The bar joins p50 to p99: a long bar is a long tail.',
      notes: anyNotOk ? [FADE_NOTE] : [],
    },
    {
      vconcat: panels.map((p) => ({
        title: panelTitle(`${p.label} · ${p.load}`),
        width: PLOT_WIDTH,
        height: { step: 24 },
        layer: [
          {
            data: { values: pairs.filter((r) => r.panel === p.label) },
            mark: { type: 'rule', color: '#9a9a9a', strokeWidth: 3 },
            encoding: { y, x: { ...x, field: 'p50' }, x2: { field: 'p99' }, opacity: FADE_NOT_OK },
          },
          {
            data: { values: points.filter((r) => r.panel === p.label) },
            layer: [
              {
                mark: { type: 'point', filled: true, size: 80, strokeWidth: 0 },
                encoding: {
                  y,
                  x: { ...x, field: 'ms' },
                  color: { field: 'percentile', type: 'nominal', scale: { domain: [P50, P99], range: ['#4C78A8', '#B2182B'] }, title: 'latency percentile' },
                  shape: { field: 'percentile', type: 'nominal', scale: { domain: [P50, P99], range: ['circle', 'diamond'] } },
                  opacity: FADE_NOT_OK,
                },
              },
              { mark: { type: 'text', align: 'left', dx: 9, fontSize: 10.5, color: '#222' }, encoding: { y, x: { ...x, field: 'ms' }, text: { field: 'label' } } },
            ],
          },
        ],
      })),
      spacing: 26,
      resolve: { legend: { color: 'shared', shape: 'shared' } },
    },
  );
}
