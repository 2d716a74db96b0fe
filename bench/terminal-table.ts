/** The table printed at the end of a run: one row per scenario. */
import type { ClaimVerdict, ScenarioSummary } from './types.js';

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

/**
 * The claims printed after the scenario table: one line per claim (id, verdict, the
 * article's words), its evidence indented below.
 */
export function claimsTable(verdicts: ClaimVerdict[]): string {
  const idWidth = Math.max(5, ...verdicts.map((v) => v.id.length));
  const verdictWidth = Math.max(7, ...verdicts.map((v) => v.verdict.length));
  const lines = [
    `${'claim'.padEnd(idWidth)}  ${'verdict'.padEnd(verdictWidth)}  the article says / evidence from this run`,
    `${'-'.repeat(idWidth)}  ${'-'.repeat(verdictWidth)}  ${'-'.repeat(41)}`,
  ];
  for (const v of verdicts) {
    lines.push(`${v.id.padEnd(idWidth)}  ${v.verdict.padEnd(verdictWidth)}  "${v.quote}"`);
    lines.push(`${' '.repeat(idWidth + verdictWidth + 4)}${v.evidence}`);
  }
  return lines.join('\n');
}
