import type { HardwareFacts } from '../../machine.js';
/**
 * The data model of the micro-benchmarks (`npm run bench:micro`): what the costs under the
 * strategies are on this machine, measured in isolation (tinybench timings and memory
 * measurements). The main harness embeds a `MicroResults` under `micro` in its results
 * file. Units are in every numeric field name.
 */
import type { ProcessReaper } from './processes.js';

export const MICRO_SCHEMA_VERSION = 1;

/** The registry names (bench/tools/micro/index.ts), in run order. */
export type MicroBenchmarkName =
  | 'sync-vs-await'
  | 'gather-vs-sequential'
  | 'pool-round-trip'
  | 'startup'
  | 'memory-per-unit'
  | 'article-snippets'
  | 'python-memory-per-unit';

/**
 * Statistics of one tinybench task, its samples pooled over alternating rounds (A B A B).
 * An "op" is what one sample timed, divided by `opsPerSample`.
 */
export interface TimingStats {
  meanNsPerOp: number;
  p50NsPerOp: number;
  minNsPerOp: number;
  maxNsPerOp: number;
  sdNsPerOp: number;
  /** Relative margin of error of the mean (95%, Student's t, as tinybench computes it), in percent. */
  rmePct: number;
  /** Timed samples (tinybench iterations) over all rounds, warm-up excluded. */
  samples: number;
  /** Alternating rounds the samples come from. */
  rounds: number;
  /** Operations each sample ran (a batch, so that timer overhead stays negligible). */
  opsPerSample: number;
}

/** 1. A plain synchronous call vs `await` of an async function that returns the same value. */
export interface SyncVsAwaitResult {
  sync: TimingStats;
  await: TimingStats;
  awaitOverSyncRatio: number;
}

/** 2. Claim C2: `Promise.all` of N timers of S ms vs the same N timers awaited one after another. */
export interface GatherVsSequentialResult {
  timerCount: number;
  timerMs: number;
  gather: TimingStats;
  sequential: TimingStats;
  gatherWallMs: number;
  sequentialWallMs: number;
  sequentialOverGatherRatio: number;
  /** What physics allows: S for the gather, N·S for the sequence, so N for the ratio. */
  idealGatherWallMs: number;
  idealSequentialWallMs: number;
  idealSequentialOverGatherRatio: number;
}

/** 3. One noop task through a 1-thread piscina pool vs through a 1-child ChildPool (IPC, JSON). */
export interface PoolRoundTripResult {
  poolSize: number;
  piscina: TimingStats;
  childIpc: TimingStats;
  piscinaUsPerOp: number;
  childIpcUsPerOp: number;
  childIpcOverPiscinaRatio: number;
}

/** 4. Start a worker thread (until its first message) vs fork a child (until its first IPC message). */
export interface StartupResult {
  worker: TimingStats;
  fork: TimingStats;
  workerStartMs: number;
  forkStartMs: number;
  forkOverWorkerRatio: number;
}

/** Memory one concurrent unit costs. */
export interface MemoryUnitFigures {
  /** How many units were measured together (the figures are per unit). */
  unitCount: number;
  /** Resident set size per unit. */
  rssBytesPerUnit: number;
  /** Proportional set size per unit (shared pages split among the processes sharing them); null where /proc is unavailable. */
  pssBytesPerUnit: number | null;
  /** V8 heap in use per unit; null when not measurable for that unit. */
  heapUsedBytesPerUnit: number | null;
  /** How the figures were obtained, one sentence. */
  method: string;
}

/** 5. Claim C5: memory per pending async call vs per idle worker thread vs per idle child process. */
export interface MemoryPerUnitResult {
  /** Whether the measuring process could force a full GC (`--expose-gc`) before each snapshot. */
  gcExposed: boolean;
  pendingAsyncCall: MemoryUnitFigures;
  workerThread: MemoryUnitFigures;
  childProcess: MemoryUnitFigures;
  workerOverAsyncCallRssRatio: number;
  childOverWorkerRssRatio: number;
}

export interface MicroResultsByName {
  'sync-vs-await': SyncVsAwaitResult;
  'gather-vs-sequential': GatherVsSequentialResult;
  'pool-round-trip': PoolRoundTripResult;
  startup: StartupResult;
  'memory-per-unit': MemoryPerUnitResult;
  'article-snippets': ArticleSnippetsResult;
  'python-memory-per-unit': PythonMemoryPerUnitResult;
}

/** Claim C5 on Python: memory per pending coroutine vs idle thread vs idle process (no heap figure). */
export interface PythonMemoryPerUnitResult {
  pendingCoroutine: MemoryUnitFigures;
  thread: MemoryUnitFigures;
  process: MemoryUnitFigures;
  threadOverCoroutineRssRatio: number;
  processOverThreadRssRatio: number;
}

/** The article's Python examples as written (servers/python/snippets.py), one wall time each. */
export interface ArticleSnippetsResult {
  /** Multiplier of the article's sleeps (1: as written). */
  scale: number;
  python: string;
  snippets: { name: string; quote: string; wallMs: number; idealMs: number }[];
}

/** The machine facts a micro results file records. */
export type MicroMachineFacts = HardwareFacts;

export interface MicroBenchmarkError {
  benchmark: MicroBenchmarkName;
  message: string;
}

export interface MicroResults {
  schemaVersion: typeof MICRO_SCHEMA_VERSION;
  kind: 'loopbench-micro';
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  machine: MicroMachineFacts;
  /**
   * 1-minute load average before and after: on a 2-core machine anything else running
   * (another benchmark, a build) shows up in the timings; this says whether it did.
   */
  loadAverage1mAtStart: number;
  loadAverage1mAtEnd: number;
  /** The benchmarks that were asked for, in run order. */
  benchmarksRun: MicroBenchmarkName[];
  /** One entry per benchmark that completed. */
  results: { [K in MicroBenchmarkName]?: MicroResultsByName[K] };
  /** Benchmarks that failed; the others still ran. */
  errors: MicroBenchmarkError[];
}

/** One measured item, as the CSV and the terminal table show it. */
export interface MicroRow {
  benchmark: MicroBenchmarkName;
  item: string;
  unit: 'ns/op' | 'us/op' | 'ms' | 'bytes/unit' | 'ratio';
  value: number;
  rmePct: number | null;
  samples: number | null;
}

/** What a benchmark gets to run with. */
export interface MicroContext {
  log(line: string): void;
  /** Every process the benchmark starts is tracked here, so it can be killed by PID whatever happens. */
  reaper: ProcessReaper;
}

/** A benchmark: one file in bench/tools/micro/benchmarks/, one line in the registry. */
export interface MicroBenchmark<R> {
  name: MicroBenchmarkName;
  /** One line for --help and reports. */
  description: string;
  /** The claim of CLAIMS.md it gives evidence for, if any. */
  claim?: string;
  run(ctx: MicroContext): Promise<R>;
  /** The rows of the CSV / table. */
  rows(result: R): Omit<MicroRow, 'benchmark'>[];
}
