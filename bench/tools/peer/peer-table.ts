/** The text printed at the end of `npm run bench:peer`: one table, the targets, the cost breakdown, the notes. */
import { formatFixed, formatPct, formatRange, formatRatio, formatSigned, formatWithInterval, groupThousands, textTable } from '../../format/index.js';
import type { Comparison } from '../../stats/index.js';
import type { SampleSummary } from '../../types.js';
import type { GeneratorName } from './generators.js';
import type { GeneratorSummary, PairedRatio, WorkloadComparison } from './peer-comparison.js';
import type { PeerReport } from './peer-report.js';
import { MAX_OPEN_CPU_RATIO } from './open-ladder.js';

/** A figure with `digits` decimals, or `-` when it was not measured. */
function num(x: number | undefined, digits: number): string {
  return x === undefined || !Number.isFinite(x) ? '-' : formatFixed(x, digits);
}

/** A whole number, grouped, or `-`. */
const int = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '-' : groupThousands(x));

function withCi(s: SampleSummary | undefined): string {
  if (!s) return '-';
  return formatWithInterval(s.median, s.n > 1 ? { low: s.ciLow, high: s.ciHigh } : undefined, groupThousands);
}

/** A ratio to wrk with its interval: `1.02× [0.998–1.05]`; a point without one. */
function ratioWithCi(ratio: number, interval: { low: number; high: number } | undefined): string {
  return interval ? `${formatRatio(ratio)} [${formatRange(interval.low, interval.high)}]` : formatRatio(ratio);
}

function ratioCell(c: Comparison | undefined): string {
  if (!c) return '';
  return ratioWithCi(c.ratio, c.ciMethod === 'none' ? undefined : { low: c.ratioCiLow, high: c.ratioCiHigh });
}

function pairedText(p: PairedRatio): string {
  return ratioWithCi(p.ratio, p.pairs >= 2 ? { low: p.ciLow, high: p.ciHigh } : undefined);
}

function ratioVsWrk(w: WorkloadComparison, g: GeneratorName): Comparison | undefined {
  if (g === 'loopbench') return w.rpsRatio;
  // The other generators (loopbench-autocannon and the diagnostic variants).
  return w.diagnostics.find((d) => d.generator === g)?.vsWrk;
}

function pairedCell(w: WorkloadComparison, g: GeneratorName): string {
  const p = g === 'loopbench' ? w.rpsRatioPaired : w.diagnostics.find((d) => d.generator === g)?.vsWrkPaired;
  return p ? pairedText(p) : '';
}

function generatorRows(w: WorkloadComparison): string[][] {
  const rows: string[][] = [];
  const label = `${w.workload}${w.workload === 'sleep' ? ` ${w.params['sleepMs']}ms` : ''} c${w.connections}`;
  w.generators.forEach((g: GeneratorSummary, i) => {
    rows.push([
      i === 0 ? label : '',
      g.generator,
      String(g.n),
      withCi(g.rps),
      g.generator === 'wrk' ? formatRatio(1) : ratioCell(ratioVsWrk(w, g.generator)),
      g.generator === 'wrk' ? formatRatio(1) : pairedCell(w, g.generator),
      num(g.p50Ms?.median, 2),
      num(g.p99Ms?.median, 2),
      num(g.clientCpuPct?.median, 0),
      num(g.clientCpuUsPerRequest?.median, 1),
      num(g.serverCpuPct?.median, 0),
    ]);
  });
  if (w.p50DiffMs) {
    rows.push(['', 'p50 loopbench-wrk', '', '', '', '', `${formatSigned(w.p50DiffMs.median, 2)} ms`, '', '', '', '']);
  }
  return rows;
}

function costBreakdown(w: WorkloadComparison): string[] {
  const us = (g: GeneratorName) => w.generators.find((s) => s.generator === g)?.clientCpuUsPerRequest?.median;
  const steps: [string, GeneratorName, GeneratorName][] = [
    ['the autocannon driver instead of the lean one, all costs', 'loopbench-autocannon', 'loopbench'],
    ['body validation (JSON.parse + checks in onResponse)', 'loopbench-autocannon', 'loopbench-autocannon-nocheck'],
    ["onResponse plumbing (autocannon rebuilds a header object per answer to call it)", 'loopbench-autocannon-nocheck', 'autocannon-fresh-id'],
    ['setupRequest: request rebuilt per request (clone context, Object.assign, new Buffer)', 'autocannon-fresh-id', 'autocannon-static'],
    ['autocannon itself vs wrk (JS HTTP parser, events, stats), both static', 'autocannon-static', 'wrk-static'],
    ["wrk's Lua request() per request", 'wrk', 'wrk-static'],
  ];
  const lines: string[] = [];
  for (const [what, a, b] of steps) {
    const x = us(a);
    const y = us(b);
    if (x === undefined || y === undefined) continue;
    lines.push(`  ${formatSigned(x - y, 1).padStart(7)} µs/req  ${what}  [${a} ${formatFixed(x, 1)} vs ${b} ${formatFixed(y, 1)}]`);
  }
  return lines;
}

export function peerTable(report: PeerReport): string {
  const o = report.options;
  const header = ['workload', 'generator', 'runs', 'req/s median [95% CI]', '÷ wrk [95% CI]', '÷ wrk paired', 'p50 ms', 'p99 ms', 'gen CPU %', 'gen µs/req', 'srv CPU %'];
  const rows = report.workloads.flatMap(generatorRows);
  const out: string[] = [];
  out.push(
    `loopbench closed drivers (loopbench: lean, the default; loopbench-autocannon) vs ${report.wrk.version} — strategy async on 127.0.0.1, ${o.runs} run(s) per generator, ` +
      `interleaved, a fresh server per run, ${o.durationS} s each after ${o.warmupS} s warm-up, ${o.connections} connections, ` +
      `one generator thread each; ${report.machine.cores} cores (${report.machine.cpuModel}), Node ${report.machine.nodeVersion}`,
  );
  out.push('');
  out.push(issueTable(report));
  out.push('');
  out.push('Targets (issue 12):');
  out.push(...issueTargets(report));
  const pacing = report.open?.pacing ?? [];
  if (pacing.length > 0) {
    out.push('', `Open-model pacing trade-off (${pacing[0]!.workload}; polling budget = share of wall time the scheduler may poll for a due send):`);
    out.push(
      textTable(
        ['rate/s', 'budget', 'achieved/s', 'gen CPU %', 'gen µs/req', 'late sends', 'send lag p50 ms', 'p50 ms', 'p99 ms'],
        pacing.map((r) => [
          int(r.ratePerS),
          formatPct(r.spinBudgetFraction ?? 0, 0),
          num(r.achievedRatePerS, 1),
          num(r.clientCpuPct, 1),
          num(r.clientCpuUsPerRequest, 1),
          int(r.lateSends),
          num(r.sendLagP50Ms, 3),
          num(r.p50Ms, 2),
          num(r.p99Ms, 2),
        ]),
        { leftColumns: 1 },
      ),
    );
  }
  out.push('');
  out.push('Closed model, every generator:');
  out.push(textTable(header, rows, { leftColumns: 2 }));
  const issue4 = report.workloads.filter((w) => w.workload !== 'nginx');
  if (issue4.length > 0) out.push('', 'Targets (issue 4):');
  for (const w of issue4) {
    if (w.target) out.push(`  ${w.workload}: ${w.target.text}`);
    else out.push(`  ${w.workload}: no valid runs on both sides`);
  }
  const noop = report.workloads.find((w) => w.workload === 'noop');
  const breakdown = noop ? costBreakdown(noop) : [];
  if (breakdown.length > 0) {
    out.push('');
    out.push('Generator CPU per request on noop, by removed feature (differences of medians; the feature-by-feature rows need --diagnose):');
    out.push(...breakdown);
  } else if (noop?.target && !noop.target.pointHolds) {
    out.push('');
    out.push('noop misses the requests/s target: run with --diagnose for the costs of the autocannon driver and of wrk, feature by feature.');
  }
  const bad = report.runs.filter((r) => r.state !== 'ok');
  const warned = report.runs.filter((r) => r.warnings.length > 0);
  if (bad.length > 0 || warned.length > 0) {
    out.push('');
    for (const r of bad) out.push(`  excluded: ${r.workload}/${r.generator} run ${r.repetition}: ${r.state}: ${r.reasons.join('; ')}`);
    const byGen = new Map<string, number>();
    for (const r of warned) byGen.set(`${r.workload}/${r.generator}`, (byGen.get(`${r.workload}/${r.generator}`) ?? 0) + 1);
    for (const [k, n] of byGen) out.push(`  note: ${k}: generator above 90% of a core in ${n} run(s) (kept: the generator's cost is what is compared)`);
  }
  const loads = [...report.runs, ...(report.open?.runs ?? [])].map((r) => r.loadAvg1).filter((x): x is number => x !== undefined);
  out.push('');
  out.push('Fairness and caveats:');
  for (const note of report.notes) out.push(`  - ${note}`);
  if (loads.length > 0) out.push(`  - 1-min load average before the runs: ${formatRange(Math.min(...loads), Math.max(...loads), (x) => formatFixed(x, 2))} (${report.machine.cores} cores).`);
  if (report.interrupted) out.push('\nINTERRUPTED: the figures cover only the runs that finished.');
  return out.join('\n');
}

function serverLabel(workload: string, report: PeerReport): string {
  return workload === 'nginx' ? 'nginx' : workload === 'sleep' ? `async sleep ${report.options.sleepMs} ms` : `async ${workload}`;
}

/** The closed driver's median µs per request on a server, for the open model's ratio. */
function closedUsPerRequest(report: PeerReport, workload: string): number | undefined {
  return report.workloads.find((w) => w.workload === workload)?.generators.find((g) => g.generator === 'loopbench')?.clientCpuUsPerRequest?.median;
}

/** The issue's table: what | wrk -t1 | loopbench | note, closed and open rows. */
export function issueTable(report: PeerReport): string {
  const rows: string[][] = [];
  for (const w of report.workloads) {
    const lb = w.generators.find((g) => g.generator === 'loopbench');
    const wrk = w.generators.find((g) => g.generator === 'wrk');
    const runs = report.runs.filter((r) => r.workload === w.workload && r.state === 'ok');
    const ratios = runs
      .filter((r) => r.generator === 'loopbench')
      .flatMap((r) => {
        const partner = runs.find((x) => x.generator === 'wrk' && x.repetition === r.repetition);
        return partner?.client && r.client ? [r.client.rps / partner.client.rps] : [];
      });
    const p = w.rpsRatioPaired;
    const notes = [
      p ? `paired ratio ${pairedText(p)} (runs ${ratios.length > 0 ? formatRange(Math.min(...ratios), Math.max(...ratios)) : '-'})` : 'no pair',
      `gen CPU loopbench ${num(lb?.clientCpuPct?.median, 0)}% (${num(lb?.clientCpuUsPerRequest?.median, 1)} µs/req), wrk ${num(wrk?.clientCpuPct?.median, 0)}% (${num(wrk?.clientCpuUsPerRequest?.median, 1)} µs/req)`,
    ];
    rows.push([`closed model, ${w.connections} connections, ${serverLabel(w.workload, report)}`, `${int(wrk?.rps?.median)} req/s`, `${int(lb?.rps?.median)} req/s`, notes.join('; ')]);
  }
  for (const r of report.open?.rates ?? []) {
    const closedUs = closedUsPerRequest(report, r.workload);
    const note = [
      `generator ${num(r.clientCpuPct, 1)}% of a core (~${num(r.clientCpuUsPerRequest, 1)} µs per request${closedUs ? `, ${formatRatio(r.clientCpuUsPerRequest! / closedUs)} the closed driver's` : ''})`,
      `p50 ${num(r.p50Ms, 2)} ms`,
      `late sends ${int(r.lateSends)}`,
      r.held ? 'held within 1%' : (r.clientCpuPct ?? 0) >= 90 ? 'NOT held: generator ≥ 90% of a core (invalid)' : 'NOT held within 1%',
    ];
    rows.push([`open model ${int(r.ratePerS)}/s, ${serverLabel(r.workload, report)}`, '—', `${num(r.achievedRatePerS, 1)}/s, p99 ${num(r.p99Ms, 2)} ms`, note.join('; ')]);
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(['what', 'wrk -t1', 'loopbench', 'note'][i]!.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(['what', 'wrk -t1', 'loopbench', 'note']), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The issue-12 targets, each with how close it came. */
export function issueTargets(report: PeerReport): string[] {
  const out: string[] = [];
  const nginx = report.workloads.find((w) => w.workload === 'nginx');
  out.push(`  closed ≥ 0.95 of wrk on nginx: ${nginx?.target ? nginx.target.text : 'not measured (no valid nginx runs on both sides)'}`);
  const open = report.open;
  if (!open) return out;
  for (const h of open.highestHeld) {
    const top = open.rates.filter((r) => r.workload === h.workload).at(-1);
    out.push(
      `  open model on ${serverLabel(h.workload, report)}: highest rate held within 1% with the generator under 90% of a core: ${h.ratePerS === null ? 'none of the rates' : `${int(h.ratePerS)}/s`}` +
        (top ? ` (highest tried ${int(top.ratePerS)}/s: achieved ${num(top.achievedRatePerS, 1)}/s, generator ${num(top.clientCpuPct, 1)}%)` : ''),
    );
  }
  for (const q of open.p99VsHalf) {
    out.push(`  p99 at ${int(q.ratePerS)}/s vs ${int(q.ratePerS / 2)}/s on ${serverLabel(q.workload, report)}: ${formatFixed(q.p99Ms, 2)} vs ${formatFixed(q.halfP99Ms, 2)} ms (${formatRatio(q.ratio)})`);
  }
  for (const r of open.rates) {
    const closedUs = closedUsPerRequest(report, r.workload);
    if (!closedUs || r.clientCpuUsPerRequest === undefined) continue;
    const ratio = r.clientCpuUsPerRequest / closedUs;
    out.push(
      `  open CPU per request ≤ ${formatRatio(MAX_OPEN_CPU_RATIO)} closed, ${serverLabel(r.workload, report)} at ${int(r.ratePerS)}/s: ${formatFixed(r.clientCpuUsPerRequest, 1)} vs ${formatFixed(closedUs, 1)} µs = ${formatRatio(ratio)} → ${ratio <= MAX_OPEN_CPU_RATIO ? 'MET' : 'MISSED'}`,
    );
  }
  return out;
}
