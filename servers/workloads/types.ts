/**
 * The contract of a workload: what one request does.
 *
 * Every workload has a blocking implementation (sync APIs, busy CPU, Atomics.wait)
 * and a non-blocking one (timers, promises, async drivers). A strategy decides only
 * *where* the implementation runs (event loop, worker thread, child process).
 *
 * Workload parameters are plain JSON values with units in their names (`sleepMs`,
 * `cpuMs`) so they can cross process and thread boundaries unchanged.
 */
export type ParamValue = number | string | boolean;
export type WorkloadParams = Record<string, ParamValue>;

/** What every response body carries, so the client can tell a computed answer from a wrong or early one. */
export interface WorkBody {
  /** The workload's name. */
  workload: string;
  /** The request id the client sent (echoed). */
  id: number;
  /** A value derived from the request and the work done (see each workload's `expectedValue`). */
  value: string | number;
}

/** Per-request input. */
export interface WorkRequest {
  id: number;
  /** Optional route variant, e.g. `fast` / `slow` for the db workload. */
  variant?: string;
}

/** Numeric parameter rule, used for validation and for the CLI's error messages. */
export interface ParamSpec {
  kind: 'number' | 'integer' | 'boolean' | 'string';
  /** Inclusive bounds for numbers. */
  min?: number;
  max?: number;
  /** Allowed values for strings. */
  oneOf?: readonly string[];
  description: string;
}

/**
 * Context handed to a workload once per process (or thread) before it serves: lets
 * workloads open databases, read calibration, etc. It must be serialisable-free: each
 * thread or process builds its own.
 */
export interface WorkloadContext {
  params: WorkloadParams;
}

export interface Workload {
  name: string;
  /** One line for reports and --help. */
  description: string;
  /** Default parameters (units in the names). */
  defaults: WorkloadParams;
  /** Rules for each parameter the workload accepts. */
  paramSpecs: Record<string, ParamSpec>;
  /**
   * Prepare per-process/thread state (open a DB, allocate a buffer). Called once in every
   * process or thread that will run the implementations, before the server reports ready.
   */
  init?(ctx: WorkloadContext): Promise<void> | void;
  /** Release per-process state (close DB handles). */
  close?(): Promise<void> | void;
  /** Blocking implementation: returns only when the work is done, holding the thread. */
  runBlocking(params: WorkloadParams, req: WorkRequest): WorkBody;
  /** Non-blocking implementation: yields the thread while it waits. */
  runNonBlocking(params: WorkloadParams, req: WorkRequest): Promise<WorkBody>;
  /**
   * The value a correct answer carries for this request, when the client can compute it
   * cheaply; `undefined` means only the shape (workload, id, value type) is checked per
   * request and the full value is checked on the pre-load validation request via
   * `verifyValue`.
   */
  expectedValue?(params: WorkloadParams, req: WorkRequest): string | number | undefined;
  /** Full (possibly expensive) check of one answer's value, used before load starts. */
  verifyValue?(params: WorkloadParams, req: WorkRequest, value: string | number): boolean;
}
