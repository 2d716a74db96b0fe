/** Chart 6: the cheap route's p99 while heavy requests run on the same server, by strategy (claim C12). */
import type { TopLevelSpec } from 'vega-lite';
import type { ResultsFile, ScenarioSummary } from '../types.js';
import { formatConnections, formatMs, formatRatio } from '../format/index.js';
import { compareStrategies, compareText, strategiesOf } from '../reporters/order.js';
import { loadLabel, runsCentre, tagged, workloadLabel } from './select.js';
import { playedBy } from '../claims/runtimes.js';
import { FADE_NOTE, FADE_NOT_OK, PLOT_WIDTH, chartSpec, logScale, spansOrders, strategyColour } from './style.js';

export function headOfLine(results: ResultsFile): TopLevelSpec | undefined {
  const hol = tagged(results, 'head-of-line')
    .filter((s) => s.probeLatencyP99Ms !== undefined)
    .sort((a, b) => compareStrategies(a.strategy, b.strategy) || compareText(workloadLabel(a), workloadLabel(b)));
  if (hol.length === 0) return undefined;
  const scenario = (s: ScenarioSummary) => results.scenarios.find((sc) => sc.id === s.scenarioId);
  const probePath = scenario(hol[0]!)?.probe?.path ?? '/noop';
  const workloads = [...new Set(hol.map(workloadLabel))];
  const labelOf = (s: ScenarioSummary) => (workloads.length > 1 ? `${s.strategy} · ${workloadLabel(s)}` : s.strategy);
  // One estimator, shared with the claims (C12, C13 compare geometric means of the runs'
  // cheap-route p99): each bar is that geometric mean, its whisker the 95% CI of it.
  const centreOf = new Map(hol.map((s) => [s.scenarioId, runsCentre(results, s.scenarioId, (r) => r.probe?.latencyMs.p99, s.probeLatencyP99Ms!.median)] as const));
  const p99Of = (s: ScenarioSummary) => centreOf.get(s.scenarioId)!.centre;
  const rows = hol.map((s) => {
    const c = centreOf.get(s.scenarioId)!;
    return { label: labelOf(s), strategy: s.strategy, p99: c.centre, ciLow: c.ciLow ?? c.centre, ciHigh: c.ciHigh ?? c.centre, text: formatMs(c.centre), state: s.state };
  });
  // The finding compares like with like: within one heavy workload on one runtime, the
  // strategy that hurt the cheap route most against the one that hurt it least.
  const runtimeOf = (s: ScenarioSummary) => playedBy(s.strategy)?.runtime ?? s.strategy;
  const groups = new Map<string, ScenarioSummary[]>();
  for (const s of hol) {
    const key = `${runtimeOf(s)} ${workloadLabel(s)}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const contrasts = [...groups.values()].map((group) => {
    const same = [...group].sort((a, b) => p99Of(b) - p99Of(a));
    return { label: workloadLabel(same[0]!), worst: same[0]!, best: same[same.length - 1]! };
  });
  const ratioOf = (c: (typeof contrasts)[number]) => p99Of(c.worst) / Math.max(1e-9, p99Of(c.best));
  const top = contrasts.sort((x, y) => ratioOf(y) - ratioOf(x))[0]!;
  const w = p99Of(top.worst);
  const b = p99Of(top.best);
  const title =
    top.worst === top.best
      ? `Cheap ${probePath} p99: ${formatMs(w)} beside ${top.worst.strategy} ${top.label}`
      : `Cheap ${probePath} p99 beside ${top.label}: ${top.worst.strategy} ${formatMs(w)} vs ${top.best.strategy} ${formatMs(b)} (${formatRatio(w / b)})`;
  const values = rows.flatMap((r) => [r.p99, r.ciLow, r.ciHigh]);
  const log = spansOrders(values);
  const max = Math.max(...values);
  const scaled = log ? logScale(Math.min(...values.filter((v) => v > 0)), max, 3.2) : { scale: { type: 'linear', domain: [0, max * 1.25], nice: false }, axis: { format: ',~f' } };
  const x = { type: 'quantitative', ...scaled, title: `p99 latency of ${probePath} (ms${log ? ', log scale' : ''})` };
  const y = { field: 'label', type: 'nominal', sort: rows.map((r) => r.label), title: null, axis: { labelFontSize: 11.5, ticks: false, labelPadding: 6 } };
  const probe = scenario(hol[0]!)?.probe;
  const main = workloads.length === 1 ? `${loadLabel(hol[0]!)} run ${workloads[0]}` : 'the heavy workload runs';
  // Results from before the probe was paced (ratePerS) had closed probe connections.
  const sender =
    probe?.ratePerS !== undefined
      ? `A ${probePath} probe at ${probe.ratePerS} Poisson arrivals/s (timed from each intended send) runs`
      : `${formatConnections(probe?.connections ?? 1)} call${(probe?.connections ?? 1) === 1 ? 's' : ''} ${probePath}`;
  return chartSpec(
    results,
    {
      title,
      subtitle: [
        `${sender} while ${main} on the same server.`,
        `Bars: geometric mean over runs of the ${probePath} p99 (as the claims compare them); whiskers: its 95% CI.${log ? ' Log scale.' : ''}`,
      ],
      caption: `Head-of-line blocking: how long a cheap request (${probePath}) waits at the 99th percentile when other requests do heavy work on the same server. Work that holds the event loop makes every other request wait behind it.`,
      notes: rows.some((r) => r.state !== 'ok') ? [FADE_NOTE] : [],
    },
    {
      data: { values: rows },
      width: PLOT_WIDTH,
      height: { step: 34 },
      layer: [
        {
          mark: { type: 'bar', height: { band: 0.62 } },
          encoding: {
            y,
            x: { ...x, field: 'p99' },
            ...(log ? { x2: { datum: (scaled.scale['domain'] as number[])[0] } } : {}),
            color: { field: 'strategy', type: 'nominal', scale: strategyColour(strategiesOf(hol)), legend: null },
            opacity: FADE_NOT_OK,
          },
        },
        { mark: { type: 'rule', color: '#222', strokeWidth: 1.2 }, encoding: { y, x: { ...x, field: 'ciLow' }, x2: { field: 'ciHigh' } } },
        { mark: { type: 'text', align: 'left', dx: 6, fontSize: 11, fontWeight: 'bold', color: '#222' }, encoding: { y, x: { ...x, field: 'ciHigh' }, text: { field: 'text' } } },
      ],
    },
  );
}
