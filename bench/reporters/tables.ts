/**
 * The table model that summary.md and index.html share: what the tables say is decided
 * here once; each markup only decides how it looks.
 */
import { labelParams } from '../charts/select.js';
import type { ClaimVerdict, ResultsFile, ScenarioSummary, Verdict } from '../types.js';
import { formatBytes, formatFixed, formatMs, formatNumber, formatParams, formatPct, formatRange, formatWithInterval } from '../format/index.js';
import { compareClaims, compareSummaries, workloadsOf } from './order.js';

export interface Column {
  header: string;
  align: 'left' | 'right';
}

export interface Table {
  columns: Column[];
  rows: string[][];
}

/** A claim's verdict on one runtime. */
export interface RuntimeVerdict {
  verdict: Verdict;
  verdictLabel: string;
  evidence: string;
}

/**
 * One claim: its verdict on each runtime present in the results (`byRuntime`, in
 * `claimRuntimes` order). `verdict`, `verdictLabel` and `evidence` are the first runtime's,
 * for readers that show one.
 */
export interface ClaimRow extends RuntimeVerdict {
  id: string;
  quote: string;
  analog: string;
  byRuntime: Partial<Record<ClaimRuntime, RuntimeVerdict>>;
}

export type ClaimRuntime = 'node' | 'python';
export const CLAIM_RUNTIME_LABELS: Record<ClaimRuntime, string> = { node: 'Node.js', python: 'Python' };
const runtimeOf = (c: ClaimVerdict): ClaimRuntime => c.runtime ?? 'node';

export interface ScenarioNote {
  scenarioId: string;
  state: string;
  /** Reasons and notes, joined with `; `. */
  text: string;
}

export interface WorkloadSection {
  workload: string;
  /** `sleepMs=50`, when every scenario of the workload has the same parameters. */
  params?: string;
  table: Table;
  /** One per scenario that is not ok or carries notes. */
  notes: ScenarioNote[];
}

export const VERDICT_LABELS: Record<Verdict, string> = {
  supported: 'supported',
  refuted: 'refuted',
  inconclusive: 'inconclusive',
  'not-applicable': 'not applicable on Node.js',
  'not-measured': 'not measured',
};

export const NOT_MEASURED = 'not measured in this run';

/** The runtimes the claims were judged on (a verdict without `runtime` is Node.js's: older files). */
export function claimRuntimes(results: ResultsFile): ClaimRuntime[] {
  const seen = new Set((results.claims ?? []).map(runtimeOf));
  return (['node', 'python'] as const).filter((r) => seen.has(r));
}

function runtimeVerdict(c: ClaimVerdict): RuntimeVerdict {
  const runtime = runtimeOf(c);
  return {
    verdict: c.verdict,
    verdictLabel: c.verdict === 'not-applicable' ? `not applicable on ${CLAIM_RUNTIME_LABELS[runtime]}` : (VERDICT_LABELS[c.verdict] ?? c.verdict),
    // A runtime that has no strategy for the claim's roles says so; otherwise the plain phrase.
    evidence: c.verdict === 'not-measured' && !c.evidence.includes(' has no strategy ') ? NOT_MEASURED : c.evidence,
  };
}

/** One row per claim, with a verdict per runtime. */
export function claimRows(results: ResultsFile): ClaimRow[] {
  const rows = new Map<string, ClaimRow>();
  for (const c of [...(results.claims ?? [])].sort(compareClaims)) {
    const v = runtimeVerdict(c);
    const row = rows.get(c.id) ?? { id: c.id, quote: c.quote, analog: c.analog, ...v, byRuntime: {} };
    row.byRuntime[runtimeOf(c)] = v;
    rows.set(c.id, row);
  }
  return [...rows.values()];
}

/** The evidence of a row: one runtime's alone, or each prefixed with its runtime. */
export function claimEvidence(row: ClaimRow, runtimes: ClaimRuntime[]): string {
  if (runtimes.length <= 1) return row.evidence;
  return runtimes.map((r) => `${CLAIM_RUNTIME_LABELS[r]}: ${row.byRuntime[r]?.evidence ?? NOT_MEASURED}`).join(' — ');
}

/** The parallelism control of the run, or why there is none. */
function deliveredCoresFact(results: ResultsFile): string {
  const p = results.parallelism;
  if (!p) return `${NOT_MEASURED} (no parallelism control: the run had no cpu scenario, or predates the control)`;
  return `${formatNumber(p.deliveredCores)} of ${p.processes} (parallelism control: ${p.processes} CPU-bound processes at once vs one alone, median of ${p.samples.length} sample(s) interleaved with the cpu runs, range ${formatRange(p.deliveredCoresMin, p.deliveredCoresMax)})`;
}

/** The harness ceiling, saying whether it was measured in this run or cached (when, under what load). */
function ceilingText(results: ResultsFile): string {
  const c = results.harnessCeiling;
  if (c && 'error' in c) return `${NOT_MEASURED}: ${c.error}`;
  if (results.harnessCeilingRps === undefined) return NOT_MEASURED;
  if (!c) return `${formatNumber(results.harnessCeilingRps)} req/s against a noop server (not recorded whether measured in this run or cached)`;
  const figure = `${formatNumber(c.rps)} req/s against a noop server`;
  if (!c.cached) return `${figure}, measured in this run`;
  const at = c.measuredAt.slice(11, 16);
  const load = 'loadAverage1m' in c && typeof c.loadAverage1m === 'number' ? ` under load ${formatFixed(c.loadAverage1m, 2)}` : ' (load then not recorded)';
  return `${figure}, cached: measured at ${at} UTC${load}, not in this run`;
}

/** Machine facts as label/value pairs, in reading order. */
export function machineFacts(results: ResultsFile): [string, string][] {
  const m = results.machine;
  const facts: [string, string][] = [
    ['CPU', m.cpuModel],
    ['Cores', `${m.cores} (${m.usableCores} usable: the ideals assume ${m.usableCores})`],
    ['Memory', formatBytes(m.memoryBytes)],
    ['Node.js', m.nodeVersion],
    ['OS', m.os],
    ['Git commit', m.gitCommit ?? 'unknown'],
    ['Load-generator ceiling', ceilingText(results)],
    ['Delivered cores', deliveredCoresFact(results)],
  ];
  if (results.calibration) facts.push(['CPU calibration', `${formatNumber(results.calibration.nsPerIteration)} ns per PBKDF2-SHA256 round (cpu workload)`]);
  const py = results.python;
  if (py) {
    const packages = Object.entries(py.packages).map(([name, version]) => `${name} ${version}`).join(', ');
    facts.push(['Python', `${py.implementation} ${py.pythonVersion} (${py.executable}; ${py.http}, ${py.eventLoop}): ${packages}`]);
    facts.push(['Python CPU calibration', `${formatNumber(py.bytecodeNsPerIteration)} ns per pure-Python loop step (cpu workload, cpuKind=bytecode)`]);
  }
  return facts;
}

/** The mean beside the interval of the mean (one estimator per figure); no interval from one run. */
const interval = (s: ScenarioSummary['rps']) => (!s ? '' : formatWithInterval(s.mean, s.n < 2 ? undefined : { low: s.ciLow, high: s.ciHigh }));
const ms = (x: number | undefined) => (x === undefined ? '' : formatMs(x));

/** One table per workload, in the order the suite ran them. */
export function workloadSections(results: ResultsFile): WorkloadSection[] {
  return workloadsOf(results).map((workload) => {
    const summaries = results.summaries.filter((s) => s.workload === workload).sort(compareSummaries);
    const paramTexts = new Set(summaries.map((s) => formatParams(labelParams(s.workload, s.params), ', ')));
    const uniformParams = paramTexts.size === 1 ? [...paramTexts][0] : undefined;
    const hasVariant = summaries.some((s) => s.variant !== undefined);
    const hasProbe = summaries.some((s) => s.probeLatencyP99Ms !== undefined);
    const hasIdeal = summaries.some((s) => s.ideal !== undefined);
    const columns: (Column & { cell: (s: ScenarioSummary) => string })[] = [
      { header: 'Scenario', align: 'left', cell: (s) => s.scenarioId },
      { header: 'Strategy', align: 'left', cell: (s) => s.strategy },
      ...(uniformParams === undefined ? [{ header: 'Parameters', align: 'left' as const, cell: (s: ScenarioSummary) => formatParams(labelParams(s.workload, s.params), ', ') }] : []),
      ...(hasVariant ? [{ header: 'Variant', align: 'left' as const, cell: (s: ScenarioSummary) => s.variant ?? '' }] : []),
      { header: 'Connections', align: 'right', cell: (s) => (s.connections === undefined ? (s.ratePerS === undefined ? '' : `${formatNumber(s.ratePerS)}/s open`) : formatNumber(s.connections)) },
      { header: 'req/s, mean [95% CI of the mean]', align: 'right', cell: (s) => interval(s.rps) },
      { header: 'CV', align: 'right', cell: (s) => (s.rps ? formatPct(s.rps.cv, 1) : '') },
      { header: 'p50', align: 'right', cell: (s) => ms(s.latencyP50Ms?.median) },
      { header: 'p99', align: 'right', cell: (s) => ms(s.latencyP99Ms?.median) },
      ...(hasProbe ? [{ header: 'Cheap route p99', align: 'right' as const, cell: (s: ScenarioSummary) => ms(s.probeLatencyP99Ms?.median) }] : []),
      { header: 'Errors', align: 'right', cell: (s) => formatNumber(s.errors) },
      ...(hasIdeal
        ? [
            { header: 'Ideal req/s', align: 'right' as const, cell: (s: ScenarioSummary) => (s.ideal ? formatNumber(s.ideal.idealRps) : '') },
            { header: 'Efficiency', align: 'right' as const, cell: (s: ScenarioSummary) => (s.ideal ? formatPct(s.ideal.efficiency, 0) : '') },
          ]
        : []),
      { header: 'Loop delay p99', align: 'right', cell: (s) => ms(s.eventLoopDelayP99Ms) },
      { header: 'Cores busy', align: 'right', cell: (s) => (s.serverCoresBusy === undefined ? '' : formatNumber(s.serverCoresBusy)) },
      { header: 'Server RSS', align: 'right', cell: (s) => (s.serverRssPeakBytes === undefined ? '' : formatBytes(s.serverRssPeakBytes)) },
      { header: 'State', align: 'left', cell: (s) => (s.state === 'ok' ? 'ok' : `⚠ ${s.state} (${s.okRuns}/${s.runs} ok)`) },
    ];
    const notes = summaries.flatMap((s) => {
      const why = [...s.reasons, ...s.notes];
      return s.state === 'ok' && why.length === 0 ? [] : [{ scenarioId: s.scenarioId, state: s.state, text: why.join('; ') || 'no reason recorded' }];
    });
    return {
      workload,
      ...(uniformParams ? { params: uniformParams } : {}),
      table: { columns: columns.map(({ header, align }) => ({ header, align })), rows: summaries.map((s) => columns.map((c) => c.cell(s))) },
      notes,
    };
  });
}
