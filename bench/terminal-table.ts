/** The table printed at the end of a run: one row per scenario. */
import type { ClaimVerdict, ScenarioSummary } from './types.js';

function fixed(value: number | undefined, digits = 1): string {
  return value === undefined ? '' : value.toFixed(digits);
}

function rpsCell(s: ScenarioSummary): string {
  if (!s.rps) return '';
  const d = s.rps.median < 100 ? 1 : 0;
  // The mean beside the interval of the mean; one run has no interval.
  return s.rps.n > 1 ? `${s.rps.mean.toFixed(d)} [${s.rps.ciLow.toFixed(d)}-${s.rps.ciHigh.toFixed(d)}]` : `${s.rps.mean.toFixed(d)} (1 run)`;
}

export function terminalTable(summaries: ScenarioSummary[]): string {
  const header = ['scenario', 'state', 'req/s mean [95% CI of mean]', 'p50 ms', 'p99 ms', 'ideal', 'eff', 'loop p99 ms', 'srv cpu s', 'gen cpu %'];
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
 * The claims printed after the scenario table: one line per claim (id, one verdict column
 * per runtime judged, the article's words), each runtime's evidence indented below.
 */
export function claimsTable(verdicts: ClaimVerdict[]): string {
  const runtimeOf = (v: ClaimVerdict) => v.runtime ?? 'node';
  const runtimes = (['node', 'python'] as const).filter((r) => verdicts.some((v) => runtimeOf(v) === r));
  const labels = { node: 'node.js', python: 'python' } as const;
  const ids = [...new Set(verdicts.map((v) => v.id))];
  const idWidth = Math.max(5, ...ids.map((id) => id.length));
  const width = Math.max(14, ...verdicts.map((v) => v.verdict.length));
  const lines = [
    `${'claim'.padEnd(idWidth)}  ${runtimes.map((r) => labels[r].padEnd(width)).join('  ')}  the article says / evidence from this run`,
    `${'-'.repeat(idWidth)}  ${runtimes.map(() => '-'.repeat(width)).join('  ')}  ${'-'.repeat(41)}`,
  ];
  const indent = ' '.repeat(idWidth + 2);
  for (const id of ids) {
    const own = verdicts.filter((v) => v.id === id);
    const cell = (r: 'node' | 'python') => (own.find((v) => runtimeOf(v) === r)?.verdict ?? '-').padEnd(width);
    lines.push(`${id.padEnd(idWidth)}  ${runtimes.map(cell).join('  ')}  "${own[0]!.quote}"`);
    for (const v of own) lines.push(`${indent}${runtimes.length > 1 ? `${labels[runtimeOf(v)]}: ` : ''}${v.evidence}`);
  }
  return lines.join('\n');
}
