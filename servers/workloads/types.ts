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
import type { Runtime } from '../strategies/types.js';

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

/**
 * The machine's calibrations, for a workload whose work per request is sized on the
 * machine it runs on (cpu: `cpuMs` → `cpuIterations`). The harness measures them once per
 * run and records them with the results.
 */
export interface Calibrations {
  /** The runtime of the server that will run the workload. */
  runtime: Runtime;
  /** Node.js: CPU ns one PBKDF2-SHA256 round costs (bench/run/calibrate-cpu.ts). */
  nsPerIteration?: number;
  /** Python: CPU ns one step of the pure-Python loop costs (servers/python/serve.py --facts). */
  bytecodeNsPerIteration?: number;
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
  /**
   * The exact body of a correct answer to request `id`, for workloads whose server output
   * is known byte for byte (the server serialises `{ workload, id, value }` with
   * JSON.stringify, keys in that order) and cheap to build: a load driver then recognises a
   * right answer by a string comparison (the lean driver). A body that differs still goes
   * through the full check before it is called wrong.
   */
  exactBody?(params: WorkloadParams): (id: number) => string;
  /** Whether these parameters leave the work per request to the machine's calibration (the harness then calibrates once per run). */
  usesCalibration?(params: WorkloadParams): boolean;
  /**
   * The parameters the server receives, the work per request sized with the calibrations
   * (e.g. cpu: `cpuIterations` from `cpuMs`). Throws when a calibration it needs is missing.
   */
  calibrated?(params: WorkloadParams, calibrations: Calibrations): WorkloadParams;
  /** Each request's work is CPU time, so the cores bound it: the suite measures the cores the machine delivers beside these runs. */
  cpuBound?: boolean;
}
