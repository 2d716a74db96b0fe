/** The table printed at the end of a run: one row per scenario. */
import type { ScenarioSummary } from './types.js';

function fixed(value: number | undefined, digits = 1): string {
  return value === undefined ? '' : value.toFixed(digits);
}

function rpsCell(s: ScenarioSummary): string {
  if (!s.rps) return '';
  const d = s.rps.median < 100 ? 1 : 0;
  return s.rps.n > 1 ? `${s.rps.median.toFixed(d)} [${s.rps.ciLow.toFixed(d)}-${s.rps.ciHigh.toFixed(d)}]` : s.rps.median.toFixed(d);
}

export function terminalTable(summaries: ScenarioSummary[]): string {
  const header = ['scenario', 'state', 'req/s [95% CI]', 'p50 ms', 'p99 ms', 'ideal', 'eff', 'loop p99 ms', 'srv cpu s', 'gen cpu %'];
  const rows = summaries.map((s) => [
    s.scenarioId,
    s.state,
    rpsCell(s),
    fixed(s.latencyP50Ms?.median),
    fixed(s.latencyP99Ms?.median),
    s.ideal ? s.ideal.idealRps.toFixed(s.ideal.idealRps < 100 ? 1 : 0) : '',
    s.ideal ? s.ideal.efficiency.toFixed(2) : '',
    fixed(s.eventLoopDelayP99Ms),
    fixed(s.serverCpuS, 2),
    fixed(s.loadgenCpuPct, 0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const notes = summaries.flatMap((s) => [...s.notes.map((n) => `  ${s.scenarioId}: ${n}`), ...(s.state !== 'ok' ? s.reasons.map((r) => `  ${s.scenarioId} (${s.state}): ${r}`) : [])]);
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n');
}
