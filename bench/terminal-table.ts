/** The table printed at the end of a run: one row per scenario. */
import { formatMs, formatNumber, formatPct, formatWithInterval, textTable } from './format/index.js';
import type { ClaimVerdict, ScenarioSummary } from './types.js';

const ms = (x: number | undefined) => (x === undefined ? '' : formatMs(x));

/** The mean beside the interval of the mean, as in summary.md; one run has no interval. */
function rpsCell(s: ScenarioSummary): string {
  if (!s.rps) return '';
  return formatWithInterval(s.rps.mean, s.rps.n > 1 ? { low: s.rps.ciLow, high: s.rps.ciHigh } : undefined);
}

export function terminalTable(summaries: ScenarioSummary[]): string {
  const header = ['scenario', 'state', 'req/s mean [95% CI of mean]', 'p50', 'p99', 'ideal req/s', 'eff', 'loop p99', 'cores busy', 'gen cpu'];
  const rows = summaries.map((s) => [
    s.scenarioId,
    s.state,
    rpsCell(s),
    ms(s.latencyP50Ms?.median),
    ms(s.latencyP99Ms?.median),
    s.ideal ? formatNumber(s.ideal.idealRps) : '',
    s.ideal ? formatPct(s.ideal.efficiency, 0) : '',
    ms(s.eventLoopDelayP99Ms),
    s.serverCoresBusy === undefined ? '' : formatNumber(s.serverCoresBusy),
    s.loadgenCpuPct === undefined ? '' : formatPct(s.loadgenCpuPct / 100, 0),
  ]);
  const notes = summaries.flatMap((s) => [...s.notes.map((n) => `  ${s.scenarioId}: ${n}`), ...(s.state !== 'ok' ? s.reasons.map((r) => `  ${s.scenarioId} (${s.state}): ${r}`) : [])]);
  return [textTable(header, rows, { leftColumns: 2 }), ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n');
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
