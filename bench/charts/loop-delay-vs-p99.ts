/** Chart 7: event-loop delay p99 against request p99 latency per scenario, log-log; its title states claim C15's figure. */
import type { TopLevelSpec } from 'vega-lite';
import type { ResultsFile } from '../types.js';
import { formatFixed } from '../format/index.js';
import { compareStrategies, compareText, strategiesOf } from '../reporters/order.js';
import { workloadLabel } from './select.js';
import { loopCorrelation, loopPoints, MIN_SCENARIOS, type LoopPoint } from '../claims/c15-monitor-loop.js';
import { RUNTIME_LABELS, runtimesIn } from '../claims/runtimes.js';
import { spearman } from '../stats/index.js';
import { FADE_NOTE, FADE_NOT_OK, PLOT_WIDTH, chartSpec, logScale, strategyColour } from './style.js';

const GROUP_LABELS: Record<LoopPoint['group'], string> = {
  designed: "C15's set: serves requests on its loop",
  pool: 'pool server (threads, processes)',
  other: 'other scenario',
};

/**
 * The title states C15's own figure (Spearman over its designed set, per runtime), so the
 * chart and the claims table say the same; without that set in the run, the correlation
 * over every plotted scenario, labelled as such.
 */
function titleOf(results: ResultsFile, rows: readonly { delay: number; p99: number }[]): string {
  const designed = runtimesIn(results.scenarios).flatMap((runtime) => {
    const r = loopCorrelation(loopPoints(results, runtime).filter((p) => p.group === 'designed'), MIN_SCENARIOS);
    return r ? [{ runtime: RUNTIME_LABELS[runtime], rho: r.rho, n: r.n }] : [];
  });
  if (designed.length > 0) {
    const weakest = Math.min(...designed.map((d) => d.rho));
    const sameN = designed.every((d) => d.n === designed[0]!.n);
    const figures = designed.map((d) => `${formatFixed(d.rho, 2)} ${d.runtime}${sameN ? '' : ` (${d.n})`}`).join(', ');
    return `Event-loop delay ${strengthOf(weakest)} p99 where requests run on the loop (C15: Spearman ρ = ${figures}${sameN ? `, ${designed[0]!.n} scenarios each` : ''})`;
  }
  const rho = rows.length >= 4 ? spearman(rows.map((r) => r.delay), rows.map((r) => r.p99)).rho : Number.NaN;
  const rhoText = Number.isFinite(rho) ? `Spearman ρ = ${formatFixed(rho, 2)}` : 'ρ undefined';
  return `Event-loop delay ${strengthOf(rho)} p99 latency across all ${rows.length} scenarios (${rhoText})`;
}

function strengthOf(rho: number): string {
  return !Number.isFinite(rho) ? 'cannot be compared with' : rho >= 0.7 ? 'predicts' : rho >= 0.4 ? 'partly predicts' : rho >= 0.2 ? 'weakly predicts' : 'does not predict';
}

export function loopDelayVsP99(results: ResultsFile): TopLevelSpec | undefined {
  const usable = results.summaries.filter((s) => (s.eventLoopDelayP99Ms ?? 0) > 0 && (s.latencyP99Ms?.median ?? 0) > 0);
  if (usable.length < 2) return undefined;
  const groups = new Map(runtimesIn(results.scenarios).flatMap((runtime) => loopPoints(results, runtime).map((p) => [p.id, p.group] as const)));
  const rows = [...usable]
    .sort((a, b) => compareStrategies(a.strategy, b.strategy) || compareText(a.scenarioId, b.scenarioId))
    .map((s) => ({
      scenario: s.scenarioId,
      strategy: s.strategy,
      workload: workloadLabel(s),
      group: GROUP_LABELS[groups.get(s.scenarioId) ?? 'other'],
      delay: s.eventLoopDelayP99Ms!,
      p99: s.latencyP99Ms!.median,
      state: s.state,
    }));
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
  const shownGroups = Object.values(GROUP_LABELS).filter((g) => rows.some((r) => r.group === g));
  return chartSpec(
    results,
    {
      title: titleOf(results, rows),
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
            shape: { field: 'group', type: 'nominal', sort: shownGroups, title: 'scenario', scale: { domain: shownGroups, range: shownGroups.map((g) => (g === GROUP_LABELS.designed ? 'circle' : g === GROUP_LABELS.pool ? 'cross' : 'triangle-up')) }, legend: { orient: 'right', direction: 'vertical' } },
            opacity: FADE_NOT_OK,
            tooltip: [{ field: 'scenario' }, { field: 'workload' }, { field: 'group' }, { field: 'delay', title: 'loop delay p99 (ms)' }, { field: 'p99', title: 'p99 (ms)' }],
          },
        },
      ],
    },
  );
}
