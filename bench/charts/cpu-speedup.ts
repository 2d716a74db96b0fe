/**
 * Chart 4: on the `cpu` workload, each strategy's speedup over its own runtime's blocking
 * baseline (Node.js strategies ÷ blocking, Python ones ÷ py-blocking), against the cores
 * the machine delivered (the parallelism control) and the core count.
 *
 * The bars are the claims' own figures: each speedup is the comparison C11 prints
 * (ClaimJudging.check: the ratio of geometric means of requests/s over the valid runs,
 * with the run's pooled noise), whiskers its 95% CI, so the title and the claims table
 * cannot disagree. The diamond on each bar is the ratio C6 and C10 judge parallelism on:
 * the strategy's cores busy ÷ blocking's. Where a bar falls short of its diamond, the same
 * requests cost more CPU in those runs (the host's slow spells, or the strategy's overhead).
 */
import type { TopLevelSpec } from 'vega-lite';
import { ClaimJudging } from '../claims/judging.js';
import { JUDGE_DEFAULTS } from '../claims/index.js';
import { roleOf, RUNTIME_LABELS, runtimesIn, type Runtime } from '../claims/runtimes.js';
import { formatCores } from '../run/parallelism-control.js';
import type { ResultsFile, RunState, Scenario } from '../types.js';
import { formatRatio } from '../format/index.js';
import { strategyPanels } from './select.js';
import { FADE_NOTE, FADE_NOT_OK, PLOT_WIDTH, chartSpec, strategyColour } from './style.js';

/** Roles that keep CPU work on one thread (the rest can use several cores). */
const SERIAL_ROLES = new Set(['blocking', 'async']);

interface Bar {
  runtime: Runtime;
  strategy: string;
  /** requests/s ratio of geometric means over the runtime's blocking, and its 95% CI. */
  speedup: number;
  low: number;
  high: number;
  label: string;
  /** Cores busy ÷ the runtime's blocking's (ratio of geometric means), when the runs have it. */
  coresRatio?: number;
  state: RunState;
  serial: boolean;
}

interface RuntimeBars {
  runtime: Runtime;
  blocking: string;
  panelLabel: string;
  load: string;
  bars: Bar[];
}

/** One runtime's cpu panel: each strategy compared with that runtime's blocking, as the claims compare them. */
function runtimeBars(results: ResultsFile, runtime: Runtime): RuntimeBars | undefined {
  const panel = strategyPanels(results, (s) => s.workload === 'cpu' && s.rps !== undefined && (s.runtime ?? 'node') === runtime)[0];
  const blocking = panel?.summaries.find((s) => roleOf(s) === 'blocking');
  if (!panel || !blocking) return undefined;
  const scenarioOf = (id: string): Scenario | undefined => results.scenarios.find((s) => s.id === id);
  const blockingScenario = scenarioOf(blocking.scenarioId);
  if (!blockingScenario) return undefined;
  const j = new ClaimJudging('cpu-speedup', results, {
    ...JUDGE_DEFAULTS,
    usableCores: results.machine.usableCores,
    runtime,
    ...(results.parallelism ? { parallelism: results.parallelism } : {}),
  });
  const bars: Bar[] = [];
  for (const s of panel.summaries) {
    const scenario = scenarioOf(s.scenarioId);
    if (s === blocking || !scenario) continue;
    const c = j.check({ label: s.strategy, figure: 'rps', a: { scenario }, b: { scenario: blockingScenario }, decisive: false });
    if (!c) continue;
    const cores = j.check({ label: s.strategy, figure: 'coresBusy', a: { scenario }, b: { scenario: blockingScenario }, decisive: false });
    bars.push({
      runtime,
      strategy: s.strategy,
      speedup: c.ratio,
      low: c.ratioCiLow,
      high: c.ratioCiHigh,
      label: formatRatio(c.ratio),
      ...(cores ? { coresRatio: cores.ratio } : {}),
      state: s.state,
      serial: SERIAL_ROLES.has(roleOf(s)),
    });
  }
  return bars.length > 0 ? { runtime, blocking: blocking.strategy, panelLabel: panel.label, load: panel.load, bars } : undefined;
}

export function cpuSpeedup(results: ResultsFile): TopLevelSpec | undefined {
  const cpu = results.summaries.filter((s) => s.workload === 'cpu');
  const groups = runtimesIn(cpu.map((s) => ({ strategy: s.strategy })))
    .map((r) => runtimeBars(results, r))
    .filter((g): g is RuntimeBars => g !== undefined);
  if (groups.length === 0) return undefined;
  const rows = groups.flatMap((g) => g.bars);
  const cores = results.machine.usableCores;
  const delivered = results.parallelism?.deliveredCores;
  const deliveredText = delivered !== undefined ? `${formatCores(delivered)} of ${cores} cores delivered` : `${cores} usable cores, no parallelism control`;
  const tops = groups.map((g) => {
    const top = g.bars.filter((b) => !b.serial).sort((a, b) => b.speedup - a.speedup)[0];
    return top ? `${top.strategy} ${top.label} ${g.blocking}` : `no parallel strategy on ${RUNTIME_LABELS[g.runtime]}`;
  });
  const title = `CPU work: ${tops.join(', ')}; ${deliveredText}`;
  const yMax = Math.max(cores, ...rows.map((r) => Math.max(r.high, r.coresRatio ?? 0))) * 1.12;
  const hasCores = rows.some((r) => r.coresRatio !== undefined);
  const y = { type: 'quantitative', scale: { domain: [0, yMax], nice: false }, axis: { format: '~r', tickCount: 6 }, title: "speedup over the runtime's own blocking (×)" };
  const key = (r: Bar) => `${r.runtime}:${r.strategy}`;
  const values = rows.map((r) => ({ ...r, key: key(r) }));
  const x = {
    field: 'key',
    type: 'nominal',
    sort: values.map((r) => r.key),
    title: groups.map((g) => `${RUNTIME_LABELS[g.runtime]} ÷ ${g.blocking}`).join('   |   '),
    axis: { labelAngle: -30, labelAlign: 'right', labelFontSize: 11.5, labelExpr: "split(datum.value, ':')[1]", labelLimit: 140 },
  };
  // Each label sits above its line, except the delivered cores' below it: the two lines are often close.
  const references = [
    { y: cores, label: `cores (${cores})`, colour: '#333', dash: [6, 4], below: false },
    ...(delivered !== undefined ? [{ y: delivered, label: `delivered (${formatCores(delivered)})`, colour: '#0072B2', dash: [3, 3], below: true }] : []),
    { y: 1, label: 'blocking = 1×', colour: '#D55E00', dash: [2, 3], below: false },
  ];
  const referenceLabel = (below: boolean) => ({
    transform: [{ filter: `${below ? '' : '!'}datum.below` }],
    mark: { type: 'text', align: 'left', baseline: below ? 'top' : 'bottom', dx: 6, dy: below ? 2 : -2, fontSize: 11 },
    encoding: { x: { value: PLOT_WIDTH }, y: { ...y, field: 'y' }, text: { field: 'label' }, color: { field: 'colour', type: 'nominal', scale: null } },
  });
  const ciText = groups.map((g) => `${RUNTIME_LABELS[g.runtime]}: ${g.panelLabel} at ${g.load}`).join('; ');
  return chartSpec(
    results,
    {
      title,
      subtitle: [
        `${ciText}.`,
        "Each bar: requests/s ÷ its own runtime's blocking (ratio of geometric means over the valid runs,",
        `as the claims table prints it); whiskers: its 95% CI.${hasCores ? " Diamond: its cores busy ÷ blocking's (what C6 and C10 judge)." : ''}`,
        `Dashed: the core count${delivered !== undefined ? ' and the cores the parallelism control measured as delivered in this run.' : '.'}`,
      ],
      caption:
        "Speedup of each strategy over its own runtime's blocking server on the CPU-bound workload. A strategy that runs the work in parallel can approach the cores the machine delivered, minus what the load generator uses on the same machine; one that keeps the work on one thread (or behind a GIL) cannot.",
      notes: rows.some((r) => r.state !== 'ok') ? [FADE_NOTE] : [],
    },
    {
      width: PLOT_WIDTH,
      height: 260,
      layer: [
        {
          data: { values },
          layer: [
            { mark: { type: 'bar', width: { band: 0.72 } }, encoding: { x, y: { ...y, field: 'speedup' }, color: { field: 'strategy', type: 'nominal', scale: strategyColour(rows.map((r) => r.strategy)), legend: null }, opacity: FADE_NOT_OK } },
            { mark: { type: 'rule', color: '#222', strokeWidth: 1.2 }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' } } },
            // At the foot of each bar, where no whisker crosses it.
            { mark: { type: 'text', baseline: 'bottom', dy: -5, fontSize: 10.5, fontWeight: 'bold', color: 'white' }, encoding: { x, y: { ...y, datum: 0 }, text: { field: 'label' } } },
            ...(hasCores
              ? [
                  {
                    transform: [{ filter: 'isValid(datum.coresRatio)' }],
                    mark: { type: 'point', shape: 'diamond', filled: true, size: 90, color: '#111', stroke: 'white', strokeWidth: 1 },
                    encoding: { x, y: { ...y, field: 'coresRatio' } },
                  },
                ]
              : []),
          ],
        },
        {
          data: { values: references },
          layer: [
            { mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { y: { ...y, field: 'y' }, color: { field: 'colour', type: 'nominal', scale: null }, strokeDash: { field: 'dash', type: 'nominal', scale: null } } },
            // Labelled in the margin, right of the plot, where no bar can hide them.
            referenceLabel(false),
            referenceLabel(true),
          ],
        },
      ],
    },
  );
}
