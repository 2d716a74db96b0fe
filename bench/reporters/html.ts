/**
 * index.html: one self-contained page (inline CSS and SVG, no scripts, no network) with the
 * machine, the claims and their verdicts, every chart with a caption, and the tables.
 */
import { renderCharts, type RenderedChart } from '../charts/index.js';
import { missingRawData } from '../charts/run-data.js';
import type { ResultsFile } from '../types.js';
import { CROSS_MACHINE_HEADING, CROSS_MACHINE_TEXT, provenanceOf } from './provenance.js';
import { CLAIM_RUNTIME_LABELS, claimEvidence, claimRows, claimRuntimes, machineFacts, workloadSections, type Table } from './tables.js';
import type { Reporter } from './types.js';

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function htmlTable(table: Table, className = ''): string {
  const align = (i: number) => (table.columns[i]?.align === 'right' ? ' class="num"' : '');
  const head = table.columns.map((c, i) => `<th${align(i)}>${esc(c.header)}</th>`).join('');
  const rows = table.rows.map((row) => `<tr>${row.map((v, i) => `<td${align(i)}>${esc(v)}</td>`).join('')}</tr>`).join('\n');
  return `<div class="scroll"><table${className ? ` class="${className}"` : ''}>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table></div>`;
}

/**
 * Vega numbers clip-path and gradient ids from 1 in every SVG; inlined side by side they
 * would collide, so each chart's ids get the chart's name as prefix.
 */
export function namespaceSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/((?:xlink:)?href)="#([^"]+)"/g, `$1="#${prefix}-$2"`);
}

function figure(chart: RenderedChart): string {
  const svg = namespaceSvgIds(chart.svg, chart.file).replace(/^<svg /, `<svg role="img" aria-label="${esc(chart.title)}" `);
  const links = [`<a href="charts/${chart.file}.png">PNG</a>`, `<a href="charts/${chart.file}.svg">SVG</a>`, `<a href="charts/${chart.file}.vl.json">vega-lite spec</a>`].join(' · ');
  return `<figure class="chart" id="chart-${chart.file}">\n${svg}\n<figcaption>${esc(chart.caption)} <span class="files">${links}</span></figcaption>\n</figure>`;
}

const CSS = `
:root { color-scheme: light; }
body { margin: 0; background: #f6f7f9; color: #1b1f24; font: 15px/1.5 "DejaVu Sans", system-ui, -apple-system, "Segoe UI", sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 28px 24px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 1px solid #d8dde3; }
h3 { font-size: 16px; margin: 24px 0 8px; }
.meta { color: #555; margin: 0; }
.warning { background: #fff4e5; border: 1px solid #f0b35b; padding: 8px 12px; border-radius: 6px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 0; }
dl.facts dt { color: #555; }
dl.facts dd { margin: 0; }
.scroll { overflow-x: auto; background: white; border: 1px solid #d8dde3; border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { padding: 6px 10px; border-bottom: 1px solid #eceff2; text-align: left; vertical-align: top; }
th { background: #f0f2f5; font-weight: 600; white-space: nowrap; }
table.figures td { white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.claims td:nth-child(2) { font-style: italic; min-width: 14em; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.badge.supported { background: #dcf3e3; color: #11632f; }
.badge.refuted { background: #fde2e1; color: #a1161b; }
.badge.inconclusive { background: #fff1cc; color: #7a5300; }
.badge.not-applicable { background: #e6e9ef; color: #3d4654; }
.badge.not-measured { background: #f0f0f0; color: #6b6b6b; }
figure.chart { background: white; border: 1px solid #d8dde3; border-radius: 6px; margin: 0 0 24px; padding: 12px; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figcaption { color: #444; font-size: 13.5px; margin-top: 6px; }
figcaption .files { white-space: nowrap; margin-left: 6px; }
ul.notes { font-size: 13px; color: #444; }
a { color: #0b5cad; }
footer { margin-top: 40px; color: #777; font-size: 12.5px; }
`;

export async function renderHtml(results: ResultsFile): Promise<string> {
  const charts = await renderCharts(results);
  const claims = claimRows(results);
  const parts: string[] = [];
  parts.push(`<header><h1>loopbench results: suite “${esc(results.suite)}”</h1>`);
  parts.push(`<p class="meta">Run <code>${esc(results.runId)}</code>, ${esc(results.status)}; started ${esc(results.startedAt)}${results.finishedAt ? `, finished ${esc(results.finishedAt)}` : ''}.</p>`);
  if (results.status !== 'complete') parts.push(`<p class="warning">This run is ${esc(results.status)}: the figures are what was measured before it stopped.</p>`);
  parts.push('</header>');

  const produced = provenanceOf(results);
  if (produced) {
    const list = (lines: string[]) => (lines.length > 0 ? `<ul class="notes">${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : '');
    parts.push(`<section id="provenance"><h2>How these results were produced</h2><p>${esc(produced.intro)}</p>${list(produced.inputs)}`);
    if (produced.missing) parts.push(`<p class="warning">${esc(produced.missing)}</p>`);
    parts.push(list(produced.notes));
    if (produced.crossMachine.length > 0) parts.push(`<h3>${esc(CROSS_MACHINE_HEADING)}</h3><p class="warning">${esc(CROSS_MACHINE_TEXT)}</p>${list(produced.crossMachine)}`);
    parts.push('</section>');
  }
  parts.push('<section id="machine"><h2>Machine</h2><dl class="facts">');
  for (const [label, value] of machineFacts(results)) parts.push(`<dt>${esc(label)}</dt><dd>${esc(value)}</dd>`);
  parts.push('</dl></section>');

  parts.push('<section id="claims"><h2>Claims of the article</h2>');
  if (claims.length === 0) parts.push('<p>The claims were not evaluated in this run.</p>');
  else {
    const runtimes = claimRuntimes(results);
    const badge = (v: { verdict: string; verdictLabel: string } | undefined) => (v ? `<span class="badge ${esc(v.verdict)}">${esc(v.verdictLabel)}</span>` : '');
    const rows = claims
      .map((c) => `<tr><td>${esc(c.id)}</td><td>“${esc(c.quote)}”</td>${runtimes.map((r) => `<td>${badge(c.byRuntime[r])}</td>`).join('')}<td>${esc(claimEvidence(c, runtimes))}</td></tr>`)
      .join('\n');
    const heads = runtimes.map((r) => `<th>${esc(CLAIM_RUNTIME_LABELS[r])}</th>`).join('');
    parts.push(`<div class="scroll"><table class="claims">\n<thead><tr><th>ID</th><th>The article says</th>${heads}<th>Evidence</th></tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table></div>`);
  }
  parts.push('</section>');

  const missing = missingRawData(results);
  if (charts.length > 0 || missing.length > 0) {
    parts.push('<section id="charts"><h2>Charts</h2>');
    parts.push(...charts.map(figure));
    if (missing.length > 0) parts.push(`<p class="warning">Not drawn from this results file:</p><ul>${missing.map((m) => `<li>${esc(m)}</li>`).join('')}</ul>`);
    parts.push('</section>');
  }

  parts.push('<section id="workloads"><h2>Results by workload</h2>');
  parts.push('<p>Latency, ideal and resource figures are medians over valid runs; req/s is the mean over valid runs with the 95% confidence interval of that mean (none from a single run); CV is the coefficient of variation of req/s across runs. Rows without valid runs show their state and reasons, not numbers.</p>');
  for (const section of workloadSections(results)) {
    parts.push(`<h3>${esc(section.workload)}</h3>`);
    if (section.params) parts.push(`<p>Parameters: <code>${esc(section.params)}</code></p>`);
    parts.push(htmlTable(section.table, 'figures'));
    if (section.notes.length) {
      parts.push(`<ul class="notes">${section.notes.map((n) => `<li><code>${esc(n.scenarioId)}</code> (${esc(n.state)}): ${esc(n.text)}</li>`).join('')}</ul>`);
    }
  }
  parts.push('</section>');
  parts.push(`<footer>Generated by loopbench from <a href="results.json">results.json</a> (also as <a href="results.csv">CSV</a> and <a href="summary.md">Markdown</a>).</footer>`);

  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<link rel="icon" href="data:,">',
    `<title>loopbench: ${esc(results.suite)} (${esc(results.runId)})</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...parts,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export const html: Reporter = async (results) => [{ path: 'index.html', contents: await renderHtml(results) }];
