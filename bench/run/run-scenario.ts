/**
 * One run of one scenario against a fresh server process (or an external target):
 * start → validate one answer → warm up → drain → measured load (+ probe) with the
 * server's process tree and the generator's own CPU sampled → telemetry → stop → verify
 * no process is left → validity → ideal.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServerConfig, ServerTelemetry } from '../../servers/protocol.js';
import type { WorkloadParams } from '../../servers/workloads/types.js';
import { defaultPoolSize, idealFor, withEfficiency } from '../ideal.js';
import type { PartSpec } from '../shard.js';
import { SCENARIO_TAGS } from '../suites/scenario.js';
import type { ClientFigures, CpuCalibration, ProbeLoad, PythonFacts, RunMeasurement, RunRecord, Scenario } from '../types.js';
import { runtimeOf } from '../../servers/strategies/index.js';
import { findWorkload } from '../../servers/workloads/index.js';
import { ServerError } from '../errors.js';
import { fdLimitProblem } from './fd-limit.js';
import type { CheckSpec } from '../drivers/threads/generator-threads.js';
import { drive, type ClosedDriverName } from '../drivers/index.js';
import { TreeMonitor, type TreeFigures } from './proc-tree.js';
import { startServer, type RunningServer } from './start-server.js';
import { targetBodyCheck, targetPath, validateTargetOnce } from './target.js';
import { bodyCheckFor, expectedBodyFor, noopBodyCheck, noopExpectedBody, validateOnce, workPath, type BodyCheck } from './validate-response.js';
import { RunFindings } from './run-outcome.js';
import { invalidReasons } from './validity.js';

export interface RunContext {
  runId: string;
  usableCores: number;
  calibration?: CpuCalibration;
  /** The Python runtime's facts and bytecode calibration (runs with py-* scenarios). */
  python?: PythonFacts;
  /** Parameters a harness-side resource added (dbPath, upstreamUrl...). */
  resourceParams?: WorkloadParams;
  /** Reports a resource failure (e.g. the upstream died) after the run. */
  resourceFailure?: () => string | undefined;
  signal?: AbortSignal;
  host?: string;
  /** Busy work added to each request, % of its own time (the gate's self-test knob). */
  injectSlowdownPct?: number;
  /** The closed-model driver (default lean; `--driver`). */
  closedDriver?: ClosedDriverName;
  /** `--threads`: generator threads for the main load (the probe stays on this thread). */
  threads?: number;
  /** `--segment i/n`: this generator sends part i of n of the main load (bench/segment.ts). */
  segment?: PartSpec;
}

/** The parameters the server receives: the scenario's, the resource's, and the workload's calibrated ones. */
export function serverParams(scenario: Scenario, ctx: RunContext): WorkloadParams {
  const params: WorkloadParams = { ...scenario.params, ...ctx.resourceParams };
  const workload = findWorkload(scenario.workload);
  if (!workload?.calibrated) return params;
  return workload.calibrated(params, {
    runtime: runtimeOf(scenario.strategy),
    ...(ctx.calibration ? { nsPerIteration: ctx.calibration.nsPerIteration } : {}),
    ...(ctx.python ? { bytecodeNsPerIteration: ctx.python.bytecodeNsPerIteration } : {}),
  });
}

const DRAIN_REQUESTS_MAX = 8;
const PROBE_FIRST_ID = 1_000_000_000;
const DRAIN_FIRST_ID = 900_000_000;

/** What the load goes to: a URL, how to build paths, how to check answers. */
interface Endpoint {
  url: string;
  basePath: string;
  pathFor(id: number): string;
  check: BodyCheck;
  expectedBody?: (id: number) => string | undefined;
  /** The check as data, for generator threads. */
  checkSpec: CheckSpec;
}

function endpointFor(scenario: Scenario, url: string, params: WorkloadParams): Endpoint {
  if (scenario.target) {
    const path = targetPath(scenario.target);
    return { url, basePath: path, pathFor: () => path, check: targetBodyCheck(scenario.target), checkSpec: { kind: 'target', target: scenario.target } };
  }
  const basePath = scenario.variant ? `/work?variant=${encodeURIComponent(scenario.variant)}` : '/work';
  const expectedBody = expectedBodyFor(scenario.workload, params, scenario.variant);
  return {
    url,
    basePath,
    pathFor: (id) => workPath(id, scenario.variant),
    check: bodyCheckFor(scenario.workload, params, scenario.variant),
    ...(expectedBody ? { expectedBody } : {}),
    checkSpec: { kind: 'workload', workload: scenario.workload, params, ...(scenario.variant ? { variant: scenario.variant } : {}) },
  };
}

function connectionsOf(scenario: Scenario): number {
  return scenario.load.kind === 'closed' ? scenario.load.connections : scenario.load.maxConnections;
}

/**
 * After warm-up the generator closes its connections, but a blocked server still works
 * through the requests it had accepted (and pools through their queues). Requests sent
 * now queue behind that backlog, so when they have all answered the window starts clean.
 */
async function drain(endpoint: Endpoint, requests: number): Promise<void> {
  await Promise.allSettled(
    Array.from({ length: requests }, (_, i) =>
      fetch(endpoint.url + endpoint.pathFor(DRAIN_FIRST_ID + i), { signal: AbortSignal.timeout(30_000) }).then((r) => r.arrayBuffer()),
    ),
  );
}

interface Window {
  warmupS: number;
  onWindowStart?: () => void;
}

/** The main load and the probe, together; both warm up inside the same continuous load. */
async function measure(scenario: Scenario, endpoint: Endpoint, durationS: number, window: Window, ctx: RunContext): Promise<[ClientFigures, ClientFigures | undefined]> {
  const { signal, closedDriver } = ctx;
  const common = { durationS, warmupS: window.warmupS, ...(signal ? { signal } : {}), ...(closedDriver ? { closedDriver } : {}) };
  const main = drive(scenario.load, {
    ...endpoint,
    ...common,
    ...(ctx.threads && ctx.threads > 1 ? { threads: ctx.threads } : {}),
    ...(window.onWindowStart ? { onWindowStart: window.onWindowStart } : {}),
    ...(ctx.segment ? { segment: ctx.segment } : {}),
  });
  const probe = scenario.probe ? driveProbe(scenario.probe, endpoint.url, common) : Promise.resolve(undefined);
  return Promise.all([main, probe]);
}

/**
 * The cheap-route probe over the measured window: paced Poisson arrivals (ProbeLoad), which
 * start when the main load's in-load warm-up ends, so all of its samples fall in the window.
 */
async function driveProbe(probe: ProbeLoad, url: string, common: { durationS: number; warmupS: number; signal?: AbortSignal }): Promise<ClientFigures> {
  if (common.warmupS > 0) await sleep(common.warmupS * 1000, undefined, common.signal ? { signal: common.signal } : {}).catch(() => undefined);
  return drive(
    { kind: 'rate', ratePerS: probe.ratePerS, arrival: 'poisson', maxConnections: probe.connections, durationS: common.durationS, warmupS: 0 },
    {
      url,
      basePath: probe.path,
      pathFor: (id) => `${probe.path}?id=${id}`,
      check: noopBodyCheck,
      expectedBody: noopExpectedBody,
      firstId: PROBE_FIRST_ID,
      ...common,
      warmupS: 0,
    },
  );
}

/** The server's event-loop delay p99 of each second, beside the client's figures of that second. */
export function withLoopDelay(figures: ClientFigures, loopDelayP99MsPerSecond: (number | null)[] | undefined): ClientFigures {
  if (!figures.perSecond || !loopDelayP99MsPerSecond) return figures;
  return {
    ...figures,
    perSecond: figures.perSecond.map((point) => {
      const delay = loopDelayP99MsPerSecond[point.tS];
      return typeof delay === 'number' && Number.isFinite(delay) ? { ...point, loopDelayP99Ms: delay } : point;
    }),
  };
}

/**
 * One run, as its steps: check descriptors → start the server → validate one answer →
 * warm up (open model) → measured window (load + probe, samplers) → telemetry → judge →
 * stop the server. Each step records its problems in `findings`; the record is built at
 * the end, after the server has stopped.
 */
export async function runScenarioOnce(scenario: Scenario, repetition: number, ctx: RunContext): Promise<RunRecord> {
  const findings = new RunFindings({ runId: ctx.runId, scenarioId: scenario.id, repetition, startedAt: new Date().toISOString() });
  const params = scenario.target ? scenario.params : serverParams(scenario, ctx);
  if (!haveFileDescriptors(scenario, findings)) return findings.record();
  const started = await startServerFor(scenario, params, ctx, findings);
  if (!started) return findings.record();
  try {
    await loadServer(scenario, params, started.server, ctx, findings);
  } finally {
    await stopServer(started.server, findings);
  }
  return findings.record();
}

/** Everything between the server's start and its stop. */
async function loadServer(scenario: Scenario, params: WorkloadParams, server: RunningServer | undefined, ctx: RunContext, findings: RunFindings): Promise<void> {
  const endpoint = endpointFor(scenario, scenario.target ? new URL(scenario.target.url).origin : server!.url, params);
  if (!(await validateBeforeLoad(scenario, endpoint, params, server, findings))) return;
  await warmUpApart(scenario, endpoint, ctx);
  if (interrupted(ctx, findings)) return;
  const window = await measureWindow(scenario, endpoint, server, ctx);
  const telemetry = await server?.collectTelemetry();
  findings.measuredAs(measurementOf(scenario, window, telemetry, ctx));
  judgeAfterLoad(window, server, ctx, findings);
}

function haveFileDescriptors(scenario: Scenario, findings: RunFindings): boolean {
  const problem = fdLimitProblem(connectionsOf(scenario) + (scenario.probe?.connections ?? 0));
  if (problem) findings.errored(problem);
  return problem === undefined;
}

/** A fresh server for the scenario (none for an external target); undefined when it did not start. */
async function startServerFor(scenario: Scenario, params: WorkloadParams, ctx: RunContext, findings: RunFindings): Promise<{ server?: RunningServer } | undefined> {
  if (scenario.target) return {};
  const config: ServerConfig = {
    strategy: scenario.strategy,
    workload: scenario.workload,
    params,
    poolSize: scenario.poolSize ?? defaultPoolSize(ctx.usableCores),
    host: ctx.host ?? '127.0.0.1',
    ...(ctx.injectSlowdownPct ? { injectSlowdownPct: ctx.injectSlowdownPct } : {}),
  };
  try {
    return { server: await startServer(config) };
  } catch (error) {
    findings.errored((error as Error).message, error instanceof ServerError ? error.stderrTail : undefined);
    return undefined;
  }
}

/** One fully checked answer before any load; false when the run stops here. */
async function validateBeforeLoad(scenario: Scenario, endpoint: Endpoint, params: WorkloadParams, server: RunningServer | undefined, findings: RunFindings): Promise<boolean> {
  try {
    if (scenario.target) await validateTargetOnce(scenario.target);
    else await validateOnce(endpoint.url, scenario.workload, params, scenario.variant);
    return true;
  } catch (error) {
    const failure = server?.failure();
    const reason = failure ?? (error as Error).message;
    if (failure) findings.errored(reason, server!.stderrTail());
    else findings.invalid(reason);
    // A scenario that exists to show wrong answers (claim C14) is measured anyway, so
    // the load's validation can count them; the run stays `invalid`.
    if (!failure && scenario.tags?.includes(SCENARIO_TAGS.expectWrongAnswers)) return true;
    if (server && !failure) findings.keepStderr(server.stderrTail());
    return false;
  }
}

/**
 * The open model cannot continue one schedule into another: it warms up separately, then
 * lets a blocked server work off what it accepted before the window opens. (The closed
 * model warms up inside the measured load.)
 */
async function warmUpApart(scenario: Scenario, endpoint: Endpoint, ctx: RunContext): Promise<void> {
  const load = scenario.load;
  if (load.kind !== 'rate' || load.warmupS <= 0) return;
  await measure(scenario, endpoint, load.warmupS, { warmupS: 0 }, ctx);
  await drain(endpoint, DRAIN_REQUESTS_MAX);
}

function interrupted(ctx: RunContext, findings: RunFindings): boolean {
  if (ctx.signal?.aborted) findings.errored('interrupted');
  return ctx.signal?.aborted ?? false;
}

/** What the measured window gave: the loads' figures and the samplers'. */
interface MeasuredWindow {
  client: ClientFigures;
  probe: ClientFigures | undefined;
  tree: TreeFigures | undefined;
  /** The generator's own CPU over the window, % of one core (all its threads together). */
  loadgenCpuPct: number;
}

/** The measured load (+ probe), with the server's process tree and the generator's CPU sampled over the window only. */
async function measureWindow(scenario: Scenario, endpoint: Endpoint, server: RunningServer | undefined, ctx: RunContext): Promise<MeasuredWindow> {
  const load = scenario.load;
  // Samplers open with the measured window (after the closed model's in-load warm-up).
  let monitor: TreeMonitor | undefined;
  let loadgenCpuStart = process.cpuUsage();
  let wallStartMs = performance.now();
  const openWindow = () => {
    server?.send({ type: 'reset' });
    if (server) {
      server.rememberTree();
      monitor = new TreeMonitor(server.pid);
    }
    loadgenCpuStart = process.cpuUsage();
    wallStartMs = performance.now();
  };
  const inLoadWarmupS = load.kind === 'closed' ? load.warmupS : 0;
  if (inLoadWarmupS === 0) openWindow();
  const [client, probe] = await measure(scenario, endpoint, load.durationS, { warmupS: inLoadWarmupS, ...(inLoadWarmupS > 0 ? { onWindowStart: openWindow } : {}) }, ctx);
  const wallS = Math.max(0.001, (performance.now() - wallStartMs) / 1000);
  const loadgenCpu = process.cpuUsage(loadgenCpuStart);
  // Cores busy over the window itself: the requests in flight at its end keep the server
  // working through their grace, which cpuS includes and a window's cores must not.
  const tree = (monitor as TreeMonitor | undefined)?.stop(wallStartMs + client.durationS * 1000);
  return { client, probe, tree, loadgenCpuPct: ((loadgenCpu.user + loadgenCpu.system) / 1e6 / wallS) * 100 };
}

/** The run's figures: the window's, the server's telemetry beside them, the ideal. */
function measurementOf(scenario: Scenario, window: MeasuredWindow, telemetry: ServerTelemetry | undefined, ctx: RunContext): RunMeasurement {
  const loopDelay = telemetry?.loopDelayP99MsPerSecond;
  if (telemetry) delete telemetry.loopDelayP99MsPerSecond; // kept once, in the per-second series
  const ideal = idealFor(scenario, ctx.usableCores);
  return {
    client: withLoopDelay(window.client, loopDelay),
    ...(window.probe ? { probe: withLoopDelay(window.probe, loopDelay) } : {}),
    ...(window.tree ? { server: { ...window.tree, ...(telemetry ? { telemetry } : {}) } } : {}),
    loadgen: { cpuPct: window.loadgenCpuPct },
    ...(ideal ? { ideal: withEfficiency(ideal, window.client.rps) } : {}),
  };
}

/** After the load: the server or a resource failed, the run was interrupted, or its figures are not the server's. */
function judgeAfterLoad(window: MeasuredWindow, server: RunningServer | undefined, ctx: RunContext, findings: RunFindings): void {
  const failure = server?.failure() ?? ctx.resourceFailure?.();
  if (interrupted(ctx, findings)) return;
  if (failure) return findings.errored(failure, server?.stderrTail());
  // With --threads N the process's CPU is N threads': saturation is per thread (their mean).
  const reasons = [...invalidReasons(window.client, window.loadgenCpuPct / Math.max(1, ctx.threads ?? 1)), ...(window.probe ? invalidReasons(withoutRateCheck(window.probe), 0, 'probe') : [])];
  for (const reason of reasons) findings.invalid(reason);
}

/**
 * A probe answered late is what it measures (head-of-line blocking), not a generator that
 * fell short of its rate: its answers are all timed (late ones too, within the timeout), so
 * only failures make it invalid.
 */
function withoutRateCheck(probe: ClientFigures): ClientFigures {
  const { requestedRatePerS: _requested, ...rest } = probe;
  return rest;
}

/** Stops the server and checks that no process of its tree is left. */
async function stopServer(server: RunningServer | undefined, findings: RunFindings): Promise<void> {
  const stop = await server?.stop();
  if (stop && stop.leftoverPids.length > 0) findings.errored(`processes left after stop: ${stop.leftoverPids.join(', ')}`);
}
