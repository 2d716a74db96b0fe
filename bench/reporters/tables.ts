/**
 * The table model that summary.md and index.html share: what the tables say is decided
 * here once; each markup only decides how it looks.
 */
import { labelParams } from '../charts/select.js';
import type { ClaimVerdict, ResultsFile, ScenarioSummary, Verdict } from '../types.js';
import { formatBytes, formatMs, formatNumber, formatParams, formatPct } from './format.js';
import { compareClaims, compareSummaries, workloadsOf } from './order.js';

export interface Column {
  header: string;
  align: 'left' | 'right';
}

export interface Table {
  columns: Column[];
  rows: string[][];
}

export interface ClaimRow {
  id: string;
  quote: string;
  analog: string;
  verdict: Verdict;
  verdictLabel: string;
  evidence: string;
}

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

export function claimRows(results: ResultsFile): ClaimRow[] {
  return [...(results.claims ?? [])].sort(compareClaims).map((c: ClaimVerdict) => ({
    id: c.id,
    quote: c.quote,
    analog: c.analog,
    verdict: c.verdict,
    verdictLabel: VERDICT_LABELS[c.verdict] ?? c.verdict,
    evidence: c.verdict === 'not-measured' ? NOT_MEASURED : c.evidence,
  }));
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
    ['Load-generator ceiling', results.harnessCeilingRps === undefined ? NOT_MEASURED : `${formatNumber(results.harnessCeilingRps)} req/s against a noop server`],
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

const interval = (s: ScenarioSummary['rps']) => (s ? `${formatNumber(s.median)} (${formatNumber(s.ciLow)}–${formatNumber(s.ciHigh)})` : '');
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
      { header: 'req/s (95% CI)', align: 'right', cell: (s) => interval(s.rps) },
      { header: 'CV', align: 'right', cell: (s) => (s.rps ? formatPct(s.rps.cv, 1) : '') },
      { header: 'p50', align: 'right', cell: (s) => ms(s.latencyP50Ms?.median) },
      { header: 'p99', align: 'right', cell: (s) => ms(s.latencyP99Ms?.median) },
      ...(hasProbe ? [{ header: 'Cheap route p99', align: 'right' as const, cell: (s: ScenarioSummary) => ms(s.probeLatencyP99Ms?.median) }] : []),
      { header: 'Errors', align: 'right', cell: (s) => formatNumber(s.errors) },
      ...(hasIdeal
        ? [
            { header: 'Ideal req/s', align: 'right' as const, cell: (s: ScenarioSummary) => (s.ideal ? formatNumber(s.ideal.idealRps) : '') },
            { header: 'Efficiency', align: 'right' as const, cell: (s: ScenarioSummary) => (s.ideal ? formatPct(s.ideal.efficiency) : '') },
          ]
        : []),
      { header: 'Loop delay p99', align: 'right', cell: (s) => ms(s.eventLoopDelayP99Ms) },
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
