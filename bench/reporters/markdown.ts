/**
 * summary.md: the machine, the suite, the claims with their verdicts and evidence, the
 * charts, and one table per workload. Written for GitHub's renderer.
 */
import { blogSpecs } from '../charts/blog.js';
import { missingRawData } from '../charts/run-data.js';
import type { ResultsFile, Verdict } from '../types.js';
import { provenanceLines } from './provenance.js';
import { CLAIM_RUNTIME_LABELS, claimEvidence, claimRows, claimRuntimes, machineFacts, workloadSections, type Table } from './tables.js';
import type { Reporter } from './types.js';

const VERDICT_MARKS: Record<Verdict, string> = {
  supported: '✅',
  refuted: '❌',
  inconclusive: '❔',
  'not-applicable': '➖',
  'not-measured': '·',
};

/** Alt text sits inside `![...]`: no brackets or line breaks. */
const altText = (text: string) => text.replace(/[[\]]/g, '').replace(/\s+/g, ' ').trim();

/** Table cells cannot hold pipes or line breaks. */
const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function markdownTable(table: Table): string {
  const head = `| ${table.columns.map((c) => cell(c.header)).join(' | ')} |`;
  const rule = `|${table.columns.map((c) => (c.align === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
  const rows = table.rows.map((row) => `| ${row.map(cell).join(' | ')} |`);
  return [head, rule, ...rows].join('\n');
}

function status(results: ResultsFile): string[] {
  if (results.status === 'complete') return [];
  return [`> **⚠ This run is ${results.status}:** the figures below are what was measured before it stopped.`, ''];
}

export function renderMarkdown(results: ResultsFile): string {
  const out: string[] = [`# loopbench results: suite \`${results.suite}\``, ''];
  out.push(`Run \`${results.runId}\`, ${results.status}; started ${results.startedAt}${results.finishedAt ? `, finished ${results.finishedAt}` : ''}.`, '');
  out.push(...status(results));

  out.push(...provenanceLines(results));
  out.push('## Machine', '', markdownTable({ columns: [{ header: 'Fact', align: 'left' }, { header: 'Value', align: 'left' }], rows: machineFacts(results) }), '');

  out.push('## Claims of the article', '');
  const claims = claimRows(results);
  if (claims.length === 0) {
    out.push('The claims were not evaluated in this run.', '');
  } else {
    const runtimes = claimRuntimes(results);
    const verdictCell = (v: { verdict: Verdict; verdictLabel: string } | undefined) => (v ? `${VERDICT_MARKS[v.verdict] ?? ''} ${v.verdictLabel}`.trim() : '·');
    const rows = claims.map((c) => [c.id, `“${c.quote}”`, ...runtimes.map((r) => verdictCell(c.byRuntime[r])), claimEvidence(c, runtimes)]);
    // One verdict column per runtime judged (Node.js, Python).
    const columns = [
      { header: 'ID', align: 'left' as const },
      { header: 'The article says', align: 'left' as const },
      ...runtimes.map((r) => ({ header: CLAIM_RUNTIME_LABELS[r], align: 'left' as const })),
      { header: 'Evidence', align: 'left' as const },
    ];
    out.push(markdownTable({ columns, rows }), '');
  }

  // One chart per finding (the blog set: bench/charts/blog.ts), each image with alt text
  // that says what it shows, so the section can be pasted into a post as it is.
  const charts = blogSpecs(results);
  const missing = missingRawData(results);
  if (charts.length > 0 || missing.length > 0) {
    out.push('## Charts', '');
    for (const c of charts) {
      const files = `[SVG](blog/${c.file}.svg), [vega-lite spec](blog/${c.file}.vl.json), [caption](blog/${c.file}.caption.md), [1200×675 card](blog/${c.file}.card.png)`;
      out.push(`### ${c.title}`, '', `![${altText(`${c.title}. ${c.caption}`)}](blog/${c.file}.png)`, '', `${c.caption} (${files})`, '');
    }
    if (missing.length > 0) out.push('Not drawn from this results file:', '', ...missing.map((m) => `- ${m}`), '');
  }

  out.push('## Results by workload', '', 'Latency, ideal and resource figures are medians over valid runs; req/s is the mean over valid runs with the 95% confidence interval of that mean (none from a single run); CV is the coefficient of variation of req/s across runs. Rows without valid runs show their state and reasons, not numbers.', '');
  for (const section of workloadSections(results)) {
    out.push(`### ${section.workload}`, '');
    if (section.params) out.push(`Parameters: ${section.params}`, '');
    out.push(markdownTable(section.table), '');
    if (section.notes.length) out.push(...section.notes.map((n) => `- \`${n.scenarioId}\` (${n.state}): ${n.text}`), '');
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

export const markdown: Reporter = (results) => [{ path: 'summary.md', contents: renderMarkdown(results) }];
