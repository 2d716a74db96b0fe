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

/**
 * A strategy decides only *where* the workload runs. The route, the port and the process
 * boundary to the harness are shared (servers/serve.ts).
 */
export interface Strategy {
  name: string;
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
