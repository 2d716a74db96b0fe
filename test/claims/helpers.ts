/**
 * Fixture results for the claims' predicates: small ResultsFile objects built from a few
 * figures per run, no load, no server. Each run of a scenario is one sample.
 */
import { judgeAll, type ClaimId } from '../../bench/claims/index.js';
import type { Claim, JudgeContext } from '../../bench/claims/types.js';
import { idealFor, withEfficiency } from '../../bench/ideal.js';
import { MICRO_SCHEMA_VERSION, type MicroResults, type MicroResultsByName, type TimingStats } from '../../bench/tools/micro/types.js';
import { summarizeAll } from '../../bench/summarize.js';
import { RESULTS_SCHEMA_VERSION, type ClaimVerdict, type ResultsFile, type RunRecord, type RunState, type Scenario } from '../../bench/types.js';

/** The figures of one fixture run; anything left out gets a neutral value. */
export interface RunSpec {
  rps?: number;
  p50Ms?: number;
  p99Ms?: number;
  probeP99Ms?: number;
  loopP99Ms?: number;
  rssMb?: number;
  cpuS?: number;
  /** Cores the server kept busy in the window (absent unless given). */
  coresBusy?: number;
  /** 2xx answers (default: rps × 3 s). */
  requests?: number;
  wrongBodies?: number;
  state?: RunState;
  reasons?: string[];
  errors?: number;
}

const DURATION_S = 3;

/** Three runs value ÷ (1 + spread), value, value × (1 + spread): centred on `value` as a median and as a geometric mean. */
export function around(value: number, spread = 0.02): [number, number, number] {
  return [value / (1 + spread), value, value * (1 + spread)];
}

export function machine(usableCores = 2): ResultsFile['machine'] {
  return {
    cpuModel: 'fixture',
    cores: usableCores,
    usableCores,
    memoryBytes: 8e9,
    nodeVersion: 'v20.0.0',
    os: 'linux',
    gitCommit: null,
    lockfileSha256: null,
    hostname: 'fixture',
  };
}

export class ResultsBuilder {
  private readonly scenarios: Scenario[] = [];
  private readonly runs: RunRecord[] = [];
  micro?: MicroResults;
  parallelism?: ResultsFile['parallelism'];

  constructor(readonly usableCores = 2) {}

  /** The parallelism control of the run: the cores the machine delivered (one sample per value). */
  withDeliveredCores(...samples: number[]): this {
    const sorted = [...samples].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    this.parallelism = {
      samples: samples.map((deliveredCores) => ({ measuredAt: '2026-01-01T00:00:00.000Z', processes: this.usableCores, deliveredCores, loadAverage1m: 0 })),
      deliveredCores: sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2,
      deliveredCoresMin: sorted[0]!,
      deliveredCoresMax: sorted[sorted.length - 1]!,
      processes: this.usableCores,
    };
    return this;
  }

  /** Adds a scenario with one run per spec (repetitions 1, 2, ...). */
  add(scenario: Scenario, specs: RunSpec[]): this {
    if (!this.scenarios.some((s) => s.id === scenario.id)) this.scenarios.push(scenario);
    specs.forEach((spec, i) => this.runs.push(runOf(scenario, i + 1, spec, this.usableCores)));
    return this;
  }

  /** Adds runs whose figures follow `values` for one field, the rest from `base`. */
  series(scenario: Scenario, field: keyof RunSpec, values: readonly number[], base: RunSpec = {}): this {
    return this.add(scenario, values.map((v) => ({ ...base, [field]: v })));
  }

  withMicro<K extends keyof MicroResultsByName>(name: K, result: MicroResultsByName[K]): this {
    this.micro ??= {
      schemaVersion: MICRO_SCHEMA_VERSION,
      kind: 'loopbench-micro',
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:10.000Z',
      durationMs: 10_000,
      machine: { cpuModel: 'fixture', cores: this.usableCores, usableCores: this.usableCores, memoryBytes: 8e9, nodeVersion: 'v20.0.0', os: 'linux' },
      loadAverage1mAtStart: 0,
      loadAverage1mAtEnd: 0,
      benchmarksRun: [],
      results: {},
      errors: [],
    };
    this.micro.benchmarksRun.push(name);
    (this.micro.results as Record<string, unknown>)[name] = result;
    return this;
  }

  build(): ResultsFile {
    return {
      schemaVersion: RESULTS_SCHEMA_VERSION,
      tool: 'loopbench',
      runId: 'fixture',
      suite: 'fixture',
      startedAt: '2026-01-01T00:00:00.000Z',
      status: 'complete',
      machine: machine(this.usableCores),
      options: {},
      scenarios: this.scenarios,
      runs: this.runs,
      summaries: summarizeAll(this.scenarios, this.runs),
      ...(this.micro ? { micro: this.micro } : {}),
      ...(this.parallelism ? { parallelism: this.parallelism } : {}),
    };
  }
}

function runOf(scenario: Scenario, repetition: number, spec: RunSpec, usableCores: number): RunRecord {
  const rps = spec.rps ?? 100;
  const p50 = spec.p50Ms ?? 10;
  const p99 = spec.p99Ms ?? p50 * 2;
  const loop = spec.loopP99Ms ?? 12;
  const requests = spec.requests ?? Math.round(rps * DURATION_S);
  const latency = (p50Ms: number, p99Ms: number) => ({ mean: p50Ms, p50: p50Ms, p90: p99Ms, p99: p99Ms, p999: p99Ms, max: p99Ms });
  const state = spec.state ?? 'ok';
  const run: RunRecord = {
    runId: 'fixture',
    scenarioId: scenario.id,
    repetition,
    state,
    reasons: spec.reasons ?? (state === 'ok' ? [] : [`${state} in a fixture`]),
    startedAt: '2026-01-01T00:00:00.000Z',
    client: {
      requests,
      durationS: DURATION_S,
      rps,
      latencyMs: latency(p50, p99),
      errors: spec.errors ?? 0,
      timeouts: 0,
      non2xx: 0,
      wrongBodies: spec.wrongBodies ?? 0,
      ...(spec.wrongBodies ? { firstWrongBody: "workload 'undefined' instead of 'sleep'" } : {}),
    },
    server: {
      cpuS: spec.cpuS ?? 0.5,
      ...(spec.coresBusy !== undefined ? { coresBusy: spec.coresBusy } : {}),
      rssPeakBytes: (spec.rssMb ?? 80) * 1e6,
      processCount: 1,
      threadCount: 11,
      telemetry: { eventLoopDelayMs: { mean: loop, p50: loop, p90: loop, p99: loop, max: loop }, eventLoopUtilization: 0.5, requestsServed: requests, serverProcesses: 1 },
    },
    loadgen: { cpuPct: 10 },
  };
  if (spec.probeP99Ms !== undefined) {
    run.probe = { requests: 1000, durationS: DURATION_S, rps: 333, latencyMs: latency(spec.probeP99Ms / 2, spec.probeP99Ms), errors: 0, timeouts: 0, non2xx: 0, wrongBodies: 0 };
  }
  const ideal = idealFor(scenario, usableCores);
  if (ideal) run.ideal = withEfficiency(ideal, rps);
  return run;
}

/** The claim's scenario with this exact id (fails loudly when a claim's data changed). */
export function scenarioOf(claim: Claim, id: string): Scenario {
  const found = claim.scenarios.find((s) => s.id === id);
  if (!found) throw new Error(`${claim.id} has no scenario '${id}'; it has: ${claim.scenarios.map((s) => s.id).join(', ')}`);
  return found;
}

/** Results with nothing in them (every claim: not measured). */
export function emptyResults(): ResultsFile {
  return new ResultsBuilder().build();
}

/** The verdict of one claim on these results, through the same path as a real run. */
export function verdictOf(id: ClaimId, results: ResultsFile, overrides: Partial<JudgeContext> = {}): ClaimVerdict {
  const verdict = judgeAll(results, overrides).verdicts.find((v) => v.id === id);
  if (!verdict) throw new Error(`no verdict for ${id}`);
  return verdict;
}

/** tinybench-like statistics of a task whose mean is `meanMs` ± `rmePct`%. */
export function timing(meanMs: number, rmePct: number): TimingStats {
  const ns = meanMs * 1e6;
  return { meanNsPerOp: ns, p50NsPerOp: ns, minNsPerOp: ns, maxNsPerOp: ns, sdNsPerOp: ns * 0.01, rmePct, samples: 6, rounds: 3, opsPerSample: 1 };
}
