import type { WorkBody, Workload, WorkloadParams, WorkRequest } from '../workloads/types.js';

/** Runs one request's work somewhere (event loop, worker thread, child process). */
export type Handler = (req: WorkRequest) => Promise<WorkBody>;

export interface HandlerContext {
  workloadName: string;
  workload: Workload;
  params: WorkloadParams;
  /** Worker threads / child processes / cluster processes (already defaulted to the cores). */
  poolSize: number;
}

export interface HandlerInstance {
  handle: Handler;
  /** Stops pools and releases resources; the process can then exit cleanly. */
  close(): Promise<void>;
}

/** The language a server variant runs in (DESIGN.md): Node.js analogs, or the article's own Python. */
export type Runtime = 'node' | 'python';

/**
 * What a strategy stands for in the article's terms, the same across runtimes, so a claim
 * names `threads` and is judged on worker threads (Node.js) and a thread pool (Python):
 * `blocking` (blocking work on the event loop), `async` (non-blocking, awaited),
 * `threads` (a thread pool), `processes` (a process pool), `prefork` (several server
 * processes sharing the port), `thread-per-request`, `forgot-await` (the bug, claim C14).
 */
export type StrategyRole = 'blocking' | 'async' | 'threads' | 'processes' | 'prefork' | 'thread-per-request' | 'forgot-await';

/**
 * What one concurrent request occupies under a strategy, for the memory-per-unit chart:
 * the unit's name and how many there were in a scenario (`connections`: one per
 * connection, e.g. a pending promise or coroutine; `pool`: the pool size, e.g. worker
 * threads or processes).
 */
export interface MemoryUnit {
  unit: string;
  countedBy: 'connections' | 'pool';
}

/**
 * What every report needs to know about a strategy, kept on the strategy itself so that a
 * new strategy is one file plus one registry line (no order, colour or label elsewhere).
 */
interface StrategyFacts {
  name: string;
  runtime: Runtime;
  role: StrategyRole;
  /** What it demonstrates, one line. */
  description: string;
  /** Whether a pool size applies (worker-threads, child-process, cluster, py-threads ...). */
  usesPool: boolean;
  /** How many requests can do their work at the same time, given the pool size. */
  executors(poolSize: number): number;
  /** Whether the workload's blocking implementation is the one that runs. */
  runsBlockingImplementation: boolean;
  /**
   * Rank in every table, chart and legend: from "all on the loop" to "many processes";
   * Node.js strategies 0-99, Python 100-199, so runtimes stay grouped.
   */
  order: number;
  /** Colour in every chart (Okabe–Ito for Node.js; Python's the same hue family, darker). */
  colour: string;
  /** Memory-per-unit chart: what one concurrent request holds; absent when not meaningful. */
  memoryUnit?: MemoryUnit;
  /** Compared on every workload by the core suites (noop/sleep/cpu × strategies). */
  core: boolean;
}

/**
 * A Node.js strategy decides only *where* the workload runs. The route, the port and the
 * process boundary to the harness are shared (servers/serve.ts).
 */
export interface NodeStrategy extends StrategyFacts {
  runtime: 'node';
  /**
   * `single`: one HTTP server process; `prefork`: node:cluster, poolSize server processes
   * sharing the port, each running `createHandler` of its own.
   */
  topology: 'single' | 'prefork';
  createHandler(ctx: HandlerContext): Promise<HandlerInstance>;
}

/**
 * A Python strategy: the harness starts `/usr/bin/python3 servers/python/serve.py` with the
 * ServerConfig; serve.py picks its own implementation by `mode` (servers/python/README in
 * serve.py's docstring). Same route contract, telemetry and stop as the Node.js servers.
 */
export interface PythonStrategy extends StrategyFacts {
  runtime: 'python';
  /** The name serve.py knows the variant by. */
  mode: 'blocking' | 'asyncio' | 'threads' | 'processes' | 'prefork';
  /** Workloads serve.py implements for it; any other is refused with a clear error before start. */
  workloads: readonly string[];
}

export type Strategy = NodeStrategy | PythonStrategy;
