/**
 * The open-model part of `npm run bench:peer` (issue 12): loopbench's open-model driver
 * (bench/drivers/open-model/driver.ts) at rising arrival rates on nginx and on the async
 * loopbench server, each run after a warm-up at the same rate. For each rate: the achieved
 * rate, whether it was held within 1%, corrected p50/p99 (and uncorrected p99), late sends,
 * the generator's CPU (share of a core, µs per request) and the server's. Then per server:
 * the highest rate held within 1% with the generator under 90% of a core, the p99 at rate
 * R against R/2 (a generator that inflates latency shows as p99 rising with R on a server
 * far from its limit), and the open model's CPU per request against the closed driver's.
 */
import { runOpenModelShard, SPIN_BUDGET_FRACTION } from '../../drivers/open-model/driver.js';
import { sampleTree } from '../../run/proc-tree.js';
import { MAX_LOADGEN_CPU_PCT } from '../../run/validity.js';
import type { WorkloadParams } from '../../../servers/workloads/types.js';
import { checksFor } from './generators.js';
import { summaryOfFinite } from './peer-comparison.js';
import { peerParams, type PeerOptions } from './peer-options.js';
import { loadAverage1m, recordServerFailure, startPeerServer, type PeerServer } from './peer-server.js';

/** A rate is held when the right answers per second reach this share of it. */
export const HELD_FRACTION = 0.99;
/** Issue 12: open-model CPU per request at most this many times the closed driver's. */
export const MAX_OPEN_CPU_RATIO = 1.3;
export const OPEN_MAX_CONNECTIONS = 256;

export interface OpenRun {
  repetition: number;
  workload: string;
  ratePerS: number;
  startedAt: string;
  state: 'ok' | 'errored';
  reasons: string[];
  achievedRatePerS?: number;
  requests?: number;
  failed?: number;
  lateSends?: number;
  p50Ms?: number;
  p99Ms?: number;
  uncorrectedP99Ms?: number;
  clientCpuPct?: number;
  clientCpuUsPerRequest?: number;
  serverCpuPct?: number;
  /** Time the pacing spent polling for a due send, % of the window. */
  spinPct?: number;
  /** Achieved ≥ 99% of the rate, no failed request, generator under 90% of a core. */
  held?: boolean;
  loadAvg1?: number;
  /** Median lateness of the sends: corrected p50 − uncorrected p50, ms. */
  sendLagP50Ms?: number;
  /** The polling budget this run was given (the --pacing sweep; absent: the driver's default). */
  spinBudgetFraction?: number;
}

export interface OpenRateSummary {
  workload: string;
  ratePerS: number;
  n: number;
  achievedRatePerS?: number;
  p50Ms?: number;
  p99Ms?: number;
  clientCpuPct?: number;
  clientCpuUsPerRequest?: number;
  serverCpuPct?: number;
  lateSends?: number;
  /** Every run held the rate. */
  held: boolean;
}

export interface OpenLadderReport {
  durationS: number;
  arrival: 'uniform';
  maxConnections: number;
  runs: OpenRun[];
  rates: OpenRateSummary[];
  /** Per server: the highest rate held (null when none was). */
  highestHeld: { workload: string; ratePerS: number | null }[];
  /** p99 at rate R over p99 at R/2, for each R whose half was measured. */
  p99VsHalf: { workload: string; ratePerS: number; p99Ms: number; halfP99Ms: number; ratio: number }[];
  /** `--pacing`: the same rates with other polling budgets (the precision/CPU trade-off). */
  pacing?: OpenRun[];
}

/** The polling budgets `--pacing` compares (SPIN_BUDGET_FRACTION is the default below ~1,000/s; above, the default is 0). */
export const PACING_BUDGETS = [0, SPIN_BUDGET_FRACTION, 0.3];

export function planOpenRuns(options: PeerOptions): { repetition: number; workload: string; ratePerS: number }[] {
  const rates = [...options.openRates].sort((a, b) => a - b);
  const plan: { repetition: number; workload: string; ratePerS: number }[] = [];
  for (let repetition = 1; repetition <= options.openRuns; repetition++) {
    for (const workload of options.openWorkloads) for (const ratePerS of rates) plan.push({ repetition, workload, ratePerS });
  }
  return plan;
}

/** One measured open-model run on a running server (after a warm-up at the same rate). */
export async function runOpenOnce(
  server: PeerServer,
  workload: string,
  params: WorkloadParams,
  ratePerS: number,
  repetition: number,
  options: PeerOptions,
  signal?: AbortSignal,
  spinBudgetFraction?: number,
): Promise<OpenRun> {
  const run: OpenRun = { repetition, workload, ratePerS, startedAt: new Date().toISOString(), state: 'ok', reasons: [], ...(spinBudgetFraction !== undefined ? { spinBudgetFraction } : {}) };
  const la = loadAverage1m();
  if (la !== undefined) run.loadAvg1 = la;
  const { check, expectedBody } = checksFor(workload, params);
  const load = (durationS: number) =>
    runOpenModelShard({
      url: server.url,
      path: '/work',
      ratePerS,
      durationS,
      arrival: 'uniform',
      maxConnections: OPEN_MAX_CONNECTIONS,
      ...(expectedBody ? { expectedBody } : {}),
      validate: (status, body, id) => check(status, body, id) === undefined,
      ...(spinBudgetFraction !== undefined ? { pacing: { spinBudgetFraction } } : {}),
      ...(signal ? { signal } : {}),
    });
  try {
    if (options.warmupS > 0) await load(options.warmupS);
    if (signal?.aborted) throw new Error('interrupted');
    const serverStart = sampleTree(server.pid).cpuS;
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    const { figures: f, spinMs } = await load(options.durationS);
    const cpu = process.cpuUsage(cpuStart);
    const wallS = (performance.now() - wallStart) / 1000;
    const serverCpuS = sampleTree(server.pid).cpuS - serverStart;
    if (signal?.aborted) throw new Error('interrupted');
    const cpuS = (cpu.user + cpu.system) / 1e6;
    Object.assign(run, {
      achievedRatePerS: f.rps,
      requests: f.requests,
      failed: f.errors + f.timeouts + f.non2xx + f.wrongBodies,
      lateSends: f.lateSends ?? 0,
      p50Ms: f.latencyMs.p50,
      p99Ms: f.latencyMs.p99,
      uncorrectedP99Ms: f.uncorrectedLatencyMs?.p99,
      clientCpuPct: (cpuS / wallS) * 100,
      serverCpuPct: (serverCpuS / wallS) * 100,
      spinPct: (spinMs / 1000 / Math.max(0.001, f.durationS)) * 100,
      sendLagP50Ms: f.latencyMs.p50 - (f.uncorrectedLatencyMs?.p50 ?? f.latencyMs.p50),
    });
    if (f.requests > 0) run.clientCpuUsPerRequest = (cpuS * 1e6) / f.requests;
    run.held = f.rps >= HELD_FRACTION * ratePerS && run.failed === 0 && run.clientCpuPct! < MAX_LOADGEN_CPU_PCT;
    recordServerFailure(run, server);
  } catch (error) {
    recordServerFailure(run, server, error);
  }
  return run;
}

const median = (xs: (number | undefined)[]): number | undefined => summaryOfFinite(xs)?.median;

export function summarizeOpen(runs: OpenRun[], options: PeerOptions): OpenLadderReport {
  const rates: OpenRateSummary[] = [];
  for (const workload of options.openWorkloads) {
    for (const ratePerS of [...options.openRates].sort((a, b) => a - b)) {
      const rs = runs.filter((r) => r.workload === workload && r.ratePerS === ratePerS && r.state === 'ok');
      if (rs.length === 0) continue;
      const s: OpenRateSummary = { workload, ratePerS, n: rs.length, held: rs.every((r) => r.held) };
      const set = (key: keyof OpenRateSummary & keyof OpenRun) => {
        const m = median(rs.map((r) => r[key] as number | undefined));
        if (m !== undefined) (s as unknown as Record<string, number>)[key] = m;
      };
      for (const key of ['achievedRatePerS', 'p50Ms', 'p99Ms', 'clientCpuPct', 'clientCpuUsPerRequest', 'serverCpuPct', 'lateSends'] as const) set(key);
      rates.push(s);
    }
  }
  const highestHeld = options.openWorkloads.map((workload) => {
    const held = rates.filter((r) => r.workload === workload && r.held).map((r) => r.ratePerS);
    return { workload, ratePerS: held.length > 0 ? Math.max(...held) : null };
  });
  const p99VsHalf = rates.flatMap((r) => {
    const half = rates.find((h) => h.workload === r.workload && h.ratePerS === r.ratePerS / 2);
    return half && r.p99Ms !== undefined && half.p99Ms ? [{ workload: r.workload, ratePerS: r.ratePerS, p99Ms: r.p99Ms, halfP99Ms: half.p99Ms, ratio: r.p99Ms / half.p99Ms }] : [];
  });
  return { durationS: options.durationS, arrival: 'uniform', maxConnections: OPEN_MAX_CONNECTIONS, runs, rates, highestHeld, p99VsHalf };
}

/** Runs the open-model plan: one server per repetition and server, the rates in rising order on it. */
export async function runOpenLadder(options: PeerOptions, signal: AbortSignal | undefined, onRun?: (run: OpenRun, index: number, total: number) => void): Promise<OpenRun[]> {
  const plan = planOpenRuns(options);
  const runs: OpenRun[] = [];
  let index = 0;
  for (let repetition = 1; repetition <= options.openRuns; repetition++) {
    for (const workload of options.openWorkloads) {
      if (signal?.aborted) return runs;
      const params = peerParams(workload, options);
      const steps = plan.filter((s) => s.repetition === repetition && s.workload === workload);
      let server: PeerServer;
      try {
        server = await startPeerServer(workload, params);
      } catch (error) {
        for (const step of steps) {
          const run: OpenRun = { ...step, startedAt: new Date().toISOString(), state: 'errored', reasons: [(error as Error).message] };
          runs.push(run);
          onRun?.(run, index++, plan.length);
        }
        continue;
      }
      try {
        for (const step of steps) {
          if (signal?.aborted) break;
          const run = await runOpenOnce(server, workload, params, step.ratePerS, repetition, options, signal);
          if (signal?.aborted && run.state !== 'ok') break;
          runs.push(run);
          onRun?.(run, index++, plan.length);
        }
      } finally {
        await server.stop();
      }
    }
  }
  return runs;
}

/**
 * `--pacing`: on the first open-model server, the lowest and the highest rate once with
 * each polling budget of PACING_BUDGETS, interleaved: what polling buys (send lag, late
 * sends, p99) and what it costs (generator CPU).
 */
export async function runPacingSweep(options: PeerOptions, signal: AbortSignal | undefined, onRun?: (run: OpenRun) => void): Promise<OpenRun[]> {
  const workload = options.openWorkloads[0];
  if (workload === undefined || options.openRates.length === 0) return [];
  const rates = [...new Set([Math.min(...options.openRates), Math.max(...options.openRates)])];
  const params = peerParams(workload, options);
  const runs: OpenRun[] = [];
  const server = await startPeerServer(workload, params);
  try {
    for (const ratePerS of rates) {
      for (const budget of PACING_BUDGETS) {
        if (signal?.aborted) return runs;
        const run = await runOpenOnce(server, workload, params, ratePerS, 1, options, signal, budget);
        if (signal?.aborted && run.state !== 'ok') return runs;
        runs.push(run);
        onRun?.(run);
      }
    }
  } finally {
    await server.stop();
  }
  return runs;
}
