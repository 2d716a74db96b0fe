/**
 * The gate's summary as GitHub-flavoured markdown: a loud headline, one row per metric
 * (baseline, current, change with its CI, tolerance, Holm p, state), claims, warnings.
 * Columns are padded, so the same text reads well in a terminal.
 */
import type { MetricVerdict } from '../decide.js';
import { exitCodeOf, type GateReport } from '../report.js';

const HEADLINES = {
  pass: 'PASS: no regression beyond the noise',
  regression: 'REGRESSION',
  inconclusive: 'INCONCLUSIVE: the data cannot rule out a regression',
  error: 'HARNESS ERROR: nothing was compared',
} as const;

function num(x: number | undefined, digits = 3): string {
  return x === undefined || !Number.isFinite(x) ? '' : x.toPrecision(digits);
}

function signedPct(x: number | undefined): string {
  return x === undefined || !Number.isFinite(x) ? '' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
}

function summaryCell(s: MetricVerdict['baseline']): string {
  if (!s) return '-';
  return s.n > 1 ? `${num(s.value)} [${num(s.ciLow)}-${num(s.ciHigh)}] n=${s.n}` : `${num(s.value)} n=1`;
}

function changeCell(m: MetricVerdict): string {
  if (m.change === undefined) return '';
  const ci = m.ratioCiLow !== undefined ? ` [${signedPct(m.ratioCiLow - 1)}, ${signedPct(m.ratioCiHigh! - 1)}]` : '';
  return `${signedPct(m.change)}${ci}`;
}

function stateCell(state: string): string {
  return state === 'regression' || state === 'inconclusive' || state === 'missing' ? `**${state.toUpperCase()}**` : state;
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

export function markdownSummary(report: GateReport): string {
  const { decision } = report;
  const code = exitCodeOf(decision.outcome, report.strict);
  const lines = [`## ${report.title}: ${HEADLINES[decision.outcome]} (exit ${code})`, ''];
  lines.push(`Suite \`${report.suite}\`: ${report.currentLabel} vs ${report.baselineLabel}.`);
  lines.push(
    `A metric regresses when it drops by more than max(${(decision.practicalBand * 100).toFixed(0)}% band, combined 95% CI half-widths) ` +
      `and a one-sided Welch test is significant at ${decision.alpha} after Holm-Bonferroni over ${decision.metrics.filter((m) => m.pHolm !== undefined).length} metrics.`,
  );
  for (const note of report.notes) lines.push(`- ${note}`);
  lines.push('');
  for (const error of decision.errors) lines.push(`> **ERROR**: ${error}`);
  for (const warning of decision.warnings) lines.push(`> **WARNING**: ${warning}`);
  if (decision.outcome === 'inconclusive') {
    lines.push(`> **WARNING**: inconclusive${report.strict ? ' (fails with --strict)' : ' (exit 0; --strict makes it fail)'}: re-run, or add repetitions`);
  }
  const flagged = decision.metrics.filter((m) => m.state === 'regression');
  for (const m of flagged) lines.push(`> **REGRESSION** \`${m.name}\`: ${m.reason}`);
  if (decision.errors.length || decision.warnings.length || flagged.length || decision.outcome === 'inconclusive') lines.push('');

  if (decision.metrics.length > 0) {
    const header = ['metric', `${report.baselineName ?? 'baseline'} [95% CI]`, 'current [95% CI]', 'change [95% CI]', 'tolerance', 'p', 'p (Holm)', 'state'];
    const rows = decision.metrics.map((m) => [
      `\`${m.name}\``,
      summaryCell(m.baseline),
      summaryCell(m.current),
      changeCell(m),
      m.tolerance === undefined ? '' : `-${(m.tolerance * 100).toFixed(1)}%`,
      m.pValue === undefined ? '' : num(m.pValue, 2),
      m.pHolm === undefined ? '' : num(m.pHolm, 2),
      stateCell(m.state),
    ]);
    lines.push(table(header, rows), '');
  }
  if (decision.claims.length > 0) {
    const rows = decision.claims.map((c) => [c.id, c.baseline ?? '-', c.current ?? '-', stateCell(c.state)]);
    lines.push(table(['claim', `${report.baselineName ?? 'baseline'} verdict`, 'current verdict', 'state'], rows), '');
  }
  const notable = decision.metrics.filter((m) => m.state !== 'pass' && m.state !== 'regression');
  for (const m of notable) lines.push(`- \`${m.name}\` ${m.state}: ${m.reason}`);
  return lines.join('\n').trimEnd() + '\n';
}
