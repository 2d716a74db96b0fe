/** Chart 1: requests/s by strategy, one panel per workload, with 95% CI whiskers. */
import type { TopLevelSpec } from 'vega-lite';
import type { ResultsFile, ScenarioSummary } from '../types.js';
import { formatNumber, formatPct, formatRatio } from '../format/index.js';
import { strategiesOf } from '../reporters/order.js';
import { runsCentre, strategyPanels, type Panel } from './select.js';
import { FADE_NOTE, FADE_NOT_OK, PLOT_WIDTH, chartSpec, panelTitle, strategyColour } from './style.js';

/** Below this ratio two strategies count as level in a title. */
const LEVEL = 1.05;

/** The panel where the best strategy beats blocking (or else the slowest) by the most, as a sentence. */
function finding(panels: Panel[], rpsOf: (s: ScenarioSummary) => number): string {
  let best: { text: string; ratio: number } | undefined;
  for (const p of panels) {
    const ranked = [...p.summaries].sort((a, b) => rpsOf(b) - rpsOf(a));
    const top = ranked[0]!;
    const blocking = p.summaries.find((s) => s.strategy === 'blocking');
    const base = blocking && top !== blocking ? blocking : ranked[ranked.length - 1]!;
    if (base === top || rpsOf(top) <= 0) continue;
    const ratio = rpsOf(base) > 0 ? rpsOf(top) / rpsOf(base) : Infinity;
    const text =
      ratio === Infinity
        ? `${top.strategy} serves ${formatNumber(rpsOf(top))} requests/s on ${p.label} at ${p.load}; ${base.strategy} served none`
        : `${top.strategy} serves ${formatRatio(ratio)} ${base.strategy}'s requests/s on ${p.label} at ${p.load}`;
    if (!best || ratio > best.ratio) best = { ratio, text };
  }
  if (best && best.ratio < LEVEL) return `All strategies serve within ${formatPct(LEVEL - 1)} of each other at ${panels[0]!.load}`;
  return best?.text ?? `Requests/s by strategy at ${panels[0]!.load}`;
}

export function throughputByStrategy(results: ResultsFile): TopLevelSpec | undefined {
  const panels = strategyPanels(results);
  if (panels.length === 0) return undefined;
  // One estimator, shared with the claims: the geometric mean of the runs' req/s and its 95% CI.
  const centres = new Map(panels.flatMap((p) => p.summaries.map((s) => [s.scenarioId, runsCentre(results, s.scenarioId, (r) => r.client?.rps, s.rps!.median)] as const)));
  const rpsOf = (s: ScenarioSummary) => centres.get(s.scenarioId)!.centre;
  const rows = panels.flatMap((p) =>
    p.summaries.map((s) => {
      const c = centres.get(s.scenarioId)!;
      const [ciLow, ciHigh] = [c.ciLow ?? c.centre, c.ciHigh ?? c.centre];
      // Room to the right of the whisker for the value label.
      return { panel: p.label, strategy: s.strategy, rps: c.centre, ciLow, ciHigh, room: Math.max(ciHigh, c.centre) * 1.22, label: formatNumber(c.centre), state: s.state };
    }),
  );
  const strategies = strategiesOf(panels.flatMap((p) => p.summaries));
  const y = { field: 'strategy', type: 'nominal', sort: strategies, title: null, axis: { labelFontSize: 11.5, ticks: false, labelPadding: 6 } };
  const x = { type: 'quantitative', title: 'requests/s (geometric mean over runs)', axis: { format: ',~f', tickCount: 5 } };
  const anyNotOk = rows.some((r) => r.state !== 'ok');
  return chartSpec(
    results,
    {
      title: finding(panels, rpsOf),
      subtitle: ['Bars: geometric mean of requests/s over the runs of each scenario (as the claims compare them); whiskers: its 95% CI.', ...(panels.length > 1 ? ['Each workload has its own scale.'] : [])],
      caption: 'Throughput of each strategy on each workload, at the load level all strategies ran. Bars are the geometric mean over runs; whiskers its 95% confidence interval.',
      notes: anyNotOk ? [FADE_NOTE] : [],
    },
    {
      vconcat: panels.map((p) => {
        const mine = rows.filter((r) => r.panel === p.label);
        return {
          title: panelTitle(`${p.label} · ${p.load}`),
          data: { values: mine },
          width: PLOT_WIDTH,
          height: { step: 24 },
          layer: [
            { mark: { type: 'point', opacity: 0 }, encoding: { y, x: { ...x, field: 'room' } } },
            {
              mark: { type: 'bar', height: { band: 0.72 } },
              encoding: { y, x: { ...x, field: 'rps' }, color: { field: 'strategy', type: 'nominal', scale: strategyColour(strategies), legend: null }, opacity: FADE_NOT_OK },
            },
            { mark: { type: 'rule', color: '#222', strokeWidth: 1.2 }, encoding: { y, x: { ...x, field: 'ciLow' }, x2: { field: 'ciHigh' } } },
            { mark: { type: 'text', align: 'left', dx: 5, fontSize: 10.5, color: '#222' }, encoding: { y, x: { ...x, field: 'ciHigh' }, text: { field: 'label' } } },
          ],
        };
      }),
      spacing: 26,
    },
  );
}
