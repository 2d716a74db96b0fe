/** Chart 4: on the `cpu` workload, each strategy's speedup over blocking, against the core count. */
import type { TopLevelSpec } from 'vega-lite';
import type { ResultsFile } from '../types.js';
import { formatPct, formatRatio, formatRps } from '../format/index.js';
import { strategyPanels } from './select.js';
import { FADE_NOTE, FADE_NOT_OK, PLOT_WIDTH, chartSpec, strategyColour } from './style.js';

/** Strategies that can run CPU work on more than one core at once. */
const SERIAL = new Set(['blocking', 'async']);

export function cpuSpeedup(results: ResultsFile): TopLevelSpec | undefined {
  const panel = strategyPanels(results, (s) => s.workload === 'cpu' && s.rps !== undefined)[0];
  const blocking = panel?.summaries.find((s) => s.strategy === 'blocking');
  if (!panel || !blocking || blocking.rps!.median <= 0) return undefined;
  const base = blocking.rps!.median;
  const others = panel.summaries.filter((s) => s !== blocking);
  if (others.length === 0) return undefined;
  const cores = results.machine.usableCores;
  const rows = others.map((s) => ({
    strategy: s.strategy,
    speedup: s.rps!.median / base,
    low: s.rps!.ciLow / base,
    high: s.rps!.ciHigh / base,
    label: formatRatio(s.rps!.median / base),
    state: s.state,
  }));
  const parallel = rows.filter((r) => !SERIAL.has(r.strategy)).sort((a, b) => b.speedup - a.speedup);
  const top = parallel[0];
  const serial = rows.find((r) => r.strategy === 'async');
  const title = top
    ? `${top.strategy} runs cpu work ${formatRatio(top.speedup)} faster than blocking on ${cores} usable cores (${formatPct(top.speedup / cores)} of the ${cores}× ceiling)`
    : `No parallel strategy ran the cpu workload; async reaches ${formatRatio(serial!.speedup)} blocking`;
  const yMax = Math.max(cores, ...rows.map((r) => r.high)) * 1.15;
  const y = { type: 'quantitative', scale: { domain: [0, yMax], nice: false }, axis: { format: '~r', tickCount: 6 }, title: 'speedup over blocking (× its median requests/s)' };
  const x = { field: 'strategy', type: 'nominal', sort: rows.map((r) => r.strategy), title: 'strategy', axis: { labelAngle: 0, labelFontSize: 11.5 } };
  const references = [
    { y: cores, label: `cores (${cores})`, colour: '#333', dash: [6, 4] },
    { y: 1, label: 'blocking = 1×', colour: '#D55E00', dash: [2, 3] },
  ];
  return chartSpec(
    results,
    {
      title,
      subtitle: [
        `${panel.label} at ${panel.load}: each strategy's median requests/s ÷ blocking's (${formatRatio(1)} = ${formatRps(base)}).`,
        `Whiskers: the strategy's 95% CI ÷ blocking's median. Dashed: the ceiling, one CPU-bound request per usable core.${serial ? ` async: ${formatRatio(serial.speedup)}.` : ''}`,
      ],
      caption: 'Speedup of each strategy over blocking on the CPU-bound workload. A strategy that runs work in parallel can approach the number of usable cores, minus what the load generator uses on the same machine; one that keeps the work on the event loop cannot.',
      notes: rows.some((r) => r.state !== 'ok') ? [FADE_NOTE] : [],
    },
    {
      width: PLOT_WIDTH,
      height: 260,
      layer: [
        {
          data: { values: rows },
          layer: [
            { mark: { type: 'bar', width: { band: 0.6 } }, encoding: { x, y: { ...y, field: 'speedup' }, color: { field: 'strategy', type: 'nominal', scale: strategyColour(rows.map((r) => r.strategy)), legend: null }, opacity: FADE_NOT_OK } },
            { mark: { type: 'rule', color: '#222', strokeWidth: 1.2 }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' } } },
            { mark: { type: 'text', baseline: 'top', dy: 6, fontSize: 11.5, fontWeight: 'bold', color: 'white' }, encoding: { x, y: { ...y, field: 'speedup' }, text: { field: 'label' } } },
          ],
        },
        {
          data: { values: references },
          layer: [
            { mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { y: { ...y, field: 'y' }, color: { field: 'colour', type: 'nominal', scale: null }, strokeDash: { field: 'dash', type: 'nominal', scale: null } } },
            // Labelled in the margin, right of the plot, where no bar can hide them.
            { mark: { type: 'text', align: 'left', baseline: 'middle', dx: 6, fontSize: 11 }, encoding: { x: { value: PLOT_WIDTH }, y: { ...y, field: 'y' }, text: { field: 'label' }, color: { field: 'colour', type: 'nominal', scale: null } } },
          ],
        },
      ],
    },
  );
}
