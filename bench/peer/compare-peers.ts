/**
 * loopbench's closed drivers (`loopbench`: lean, the default; `loopbench-autocannon`) side
 * by side with wrk on the same servers (issue 4, "Side by side with a peer"): for each
 * repetition, each workload, each generator — a fresh async server on 127.0.0.1, one
 * validated answer, a warm-up by that generator, the measured load; generators alternate
 * (A B C A B C ...). Then per workload: medians with 95% CIs, each driver's ratio of
 * requests/s to wrk's (compareSamples, and paired by repetition), p50/p99, each
 * generator's CPU, and the targets (for the default driver).
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { ServerConfig } from '../../servers/protocol.js';
import type { WorkloadParams } from '../../servers/workloads/types.js';
import { machineFacts } from '../machine.js';
import { sampleTree } from '../run/proc-tree.js';
import { startServer } from '../run/start-server.js';
import { validateOnce } from '../run/validate-response.js';
import { invalidReasons, MAX_LOADGEN_CPU_PCT } from '../run/validity.js';
import { compareSamples, mean, meanConfidenceInterval, summarize, welchTTest, type Comparison } from '../stats/index.js';
import type { ClientFigures, MachineFacts, SampleSummary } from '../types.js';
import { generatorsFor, NGINX_WORKLOAD, type GeneratorName } from './generators.js';
import { nginxBodyCheck, startNginx } from './nginx.js';
import type { OpenLadderReport } from './open-ladder.js';
import { WRK_BIN } from './wrk-driver.js';

export interface PeerOptions {
  runs: number;
  /** Whole seconds (wrk's -d resolution). */
  durationS: number;
  warmupS: number;
  connections: number;
  sleepMs: number;
  /** Adds the diagnostic variants on noop. */
  diagnose: boolean;
  /** Servers measured: `nginx` (bench/peer/nginx.ts) and the async loopbench server's workloads. */
  workloads: string[];
  /** Open model: the rising arrival rates, requests/s (empty: no open-model runs). */
  openRates: number[];
  /** Open model: runs per server and rate. */
  openRuns: number;
  /** Open model: the servers it runs on. */
  openWorkloads: string[];
  /** Also measure the pacing trade-off (polling budgets) at the lowest and highest rate. */
  pacing: boolean;
}

export const defaultPeerOptions: PeerOptions = {
  runs: 5,
  durationS: 5,
  warmupS: 1,
  connections: 50,
  sleepMs: 20,
  diagnose: false,
  workloads: ['nginx', 'noop', 'sleep'],
  openRates: [5_000, 10_000, 20_000],
  openRuns: 1,
  openWorkloads: ['nginx', 'noop'],
  pacing: false,
};

/** The targets. */
export const RPS_BAND = 0.1;
export const P50_BAND_MS = 1;

export interface PeerRun {
  repetition: number;
  workload: string;
  generator: GeneratorName;
  startedAt: string;
  state: 'ok' | 'invalid' | 'errored';
  reasons: string[];
  /** Notes that do not exclude the run (a saturated generator is what is being compared). */
  warnings: string[];
  client?: ClientFigures;
  p75Ms?: number;
  clientCpuS?: number;
  /** Generator CPU as a share of one core over its wall time. */
  clientCpuPct?: number;
  /** Generator CPU per answered request, µs. */
  clientCpuUsPerRequest?: number;
  cpuSource?: string;
  bodiesChecked?: boolean;
  /** Server process CPU over the generator's wall time, % of one core. */
  serverCpuPct?: number;
  wallS?: number;
  /** /proc/loadavg 1-min before the run: other load on the machine. */
  loadAvg1?: number;
}

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

export interface PeerReport {
  schema: 'loopbench-peer/1';
  createdAt: string;
  machine: MachineFacts;
  wrk: { path: string; version: string };
  options: PeerOptions & { strategy: 'async'; host: '127.0.0.1'; wrkThreads: 1 };
  notes: string[];
  interrupted: boolean;
  runs: PeerRun[];
  workloads: WorkloadComparison[];
  /** The open model at rising rates (bench/peer/open-ladder.ts). */
  open?: OpenLadderReport;
}

export function wrkVersion(): string {
  try {
    // wrk -v prints its version and usage, exit code 1.
    execFileSync(WRK_BIN, ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return 'unknown';
  } catch (error) {
    const out = String((error as { stdout?: string }).stdout ?? '');
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`wrk not found at ${WRK_BIN} (apt-get install -y wrk, or set LOOPBENCH_WRK)`);
    // "wrk debian/4.1.0-3+b2 [epoll] Copyright (C) 2012 Will Glozer" → "wrk debian/4.1.0-3+b2 [epoll]"
    return out.split('\n')[0]?.replace(/\s*Copyright.*$/, '').trim() || 'unknown';
  }
}

function loadAvg1(): number | undefined {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return undefined;
  }
}

export const FAIRNESS_NOTES = [
  'Every generator runs on one thread: wrk -t1, and loopbench\'s drivers (lean on node:net, the default; or autocannon) in loopbench\'s own process (no workers).',
  'Both keep C connections open (keep-alive), send the next request when the last answered, and give every request a fresh ?id=N (wrk through a Lua request(), which takes it off its prebuilt-request fast path).',
  'loopbench checks every body (lean: compared with the exact expected body, the full JSON check only on a mismatch; autocannon: JSON, workload, id, value); wrk does not read bodies (each run\'s server is validated with one request first).',
  'Both time a request from its write to the end of its answer; wrk in exact µs, loopbench in a µs HDR histogram (3 significant digits).',
  'This machine has 2 cores shared by the generator and the server: a generator that spends more CPU per request leaves less for the server, so on noop requests/s measures generator + server together.',
  'Generator CPU: wrk\'s from its own /proc/self/stat (utime+stime, read in its Lua done() hook after its threads joined); loopbench\'s from process.cpuUsage() around the load call.',
  'Other processes on the machine add noise; each run records the 1-min load average before it.',
  'nginx (Debian nginx-light) runs as one process (master_process off, one worker), access log off, an in-memory `return 200` of a fixed body, keep-alive without a request limit; loopbench checks that body exactly, wrk reads none.',
  'Open model: loopbench\'s open-model driver (lean, one thread), uniform arrivals, at most 256 connections, a warm-up at the same rate first; latency from the intended send time (p50/p99 corrected). A rate is held when the right answers per second reach 99% of it with no failed request and the generator under 90% of a core. Generator CPU per request includes the kernel\'s work on its sends and reads, which costs more per request when the server idles between requests (a wake-up each) than under a saturating closed load.',
];

interface RunContext {
  options: PeerOptions;
  signal?: AbortSignal;
  onRun?: (run: PeerRun, index: number, total: number) => void;
}

function paramsFor(workload: string, options: PeerOptions): WorkloadParams {
  return workload === 'sleep' ? { sleepMs: options.sleepMs } : {};
}

export const WORKLOADS = [NGINX_WORKLOAD, 'noop', 'sleep'] as const;

/** A server under a peer run: nginx, or a fresh async loopbench server. */
export interface PeerServer {
  url: string;
  pid: number;
  failure(): string | undefined;
  stop(): Promise<{ leftoverPids: number[] }>;
}

export async function startPeerServer(workload: string, params: WorkloadParams): Promise<PeerServer> {
  if (workload === NGINX_WORKLOAD) {
    const nginx = await startNginx();
    return { url: nginx.url, pid: nginx.pid, failure: () => undefined, stop: async () => (await nginx.stop(), { leftoverPids: [] }) };
  }
  const config: ServerConfig = { strategy: 'async', workload, params, poolSize: 1, host: '127.0.0.1' };
  const server = await startServer(config);
  try {
    await validateOnce(server.url, workload, params);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** One request, checked, before any load on nginx (its one fixed body). */
async function validateNginx(url: string): Promise<void> {
  const response = await fetch(`${url}/work?id=1`, { signal: AbortSignal.timeout(10_000) });
  const problem = nginxBodyCheck(response.status, await response.text(), 1);
  if (problem) throw new Error(`nginx validation request: ${problem}`);
}

/** The interleaved plan: repetition → workload → generator (A B A B per workload). */
export function planPeerRuns(options: PeerOptions): { repetition: number; workload: string; generator: GeneratorName }[] {
  const plan: { repetition: number; workload: string; generator: GeneratorName }[] = [];
  for (let repetition = 1; repetition <= options.runs; repetition++) {
    for (const workload of options.workloads) {
      for (const g of generatorsFor(workload, options.diagnose)) plan.push({ repetition, workload, generator: g.name });
    }
  }
  return plan;
}

async function runOne(repetition: number, workload: string, generatorName: GeneratorName, ctx: RunContext): Promise<PeerRun> {
  const { options, signal } = ctx;
  const generator = generatorsFor(workload, true).find((g) => g.name === generatorName)!;
  const params = paramsFor(workload, options);
  const run: PeerRun = { repetition, workload, generator: generatorName, startedAt: new Date().toISOString(), state: 'ok', reasons: [], warnings: [] };
  const la = loadAvg1();
  if (la !== undefined) run.loadAvg1 = la;
  let server: PeerServer;
  try {
    server = await startPeerServer(workload, params);
  } catch (error) {
    return { ...run, state: 'errored', reasons: [(error as Error).message] };
  }
  try {
    if (workload === NGINX_WORKLOAD) await validateNginx(server.url);
    const target = { url: server.url, workload, params, connections: options.connections, ...(signal ? { signal } : {}) };
    if (options.warmupS > 0) await generator.run({ ...target, durationS: options.warmupS });
    if (signal?.aborted) throw new Error('interrupted');
    const serverStart = sampleTree(server.pid).cpuS;
    const measured = await generator.run({ ...target, durationS: options.durationS });
    const serverCpuS = sampleTree(server.pid).cpuS - serverStart;
    if (signal?.aborted) throw new Error('interrupted');
    const { client } = measured;
    run.client = client;
    if (measured.p75Ms !== undefined) run.p75Ms = measured.p75Ms;
    run.wallS = measured.wallS;
    run.cpuSource = measured.cpuSource;
    run.bodiesChecked = measured.bodiesChecked;
    run.serverCpuPct = (serverCpuS / measured.wallS) * 100;
    if (measured.cpuS !== undefined) {
      run.clientCpuS = measured.cpuS;
      run.clientCpuPct = (measured.cpuS / measured.wallS) * 100;
      if (client.requests > 0) run.clientCpuUsPerRequest = (measured.cpuS * 1e6) / client.requests;
    }
    // Failed requests invalidate a run; a saturated generator does not (it is what is compared).
    const reasons = invalidReasons(client, 0, generatorName);
    if (reasons.length > 0) {
      run.state = 'invalid';
      run.reasons.push(...reasons);
    }
    if ((run.clientCpuPct ?? 0) > MAX_LOADGEN_CPU_PCT) {
      run.warnings.push(`generator saturated: ${run.clientCpuPct!.toFixed(0)}% of a core`);
    }
    const failure = server.failure();
    if (failure) {
      run.state = 'errored';
      run.reasons.push(failure);
    }
  } catch (error) {
    run.state = 'errored';
    run.reasons.push(server.failure() ?? (error as Error).message);
  } finally {
    const stop = await server.stop();
    if (stop.leftoverPids.length > 0) {
      run.state = 'errored';
      run.reasons.push(`processes left after stop: ${stop.leftoverPids.join(', ')}`);
    }
  }
  return run;
}

function summaryOf(values: (number | undefined)[]): SampleSummary | undefined {
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
  const ci = c.nA >= 2 && c.nB >= 2 ? ` (95% CI ${c.ratioCiLow.toFixed(3)}-${c.ratioCiHigh.toFixed(3)})` : ' (no CI: fewer than 2 runs a side)';
  const pairedText =
    paired && paired.pairs >= 2
      ? `; paired by repetition ${paired.ratio.toFixed(3)} (95% CI ${paired.ciLow.toFixed(3)}-${paired.ciHigh.toFixed(3)}, ${bandVerdict(paired.ratio, paired.ciLow, paired.ciHigh, 1 - RPS_BAND, 1 + RPS_BAND)})`
      : '';
  return {
    verdict,
    pointHolds,
    text: `loopbench req/s within ${RPS_BAND * 100}% of wrk's: ratio of medians ${c.ratio.toFixed(3)}${ci}, point estimate ${pointHolds ? 'inside' : 'outside'} the band${pairedText} → ${verdict.toUpperCase()}`,
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
    text: `loopbench closed ≥ ${NGINX_MIN_RATIO} of wrk's req/s on nginx: ${use.ratio.toFixed(3)} (${how}, 95% CI ${use.ciLow.toFixed(3)}-${use.ciHigh.toFixed(3)}), point estimate ${pointHolds ? 'at or above' : 'below'} the target → ${verdict.toUpperCase()}`,
  };
}

function p50Target(diff: { median: number; ciLow: number; ciHigh: number }, n: number): Targets {
  const pointHolds = Math.abs(diff.median) <= P50_BAND_MS;
  const verdict = n >= 2 ? bandVerdict(diff.median, diff.ciLow, diff.ciHigh, -P50_BAND_MS, P50_BAND_MS) : 'unclear';
  const sign = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
  const ci = n >= 2 ? `95% CI of the mean difference ${sign(diff.ciLow)} to ${sign(diff.ciHigh)}` : 'no CI: fewer than 2 runs a side';
  return {
    verdict,
    pointHolds,
    text: `loopbench p50 within ${P50_BAND_MS} ms of wrk's: difference of medians ${sign(diff.median)} ms (${ci}), point estimate ${pointHolds ? 'inside' : 'outside'} the band → ${verdict.toUpperCase()}`,
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
    set('rps', summaryOf(rs.map((r) => r.client!.rps)));
    set('p50Ms', summaryOf(rs.map((r) => r.client!.latencyMs.p50)));
    set('p99Ms', summaryOf(rs.map((r) => r.client!.latencyMs.p99)));
    set('clientCpuPct', summaryOf(rs.map((r) => r.clientCpuPct)));
    set('clientCpuUsPerRequest', summaryOf(rs.map((r) => r.clientCpuUsPerRequest)));
    set('serverCpuPct', summaryOf(rs.map((r) => r.serverCpuPct)));
    return s;
  });
  const rpsOf = (g: GeneratorName) => of(g).map((r) => r.client!.rps);
  const p50Of = (g: GeneratorName) => of(g).map((r) => r.client!.latencyMs.p50);
  const result: WorkloadComparison = {
    workload,
    params: paramsFor(workload, options),
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
    const median = (xs: number[]) => summarize(xs).median;
    const diff = median(a) - median(b);
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

export function buildReport(runs: PeerRun[], options: PeerOptions, wrk: { path: string; version: string }, interrupted: boolean): PeerReport {
  return {
    schema: 'loopbench-peer/1',
    createdAt: new Date().toISOString(),
    machine: machineFacts(),
    wrk,
    options: { ...options, strategy: 'async', host: '127.0.0.1', wrkThreads: 1 },
    notes: FAIRNESS_NOTES,
    interrupted,
    runs,
    workloads: options.workloads.map((w) => compareWorkload(w, runs, options)),
  };
}

/** Runs the whole interleaved plan; `onRun` sees each run as it finishes (to persist it). */
export async function runPeerComparison(ctx: RunContext): Promise<PeerRun[]> {
  const plan = planPeerRuns(ctx.options);
  const runs: PeerRun[] = [];
  for (const [index, step] of plan.entries()) {
    if (ctx.signal?.aborted) break;
    const run = await runOne(step.repetition, step.workload, step.generator, ctx);
    if (ctx.signal?.aborted && run.state !== 'ok') break;
    runs.push(run);
    ctx.onRun?.(run, index, plan.length);
  }
  return runs;
}
