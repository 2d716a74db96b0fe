/**
 * A runner that measures nothing (hyperfine's MockExecutor): every run's figures are
 * computed from its scenario — the ideal throughput (bench/ideal.ts) times a seeded noise
 * of a few percent, latencies by Little's law, a histogram and a per-second series — and
 * judged by the real validity rules, so `runSuite` goes plan → runs → summaries → claims in
 * milliseconds, with no server, socket or child process.
 *
 * A `World` says how the strategies behave: `physicsWorld` as bench/ideal.ts expects them
 * to; `asyncEverywhereWorld` as if every strategy were the async event loop (waits overlap
 * on a blocked loop, a pool of processes is no faster than one loop) — the data the
 * article's claims are wrong about, so verdicts flip.
 */
import { idealFor } from '../../bench/ideal.js';
import type { MicroResults } from '../../bench/tools/micro/types.js';
import { runRecordOf, type RunProblem } from '../../bench/run/run-outcome.js';
import type { SuiteRunner } from '../../bench/run-suite.js';
import { LatencyHistogram } from '../../bench/drivers/latency-histogram.js';
import { invalidReasons } from '../../bench/run/validity.js';
import { SCENARIO_TAGS } from '../../bench/suites/scenario.js';
import type { ClientFigures, MachineFacts, PerSecondPoint, RunMeasurement, Scenario, ServerFigures } from '../../bench/types.js';
import { getStrategy, isStrategyName } from '../../servers/strategies/index.js';
import { findWorkload } from '../../servers/workloads/index.js';

export const FAKE_MACHINE: MachineFacts = {
  cpuModel: 'Fake CPU @ 2.0GHz',
  cores: 2,
  usableCores: 2,
  memoryBytes: 8 * 1024 ** 3,
  nodeVersion: 'v20.0.0-fake',
  os: 'linux 6.0.0-fake',
  gitCommit: null,
  lockfileSha256: null,
  hostname: 'fake-host',
};

/** Requests/s a scenario reaches in a world (before noise); `undefined` when nothing bounds it (noop). */
export type World = (scenario: Scenario, usableCores: number) => number | undefined;

/** noop (no ideal): what a fast loop answers. */
const NOOP_RPS = 12_000;

export const physicsWorld: World = (scenario, usableCores) => idealFor(scenario, usableCores)?.idealRps;

export const asyncEverywhereWorld: World = (scenario, usableCores) =>
  idealFor({ ...scenario, strategy: scenario.strategy.startsWith('py-') ? 'py-asyncio' : 'async' }, usableCores)?.idealRps;

/** A seeded generator in [0, 1) (mulberry32 over a string hash): the same scenario and repetition give the same run. */
export function seededRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  let a = (h << 13) | (h >>> 19);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FakeRunnerOptions {
  world?: World;
  /** Share of the ideal reached (default 0.9). */
  efficiency?: number;
  /** Relative spread of the seeded noise on throughput (default 0.02: ±2%). */
  noise?: number;
  seed?: string;
  /** The micro-benchmarks' results to return (e.g. a fixture's); without it the micro stage returns none. */
  micro?: MicroResults;
}

/** Whether the strategy runs the work on the one event loop (so a probe on the same loop waits behind it). */
function blocksTheLoop(scenario: Scenario): boolean {
  if (!isStrategyName(scenario.strategy)) return false;
  const strategy = getStrategy(scenario.strategy);
  return strategy.role === 'blocking';
}

function clientFigures(scenario: Scenario, rps: number, meanMs: number, random: () => number, side: { wrong: boolean; requestedRatePerS?: number }): ClientFigures {
  const { wrong, requestedRatePerS } = side;
  const durationS = scenario.load.durationS;
  const requests = Math.max(1, Math.round(rps * durationS));
  const histogram = LatencyHistogram.empty();
  for (let i = 0; i < 200; i++) histogram.recordMs(meanMs * (0.6 + 0.8 * random() + (i % 50 === 0 ? 2 : 0)));
  const latencyMs = histogram.figures();
  const perSecond: PerSecondPoint[] = Array.from({ length: Math.max(1, Math.round(durationS)) }, (_, tS) => ({
    tS,
    completed: Math.round(requests / Math.max(1, Math.round(durationS))),
    errors: 0,
    p50Ms: latencyMs.p50,
    p99Ms: latencyMs.p99,
  }));
  return {
    requests,
    durationS,
    rps,
    latencyMs,
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    wrongBodies: wrong ? requests : 0,
    ...(wrong ? { firstWrongBody: `workload 'undefined' instead of '${scenario.workload}'` } : {}),
    ...(requestedRatePerS !== undefined ? { requestedRatePerS, lateSends: 0 } : {}),
    latencyHistogram: histogram.encode(),
    perSecond,
  };
}

function serverFigures(scenario: Scenario, rps: number, loopDelayP99Ms: number): ServerFigures {
  const cpuMs = findWorkload(scenario.workload)?.cpuBound ? Number(scenario.params['cpuMs']) : 0.05;
  const pool = scenario.poolSize ?? 2;
  return {
    cpuS: (rps * scenario.load.durationS * cpuMs) / 1000,
    coresBusy: (rps * cpuMs) / 1000,
    rssPeakBytes: 60e6 + (scenario.strategy.includes('process') || scenario.strategy === 'cluster' ? pool * 45e6 : pool * 8e6),
    processCount: scenario.strategy.includes('process') || scenario.strategy === 'cluster' ? 1 + pool : 1,
    threadCount: 7 + (scenario.strategy.includes('thread') ? pool : 0),
    telemetry: {
      eventLoopDelayMs: { mean: loopDelayP99Ms / 2, p50: loopDelayP99Ms / 2, p90: loopDelayP99Ms, p99: loopDelayP99Ms, max: loopDelayP99Ms * 1.5 },
      eventLoopUtilization: blocksTheLoop(scenario) ? 0.99 : 0.3,
      requestsServed: Math.round(rps * scenario.load.durationS),
      serverProcesses: scenario.strategy === 'cluster' ? pool : 1,
    },
  };
}

/** The measurement of one fake run, from its scenario. */
export function fakeMeasurement(scenario: Scenario, repetition: number, usableCores: number, options: FakeRunnerOptions = {}): RunMeasurement {
  const random = seededRandom(`${options.seed ?? 'fake'}/${scenario.id}/${repetition}`);
  const world = options.world ?? physicsWorld;
  const noise = options.noise ?? 0.02;
  const reachable = world(scenario, usableCores) ?? NOOP_RPS;
  const offered = scenario.load.kind === 'rate' ? scenario.load.ratePerS : Infinity;
  // An open-model load the server keeps up with is served at its rate; beyond, at the server's capacity.
  const rps = reachable >= offered ? offered * (1 - noise * 0.25 * random()) : reachable * (options.efficiency ?? 0.9) * (1 + noise * (2 * random() - 1));
  const concurrency = scenario.load.kind === 'closed' ? scenario.load.connections : Math.min(scenario.load.maxConnections, 8);
  const meanMs = (concurrency * 1000) / rps; // Little's law
  const wrong = scenario.tags?.includes(SCENARIO_TAGS.expectWrongAnswers) ?? false;
  const client = clientFigures(scenario, rps, meanMs, random, { wrong, ...(scenario.load.kind === 'rate' ? { requestedRatePerS: scenario.load.ratePerS } : {}) });
  const blocked = blocksTheLoop(scenario);
  const loopDelayP99Ms = blocked ? Math.max(1, meanMs / concurrency) : 1.2;
  const ideal = idealFor(scenario, usableCores);
  return {
    client,
    ...(scenario.probe ? { probe: clientFigures(scenario, rps, blocked ? meanMs : 0.8, random, { wrong: false }) } : {}),
    ...(scenario.target ? {} : { server: serverFigures(scenario, rps, loopDelayP99Ms) }),
    loadgen: { cpuPct: 25 },
    ...(ideal ? { ideal: { ...ideal, efficiency: rps / ideal.idealRps } } : {}),
  };
}

/** A runner whose every figure is canned (see the file's header). */
export function fakeRunner(options: FakeRunnerOptions = {}): SuiteRunner {
  const measuredAt = '2026-01-01T00:00:00.000Z';
  let speedSamples = 0;
  return {
    machineFacts: () => FAKE_MACHINE,
    calibrateCpu: () => ({ nsPerIteration: 1000, measuredAt }),
    pythonFacts: async () => ({
      executable: '/usr/bin/python3',
      pythonVersion: '3.11.2',
      implementation: 'CPython',
      packages: { fastapi: '0.92.0', uvicorn: '0.17.6' },
      eventLoop: 'asyncio',
      http: 'h11',
      bytecodeNsPerIteration: 50,
    }),
    prepareResource: async (scenario) =>
      ['db', 'upstream', 'file'].includes(scenario.workload)
        ? { params: { fakeResource: scenario.workload }, facts: { fake: true }, pids: [], failure: () => undefined, close: async () => {} }
        : undefined,
    harnessCeiling: async () => ({ rps: 30_000, measuredAt, cached: false, scenarioId: 'noop/async/c50' }),
    aaNoiseCheck: async () => ({ scenarioId: 'noop/async/c50', rpsA: 10_000, rpsB: 10_100, spread: 0.01, practicalBand: 0.05, tooNoisy: false }),
    microBenchmarks: async () => {
      if (!options.micro) throw new Error('the fake runner has no micro-benchmark results');
      return options.micro;
    },
    measureDeliveredCores: async (processes) => ({ measuredAt, processes, deliveredCores: processes * 0.95, loadAverage1m: 0.5 }),
    // A host whose speed drifts: every other CPU-bound run (a sample before it and one after) is 20% slower.
    measureSpeed: async () => ({ measuredAt, workPerMs: Math.floor(speedSamples++ / 2) % 2 === 0 ? 1000 : 800 }),
    runScenario: async (scenario, repetition, ctx) => {
      const measured = fakeMeasurement(scenario, repetition, ctx.usableCores, options);
      const problems: RunProblem[] = [...invalidReasons(measured.client, measured.loadgen!.cpuPct), ...(measured.probe ? invalidReasons(measured.probe, 0, 'probe') : [])].map((reason) => ({
        state: 'invalid',
        reason,
      }));
      return runRecordOf({ runId: ctx.runId, scenarioId: scenario.id, repetition, startedAt: measuredAt }, problems, measured);
    },
  };
}
