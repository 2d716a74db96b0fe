/**
 * The messages between the harness (parent) and a server process, over the IPC channel
 * that `child_process.fork` opens. Also used between a cluster primary and its workers.
 */
import type { WorkloadParams } from './workloads/types.js';

/** What the harness tells a server at start (argv[2], JSON). */
export interface ServerConfig {
  strategy: string;
  workload: string;
  params: WorkloadParams;
  /** Worker threads, pool children or cluster processes. */
  poolSize: number;
  /** Address to bind; 127.0.0.1 unless the user explicitly asked for another. */
  host: string;
  /**
   * Self-test knob of the CI gate (`--inject-slowdown PCT%`): after each `/work`
   * request's handler ran, spin for this percentage of the time it held the event loop
   * (servers/route.ts). Absent or 0: no slowdown.
   */
  injectSlowdownPct?: number;
}

/** Event-loop figures of one server process over the measured window. */
export interface ServerTelemetry {
  eventLoopDelayMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  /** Event-loop utilisation, 0..1 (perf_hooks.performance.eventLoopUtilization). */
  eventLoopUtilization: number;
  /** Requests the HTTP layer answered in the window (all routes). */
  requestsServed: number;
  /** Server processes that contributed (cluster: N). */
  serverProcesses: number;
  /**
   * Event-loop delay p99 of each second since the window opened (`reset`), ms; cluster:
   * the worst process each second; null for a second without a sample. Absent for servers
   * that do not report it.
   */
  loopDelayP99MsPerSecond?: (number | null)[];
}

/**
 * What a server started without an IPC channel (by hand, or under clinic) prints on stdout
 * once it listens, as exactly one line: `LOOPBENCH_READY <url>`.
 */
export const READY_LINE_PREFIX = 'LOOPBENCH_READY';

export type ParentToServer = { type: 'reset' } | { type: 'collect' };

export type ServerToParent =
  /** `facts`: a Python server's interpreter and package versions (servers/python/serve.py). */
  | { type: 'ready'; url: string; pid: number; facts?: Record<string, unknown> }
  | { type: 'telemetry'; telemetry: ServerTelemetry }
  | { type: 'fatal'; message: string };

/** Cluster worker → primary, in addition to the telemetry reply. */
export type WorkerToPrimary = { type: 'worker-ready'; url: string } | { type: 'telemetry'; telemetry: ServerTelemetry };
