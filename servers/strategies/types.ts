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
 * A strategy decides only *where* the workload runs. The route, the port and the process
 * boundary to the harness are shared (servers/serve.ts).
 */
export interface Strategy {
  name: string;
  runtime: Runtime;
  role: StrategyRole;
  /** What it demonstrates, one line. */
  description: string;
  /**
   * `single`: one HTTP server process; `prefork`: node:cluster, poolSize server processes
   * sharing the port, each running `createHandler` of its own.
   */
  topology: 'single' | 'prefork';
  /** Whether a pool size applies (worker-threads, child-process, cluster). */
  usesPool: boolean;
  /** How many requests can do their work at the same time, given the pool size. */
  executors(poolSize: number): number;
  /** Whether the workload's blocking implementation is the one that runs. */
  runsBlockingImplementation: boolean;
  createHandler(ctx: HandlerContext): Promise<HandlerInstance>;
}
