/**
 * The closed-model comparison of one server: each generator's medians with 95% CIs, each
 * driver's requests/s ratio to wrk's (compareSamples, and paired by repetition), the p50
 * difference, and the targets with how close they came.
 */
import { formatCi, formatPct, formatRatio, formatSigned } from '../../format/index.js';
import { compareSamples, mean, meanConfidenceInterval, summarize, welchTTest, type Comparison } from '../../stats/index.js';
import type { WorkloadParams } from '../../../servers/workloads/types.js';
import type { SampleSummary } from '../../types.js';
import { generatorsFor, NGINX_WORKLOAD, type GeneratorName } from './generators.js';
import { peerParams, type PeerOptions } from './peer-options.js';
import type { PeerRun } from './peer-run.js';

/** The targets. */
export const RPS_BAND = 0.1;
export const P50_BAND_MS = 1;

export interface Targets {
  /** ratio within 1 ± band; `met`/`missed` when the whole CI is inside/outside, else `unclear`. */
  verdict: 'met' | 'missed' | 'unclear';
  pointHolds: boolean;
  text: string;
}

export interface PairedRatio {
  pairs: number;
  ratio: number;
  ciLow: number;
  ciHigh: number;
}

/** Geometric mean of a[i] / b[i] with the 95% t interval of the mean log ratio (n ≥ 2; else a point). */
export function pairedRatio(a: number[], b: number[]): PairedRatio | undefined {
  const logs = a.flatMap((x, i) => (x > 0 && (b[i] ?? 0) > 0 ? [Math.log(x / b[i]!)] : []));
  if (logs.length === 0) return undefined;
  const m = mean(logs);
  const ci = logs.length >= 2 ? meanConfidenceInterval(logs, 0.95) : { low: m, high: m };
  return { pairs: logs.length, ratio: Math.exp(m), ciLow: Math.exp(ci.low), ciHigh: Math.exp(ci.high) };
}

export interface GeneratorSummary {
  generator: GeneratorName;
  n: number;
  rps?: SampleSummary;
  p50Ms?: SampleSummary;
  p99Ms?: SampleSummary;
  clientCpuPct?: SampleSummary;
  clientCpuUsPerRequest?: SampleSummary;
  serverCpuPct?: SampleSummary;
}

export interface WorkloadComparison {
  workload: string;
  params: WorkloadParams;
  connections: number;
  generators: GeneratorSummary[];
  /** loopbench / wrk requests/s (unpaired: compareSamples). */
  rpsRatio?: Comparison;
  /**
   * The same ratio paired by repetition (loopbench run r against the wrk run right after
   * it): geometric mean of the per-pair ratios with a t interval on their logs. Pairing
   * cancels the slow drifts of a shared machine that widen the unpaired interval.
   */
  rpsRatioPaired?: PairedRatio;
  /** median p50 loopbench − median p50 wrk, ms, with the Welch CI of the mean difference. */
  p50DiffMs?: { median: number; ciLow: number; ciHigh: number };
  /** The other generators (loopbench-autocannon, diagnostic variants): requests/s ratio against wrk and against loopbench. */
  diagnostics: { generator: GeneratorName; vsWrk?: Comparison; vsWrkPaired?: PairedRatio; vsLoopbench?: Comparison }[];
  target: Targets | undefined;
}

/** The summary of the finite values (undefined when there are none). */
export function summaryOfFinite(values: readonly (number | undefined)[]): SampleSummary | undefined {
  const finite = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  return finite.length > 0 ? summarize(finite) : undefined;
}

/** Where a figure's interval lies against [low, high]. */
export function bandVerdict(point: number, ciLow: number, ciHigh: number, low: number, high: number): Targets['verdict'] {
  if (ciLow >= low && ciHigh <= high) return 'met';
  if (ciHigh < low || ciLow > high) return 'missed';
  return 'unclear';
}

function ratioTarget(c: Comparison, paired: PairedRatio | undefined): Targets {
  const pointHolds = Math.abs(c.ratio - 1) <= RPS_BAND;
  const verdict = c.nA >= 2 && c.nB >= 2 ? bandVerdict(c.ratio, c.ratioCiLow, c.ratioCiHigh, 1 - RPS_BAND, 1 + RPS_BAND) : 'unclear';
  const ci = c.nA >= 2 && c.nB >= 2 ? ` (${formatCi(c.ratioCiLow, c.ratioCiHigh)})` : ' (no CI: fewer than 2 runs a side)';
  const pairedText =
    paired && paired.pairs >= 2
      ? `; paired by repetition ${formatRatio(paired.ratio)} (${formatCi(paired.ciLow, paired.ciHigh)}, ${bandVerdict(paired.ratio, paired.ciLow, paired.ciHigh, 1 - RPS_BAND, 1 + RPS_BAND)})`
      : '';
  return {
    verdict,
    pointHolds,
    text: `loopbench req/s within ${formatPct(RPS_BAND)} of wrk's: ratio of medians ${formatRatio(c.ratio)}${ci}, point estimate ${pointHolds ? 'inside' : 'outside'} the band${pairedText} → ${verdict.toUpperCase()}`,
  };
}

/** Issue 12: the closed model reaches at least this share of wrk's requests/s on nginx. */
export const NGINX_MIN_RATIO = 0.95;

function nginxTarget(c: Comparison, paired: PairedRatio | undefined): Targets {
  const use = paired ?? { pairs: 0, ratio: c.ratio, ciLow: c.ratioCiLow, ciHigh: c.ratioCiHigh };
  const pointHolds = use.ratio >= NGINX_MIN_RATIO;
  const verdict = use.pairs >= 2 || (c.nA >= 2 && c.nB >= 2) ? (use.ciLow >= NGINX_MIN_RATIO ? 'met' : use.ciHigh < NGINX_MIN_RATIO ? 'missed' : 'unclear') : 'unclear';
  const how = paired ? `paired by repetition, ${paired.pairs} pairs` : 'ratio of medians';
  return {
    verdict,
    pointHolds,
    text: `loopbench closed ≥ ${formatRatio(NGINX_MIN_RATIO)} wrk's req/s on nginx: ${formatRatio(use.ratio)} (${how}, ${formatCi(use.ciLow, use.ciHigh)}), point estimate ${pointHolds ? 'at or above' : 'below'} the target → ${verdict.toUpperCase()}`,
  };
}

function p50Target(diff: { median: number; ciLow: number; ciHigh: number }, n: number): Targets {
  const pointHolds = Math.abs(diff.median) <= P50_BAND_MS;
  const verdict = n >= 2 ? bandVerdict(diff.median, diff.ciLow, diff.ciHigh, -P50_BAND_MS, P50_BAND_MS) : 'unclear';
  const signed = (x: number) => formatSigned(x, 3);
  const ci = n >= 2 ? formatCi(diff.ciLow, diff.ciHigh, 'mean difference', 0.95, signed) : 'no CI: fewer than 2 runs a side';
  return {
    verdict,
    pointHolds,
    text: `loopbench p50 within ${P50_BAND_MS} ms of wrk's: difference of medians ${signed(diff.median)} ms (${ci}), point estimate ${pointHolds ? 'inside' : 'outside'} the band → ${verdict.toUpperCase()}`,
  };
}

/** Statistics over the valid runs of one workload. */
export function compareWorkload(workload: string, runs: PeerRun[], options: PeerOptions): WorkloadComparison {
  const ok = runs.filter((r) => r.workload === workload && r.state === 'ok' && r.client);
  const of = (g: GeneratorName) => ok.filter((r) => r.generator === g);
  const names = generatorsFor(workload, options.diagnose).map((g) => g.name);
  const generators: GeneratorSummary[] = names.map((g) => {
    const rs = of(g);
    const s: GeneratorSummary = { generator: g, n: rs.length };
    const set = <K extends keyof GeneratorSummary>(key: K, value: GeneratorSummary[K] | undefined) => {
      if (value !== undefined) s[key] = value;
    };
    set('rps', summaryOfFinite(rs.map((r) => r.client!.rps)));
    set('p50Ms', summaryOfFinite(rs.map((r) => r.client!.latencyMs.p50)));
    set('p99Ms', summaryOfFinite(rs.map((r) => r.client!.latencyMs.p99)));
    set('clientCpuPct', summaryOfFinite(rs.map((r) => r.clientCpuPct)));
    set('clientCpuUsPerRequest', summaryOfFinite(rs.map((r) => r.clientCpuUsPerRequest)));
    set('serverCpuPct', summaryOfFinite(rs.map((r) => r.serverCpuPct)));
    return s;
  });
  const rpsOf = (g: GeneratorName) => of(g).map((r) => r.client!.rps);
  const p50Of = (g: GeneratorName) => of(g).map((r) => r.client!.latencyMs.p50);
  const result: WorkloadComparison = {
    workload,
    params: peerParams(workload, options),
    connections: options.connections,
    generators,
    diagnostics: [],
    target: undefined,
  };
  /** g's requests/s against wrk's, paired by repetition. */
  const pairedVsWrk = (g: GeneratorName) => {
    const pairs = of(g).flatMap((r) => {
      const partner = of('wrk').find((w) => w.repetition === r.repetition);
      return partner ? [[r.client!.rps, partner.client!.rps] as const] : [];
    });
    return pairedRatio(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
  };
  const lb = rpsOf('loopbench');
  const wrk = rpsOf('wrk');
  if (lb.length > 0 && wrk.length > 0) {
    result.rpsRatio = compareSamples(lb, wrk, { practicalBand: 0.05 });
    const paired = pairedVsWrk('loopbench');
    if (paired) result.rpsRatioPaired = paired;
    const a = p50Of('loopbench');
    const b = p50Of('wrk');
    const diff = summarize(a).median - summarize(b).median;
    const w = a.length >= 2 && b.length >= 2 ? welchTTest(a, b) : undefined;
    result.p50DiffMs = { median: diff, ciLow: w ? w.ciLow : diff, ciHigh: w ? w.ciHigh : diff };
    result.target =
      workload === NGINX_WORKLOAD
        ? nginxTarget(result.rpsRatio, result.rpsRatioPaired)
        : workload === 'noop' ? ratioTarget(result.rpsRatio, result.rpsRatioPaired) : workload === 'sleep' ? p50Target(result.p50DiffMs, Math.min(a.length, b.length)) : undefined;
  }
  for (const name of names.filter((n) => n !== 'loopbench' && n !== 'wrk')) {
    const xs = rpsOf(name);
    if (xs.length === 0) continue;
    const paired = pairedVsWrk(name);
    result.diagnostics.push({
      generator: name,
      ...(wrk.length > 0 ? { vsWrk: compareSamples(xs, wrk) } : {}),
      ...(paired ? { vsWrkPaired: paired } : {}),
      ...(lb.length > 0 ? { vsLoopbench: compareSamples(xs, lb) } : {}),
    });
  }
  return result;
}
