/**
 * The data model of loopbench, in pipeline order: scenario (what to run) → run record
 * (what one run measured) → scenario summary (statistics over runs) → results file.
 * Units are in every numeric name.
 */
import type { ServerTelemetry } from '../servers/protocol.js';
import type { Runtime } from '../servers/strategies/types.js';
import type { WorkloadParams } from '../servers/workloads/types.js';
import type { MergeInfo } from './merge/types.js';
import type { ProducedBy } from './provenance.js';
import type { SegmentInfo } from './segment.js';
import type { ShardingInfo } from './shard.js';

/** Closed model: C connections, each sends its next request when the last one answered (autocannon). */
export interface ClosedLoad {
  kind: 'closed';
  connections: number;
  durationS: number;
  warmupS: number;
}

/** Open model: requests arrive at ratePerS whatever the server does (bench/drivers/open-model/driver.ts). */
export interface RateLoad {
  kind: 'rate';
  ratePerS: number;
  durationS: number;
  warmupS: number;
  arrival: 'uniform' | 'poisson';
  /** Upper bound on the connections the driver may open. */
  maxConnections: number;
  /**
   * Ramping arrival rate (k6's ramping-arrival-rate): the rate rises linearly from
   * `ratePerS` to `toRatePerS` over `durationS` seconds from the window's start, then holds
   * (bench/drivers/open-model/arrival-schedule.ts).
   */
  ramp?: ArrivalRamp;
}

/** A linear change of the arrival rate, from the load's `ratePerS`. */
export interface ArrivalRamp {
  toRatePerS: number;
  durationS: number;
}

export type Load = ClosedLoad | RateLoad;

/**
 * A cheap-route load that runs at the same time as the scenario's main load, on the same
 * server: the victim of head-of-line blocking (claims C12, C13).
 */
export interface ProbeLoad {
  /** Path of the cheap route, `/noop` by default. */
  path: string;
  /**
   * Poisson arrivals per second over the measured window (open model, latency from the
   * intended send): a probe samples what a request arriving at a random moment waits
   * (Poisson arrivals see time averages), adds a fixed small load whatever the server
   * does, and is not held back by the blocking it measures (a closed probe was: it sent
   * its next request only after the slow one, and sent thousands while the loop was free).
   */
  ratePerS: number;
  /** The most connections it opens (on demand: requests that find all busy queue client-side, and that wait counts). */
  connections: number;
}

/** An HTTP server loopbench did not start (`--target URL`). */
export interface ExternalTarget {
  /** Full URL: the load goes to its origin and path. */
  url: string;
  expectStatus: number;
  expectBodyContains?: string;
  /** Known service time of one request, ms: gives the ideal (Little's law). */
  serviceMs?: number;
}

export interface Scenario {
  /** Unique in a suite, stable across runs (it keys baselines): e.g. `sleep/async/c100`. */
  id: string;
  workload: string;
  strategy: string;
  /** Workload parameters, units in their names. */
  params: WorkloadParams;
  /** Pool size for worker-threads / child-process / cluster; defaults to the usable cores. */
  poolSize?: number;
  /** Request variant (e.g. db `fast` / `slow`). */
  variant?: string;
  load: Load;
  probe?: ProbeLoad;
  /** Set for external targets: no server is started; workload and strategy are `external`. */
  target?: ExternalTarget;
  /** Free tags used by claims and charts to find scenarios: `sweep`, `head-of-line`, ... */
  tags?: string[];
  /**
   * At most this many repetitions, whatever the suite's (a run only a chart reads, no
   * claim's confidence interval: the quick suite runs it once). Absent: the suite's.
   */
  maxRepetitions?: number;
}

export interface Suite {
  name: string;
  description: string;
  repetitions: number;
  scenarios: Scenario[];
  /**
   * What the suite runs when `--runtime` names one runtime, instead of `scenarios`
   * filtered to it (the quick suite spends its whole budget on Python with --runtime python).
   */
  scenariosByRuntime?: Partial<Record<Runtime, Scenario[]>>;
}

export interface LatencyFigures {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

/** One second of a run's measured window (bench/drivers/per-second-series.ts). */
export interface PerSecondPoint {
  /** Seconds since the window's start (0, 1, 2, ...). */
  tS: number;
  /** Answers completed in this second. */
  completed: number;
  /** Errors, timeouts, non-2xx and wrong bodies in this second. */
  errors: number;
  /** Latency percentiles of the answers completed in this second (0 when none). */
  p50Ms: number;
  p99Ms: number;
  /** The server's event-loop delay p99 over this second, for servers that report it. */
  loopDelayP99Ms?: number;
}

/** What the load generator saw during the measured window. */
export interface ClientFigures {
  requests: number;
  durationS: number;
  rps: number;
  latencyMs: LatencyFigures;
  /** Connection errors (resets, refused). */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** 2xx answers whose body failed validation (wrong workload, id or value). */
  wrongBodies: number;
  /** The first wrong body's problem, for the run's reasons. */
  firstWrongBody?: string;
  /** Open model only: latency timed from the actual send instead of the intended one. */
  uncorrectedLatencyMs?: LatencyFigures;
  /** Open model only. */
  requestedRatePerS?: number;
  /** Open model only: requests that could not be sent on time (all connections busy, cap reached). */
  lateSends?: number;
  /**
   * The window's full latency histogram, µs, as hdr-histogram-js encodes it
   * (`encodeIntoCompressedBase64`; bench/drivers/latency-histogram.ts decodes and merges it).
   * Open model: timed from the intended send time (corrected).
   */
  latencyHistogram?: string;
  /** Open model only: the histogram timed from the actual send (uncorrected). */
  uncorrectedLatencyHistogram?: string;
  /** One point per second of the measured window. */
  perSecond?: PerSecondPoint[];
  /**
   * Closed model (lean driver): requests still in flight when the window closed. They get
   * a bounded grace (the request timeout) to answer; their latencies join the histogram and
   * percentiles (a blocked server's queue is measured whole), not `requests` or `rps`.
   */
  inFlightAtEnd?: number;
  /** Closed model (lean driver): of `inFlightAtEnd`, the 2xx answers that came within the grace. */
  answeredInGrace?: number;
}

export interface ServerFigures {
  /**
   * CPU time (user + system) of the whole server process tree over the measured window
   * and the grace given to the requests in flight at its end.
   */
  cpuS: number;
  /**
   * The tree's CPU seconds per wall second over the measured window alone: how many cores
   * the server kept busy (a strategy's parallelism, untouched by how fast the host ran the
   * work). Absent in results files older than it.
   */
  coresBusy?: number;
  /** Peak of the summed RSS of the process tree, sampled during the window. */
  rssPeakBytes: number;
  /** Processes seen in the tree (server, pool children, cluster workers). */
  processCount: number;
  /** Threads seen in the tree (worker threads included). */
  threadCount: number;
  telemetry?: ServerTelemetry;
}

export type RunState = 'ok' | 'invalid' | 'errored';

export interface IdealFigures {
  /** What physics allows (Little's law / cores / 1/S); absent when there is no ideal (noop). */
  idealRps: number;
  /** measured / ideal. */
  efficiency: number;
  /** Usable cores K the ideal assumed. */
  coresUsed: number;
  /** The formula, written out, e.g. `min(W=2, C=10) * 1000/50`. */
  formula: string;
}

/** What one run measured: the load's figures and the samplers' (all but the client's may be absent). */
export interface RunMeasurement {
  client: ClientFigures;
  /** The cheap-route load's figures, when the scenario has a probe. */
  probe?: ClientFigures;
  /** The server's process tree (absent for external targets). */
  server?: ServerFigures;
  loadgen?: { cpuPct: number };
  /** Absent when the scenario has no ideal (noop, forgot-await). */
  ideal?: IdealFigures;
}

/** What every run has, whatever its outcome. */
interface RunIdentity {
  runId: string;
  scenarioId: string;
  /** 1-based. */
  repetition: number;
  startedAt: string;
  /** Last lines the server wrote to stderr (kept for errored runs). */
  stderrTail?: string;
  /**
   * CPU-bound runs: the cpu workload's kernel speed (PBKDF2 rounds per CPU ms, mean of a
   * sample before and after the run; bench/run/calibrate-cpu.ts measureKernelSpeed), so a
   * run's figures can be read against the machine's speed at the time (on a shared host
   * the same work can cost twice the CPU for tens of seconds).
   */
  machineSpeed?: SpeedSample;
}

/** How much work of a fixed kind the machine did per ms at `measuredAt` (see RunIdentity.machineSpeed). */
export interface SpeedSample {
  measuredAt: string;
  workPerMs: number;
}

/** A run whose figures are the server's: the measurement is all there. */
export interface OkRun extends RunIdentity, RunMeasurement {
  state: 'ok';
  /** Always empty (kept so every record has `reasons`, as results files always had). */
  reasons: string[];
}

/**
 * A run that was measured but cannot be trusted as the server's (failed requests, a
 * saturated generator, a wrong answer before load): its reasons and whatever was measured.
 */
export interface InvalidRun extends RunIdentity, Partial<RunMeasurement> {
  state: 'invalid';
  /** Why (at least one). */
  reasons: string[];
}

/** A run that could not be done (the server did not start or died, interrupted, processes left): its reasons and whatever was measured before. */
export interface ErroredRun extends RunIdentity, Partial<RunMeasurement> {
  state: 'errored';
  /** Why (at least one). */
  reasons: string[];
}

/**
 * One run's outcome, a union on `state`: narrow on it (or {@link isOkRun}) to reach the
 * figures. The JSON of each variant is the one results files always had (schema 1 and 2).
 */
export type RunRecord = OkRun | InvalidRun | ErroredRun;

export function isOkRun(run: RunRecord): run is OkRun {
  return run.state === 'ok';
}

/** Median, 95% CI and spread of one figure over a scenario's runs (a sample is a run). */
export interface SampleSummary {
  n: number;
  median: number;
  mean: number;
  ciLow: number;
  ciHigh: number;
  /** Coefficient of variation, stdev / mean (0 when n < 2). */
  cv: number;
}

export interface ScenarioSummary {
  scenarioId: string;
  workload: string;
  strategy: string;
  /** The strategy's runtime (`node` for reference servers); absent in results written before it existed. */
  runtime?: Runtime;
  connections?: number;
  ratePerS?: number;
  params: WorkloadParams;
  poolSize?: number;
  variant?: string;
  tags: string[];
  runs: number;
  okRuns: number;
  /** `ok` when every run is ok; otherwise the worst state, with the reasons. */
  state: RunState;
  reasons: string[];
  rps?: SampleSummary;
  latencyP50Ms?: SampleSummary;
  latencyP99Ms?: SampleSummary;
  probeLatencyP50Ms?: SampleSummary;
  probeLatencyP99Ms?: SampleSummary;
  probeRps?: SampleSummary;
  errors: number;
  ideal?: { idealRps: number; efficiency: number; coresUsed: number; formula: string };
  serverCpuS?: number;
  /** Median over the runs of the cores the server kept busy in the measured window (ServerFigures.coresBusy). */
  serverCoresBusy?: number;
  serverRssPeakBytes?: number;
  eventLoopDelayP99Ms?: number;
  loadgenCpuPct?: number;
  /** Flags such as `near the load-generator ceiling`. */
  notes: string[];
}

export interface MachineFacts {
  cpuModel: string;
  cores: number;
  /** os.availableParallelism(): what the ideals use. */
  usableCores: number;
  memoryBytes: number;
  nodeVersion: string;
  os: string;
  gitCommit: string | null;
  lockfileSha256: string | null;
  hostname: string;
}

export interface CpuCalibration {
  /** CPU ns one PBKDF2-SHA256 round of the cpu workload costs on this machine (min over trials). */
  nsPerIteration: number;
  measuredAt: string;
}

/**
 * The Python runtime of a run with py-* scenarios (servers/python/serve.py --facts):
 * Debian's interpreter, its packages' versions, and the bytecode cpu calibration.
 */
export interface PythonFacts {
  executable: string;
  pythonVersion: string;
  implementation: string;
  /** Distribution → version (fastapi, starlette, uvicorn, h11, pydantic, asyncpg, aiohttp, ...). */
  packages: Record<string, string>;
  eventLoop: string;
  http: string;
  /** CPU ns one step of the pure-Python cpu loop (cpuKind=bytecode) costs here (min over trials). */
  bytecodeNsPerIteration: number;
}

/**
 * 2: runs keep `latencyHistogram` and `perSecond` (and the closed model's in-flight
 * grace). Version 1 files still load (bench/reporters/load-results.ts): every chart that
 * needs the raw histograms or series says it cannot be drawn from them.
 */
export const RESULTS_SCHEMA_VERSION = 2;
/** Versions the reporters still read (a file keeps the version it was written with). */
export const READABLE_RESULTS_SCHEMA_VERSIONS: readonly number[] = [1, 2];
export type ResultsSchemaVersion = 1 | typeof RESULTS_SCHEMA_VERSION;

export interface ResultsFile {
  schemaVersion: ResultsSchemaVersion;
  tool: 'loopbench';
  runId: string;
  suite: string;
  startedAt: string;
  finishedAt?: string;
  /** `complete`, or `interrupted` (SIGINT) / `failed` with what was measured so far. */
  status: 'running' | 'complete' | 'interrupted' | 'failed';
  machine: MachineFacts;
  /** Present when the run has Python scenarios: interpreter, package versions, bytecode calibration. */
  python?: PythonFacts;
  /** The resolved options the run used (flags applied). */
  options: Record<string, unknown>;
  calibration?: CpuCalibration;
  scenarios: Scenario[];
  runs: RunRecord[];
  summaries: ScenarioSummary[];
  /** Added by the statistics layer (bench/stats). */
  comparisons?: unknown[];
  /** Added by the claims engine (bench/claims). */
  claims?: ClaimVerdict[];
  /** Micro-benchmark results (bench/tools/micro), when they were run with the suite. */
  micro?: unknown;
  /** Requests/s the load generator reached against a noop server (the harness ceiling). */
  harnessCeilingRps?: number;
  /** How the ceiling was obtained (measured now or cached), or why it is missing. */
  harnessCeiling?: { rps: number; measuredAt: string; cached: boolean; scenarioId: string; loadAverage1m?: number } | { error: string };
  /**
   * The parallelism control (bench/run/parallelism-control.ts): how many cores the machine
   * delivered during this run, measured between the cpu scenarios' runs.
   */
  parallelism?: ParallelismControl;
  /** 1-minute load average when the suite started and ended (os.loadavg): other load on the machine. */
  loadAverage1m?: { atStart: number; atEnd?: number };
  /** The A/A check of this run (`--aa-check`): the machine's noise right now. */
  noise?: { scenarioId: string; rpsA: number; rpsB: number; spread: number; practicalBand: number; tooNoisy: boolean } | { error: string };
  /** `--shard i/n`: which part of which plan this file holds (bench/shard.ts). */
  sharding?: ShardingInfo;
  /** `--segment i/n`: which part of each load this generator sent (bench/segment.ts). */
  segment?: SegmentInfo;
  /** Where and how the file was produced: host, CPU, CI runner or pod (bench/provenance.ts). */
  producedBy?: ProducedBy;
  /** Set by `npm run merge`: the inputs joined into this file (bench/merge/). */
  merged?: MergeInfo;
}

/** One measurement of the parallelism control: K CPU-bound processes at once vs one alone. */
export interface ParallelismSample {
  measuredAt: string;
  /** Processes run at once (the usable cores). */
  processes: number;
  /** Work done by the K processes together ÷ work one process did alone in the same time. */
  deliveredCores: number;
  /** 1-minute load average when it was measured. */
  loadAverage1m: number;
}

/** The parallelism control of a run: its samples and their median. */
export interface ParallelismControl {
  samples: ParallelismSample[];
  /** Median of the samples' delivered cores. */
  deliveredCores: number;
  /** Lowest and highest sample: how steady the machine was. */
  deliveredCoresMin: number;
  deliveredCoresMax: number;
  processes: number;
  /**
   * The machine's speed over the CPU-bound runs: the slowest of their speed samples as a
   * fraction of the fastest (1 = steady). Absent from results older than the samples.
   */
  speedRange?: { slowest: number; samples: number };
}

export type Verdict = 'supported' | 'refuted' | 'inconclusive' | 'not-applicable' | 'not-measured';

/** One claim of the article, judged on this run's numbers. */
export interface ClaimVerdict {
  /** `C1` ... `C15`. */
  id: string;
  /**
   * The runtime this verdict is about: each claim is judged once per runtime whose
   * scenarios are in the results (`node`, `python`). Absent in results files written
   * before verdicts were per runtime: read it as `node`.
   */
  runtime?: 'node' | 'python';
  /** The article's exact words. */
  quote: string;
  /** The Node.js analog under test. */
  analog: string;
  verdict: Verdict;
  /** The figures behind the verdict, e.g. "async 9.7x blocking throughput at 100 connections (95% CI 9.4-10.0)". */
  evidence: string;
  /** Scenarios whose runs the verdict used. */
  scenarioIds: string[];
}
