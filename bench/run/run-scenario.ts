/**
 * One run of one scenario against a fresh server process:
 * start → validate one answer → warm up → measured load (+ probe) with the server's
 * process tree and the generator's own CPU sampled → telemetry → stop → verify no
 * process is left → validity → ideal.
 */
import type { ServerConfig } from '../../servers/protocol.js';
import type { WorkloadParams } from '../../servers/workloads/types.js';
import { defaultPoolSize, idealFor, withEfficiency } from '../ideal.js';
import type { ClientFigures, CpuCalibration, RunRecord, Scenario } from '../types.js';
import { cpuIterationsFor } from './calibrate-cpu.js';
import { runClosedLoad } from './closed-driver.js';
import { ServerError } from './errors.js';
import { TreeMonitor } from './proc-tree.js';
import { startServer, type RunningServer } from './start-server.js';
import { bodyCheckFor, noopBodyCheck, validateOnce, workPath } from './validate-response.js';
import { invalidReasons } from './validity.js';

export interface RunContext {
  runId: string;
  usableCores: number;
  calibration?: CpuCalibration;
  /** Parameters a harness-side resource added (dbPath, upstreamUrl...). */
  resourceParams?: WorkloadParams;
  /** Reports a resource failure (e.g. the upstream died) after the run. */
  resourceFailure?: () => string | undefined;
  signal?: AbortSignal;
  host?: string;
  /** Gate self-test knob, passed to the server (servers/route.ts). */
  injectSlowdownPct?: number;
}

/** The parameters the server receives: the scenario's, the resource's, and calibration. */
export function serverParams(scenario: Scenario, ctx: RunContext): WorkloadParams {
  const params: WorkloadParams = { ...scenario.params, ...ctx.resourceParams };
  if (scenario.workload === 'cpu' && params['cpuIterations'] === undefined) {
    if (!ctx.calibration) throw new Error('cpu workload needs a CPU calibration');
    params['cpuIterations'] = cpuIterationsFor(Number(params['cpuMs']), ctx.calibration);
  }
  return params;
}

function driveMain(scenario: Scenario, server: RunningServer, params: WorkloadParams, durationS: number, signal?: AbortSignal): Promise<ClientFigures> {
  if (scenario.load.kind !== 'closed') throw new Error(`load kind '${scenario.load.kind}' is not supported by this runner`);
  return runClosedLoad({
    url: server.url,
    pathFor: (id) => workPath(id, scenario.variant),
    connections: scenario.load.connections,
    durationS,
    check: bodyCheckFor(scenario.workload, params, scenario.variant),
    ...(signal ? { signal } : {}),
  });
}

function driveProbe(scenario: Scenario, server: RunningServer, durationS: number, signal?: AbortSignal): Promise<ClientFigures> | undefined {
  if (!scenario.probe) return undefined;
  const path = scenario.probe.path;
  return runClosedLoad({
    url: server.url,
    pathFor: (id) => `${path}?id=${id}`,
    connections: scenario.probe.connections,
    durationS,
    check: noopBodyCheck,
    firstId: 1_000_000_000,
    ...(signal ? { signal } : {}),
  });
}

const DRAIN_REQUESTS_MAX = 64;

function connectionsOf(scenario: Scenario): number {
  return scenario.load.kind === 'closed' ? scenario.load.connections : Math.min(scenario.load.maxConnections, 16);
}

/**
 * After warm-up the generator closes its connections, but a blocked server still works
 * through the requests it had accepted (and pools through their queues). Requests sent
 * now queue behind that backlog, so when they have all answered the backlog is gone and
 * the measured window starts clean.
 */
async function drain(url: string, scenario: Scenario, requests: number): Promise<void> {
  await Promise.allSettled(
    Array.from({ length: requests }, (_, i) =>
      fetch(url + workPath(900_000_000 + i, scenario.variant), { signal: AbortSignal.timeout(30_000) }).then((r) => r.arrayBuffer()),
    ),
  );
}

export async function runScenarioOnce(scenario: Scenario, repetition: number, ctx: RunContext): Promise<RunRecord> {
  const record: RunRecord = {
    runId: ctx.runId,
    scenarioId: scenario.id,
    repetition,
    state: 'ok',
    reasons: [],
    startedAt: new Date().toISOString(),
  };
  const params = serverParams(scenario, ctx);
  const config: ServerConfig = {
    strategy: scenario.strategy,
    workload: scenario.workload,
    params,
    poolSize: scenario.poolSize ?? defaultPoolSize(ctx.usableCores),
    host: ctx.host ?? '127.0.0.1',
    ...(ctx.injectSlowdownPct ? { injectSlowdownPct: ctx.injectSlowdownPct } : {}),
  };

  let server: RunningServer;
  try {
    server = await startServer(config);
  } catch (error) {
    return { ...record, state: 'errored', reasons: [(error as Error).message], ...(error instanceof ServerError ? { stderrTail: error.stderrTail } : {}) };
  }

  try {
    try {
      await validateOnce(server.url, scenario.workload, params, scenario.variant);
    } catch (error) {
      const failure = server.failure();
      record.state = failure ? 'errored' : 'invalid';
      record.reasons.push(failure ?? (error as Error).message);
      record.stderrTail = server.stderrTail();
      return record;
    }
    const load = scenario.load;
    if (load.warmupS > 0) {
      await Promise.all([driveMain(scenario, server, params, load.warmupS, ctx.signal), driveProbe(scenario, server, load.warmupS, ctx.signal)]);
    }
    await drain(server.url, scenario, Math.min(connectionsOf(scenario), DRAIN_REQUESTS_MAX));
    if (ctx.signal?.aborted) {
      record.state = 'errored';
      record.reasons.push('interrupted');
      return record;
    }

    server.send({ type: 'reset' });
    server.rememberTree();
    const monitor = new TreeMonitor(server.pid);
    const loadgenCpuStart = process.cpuUsage();
    const wallStartMs = performance.now();
    const [client, probe] = await Promise.all([
      driveMain(scenario, server, params, load.durationS, ctx.signal),
      driveProbe(scenario, server, load.durationS, ctx.signal),
    ]);
    const wallS = (performance.now() - wallStartMs) / 1000;
    const loadgenCpu = process.cpuUsage(loadgenCpuStart);
    const tree = monitor.stop();
    const telemetry = await server.collectTelemetry();
    const loadgenCpuPct = ((loadgenCpu.user + loadgenCpu.system) / 1e6 / wallS) * 100;

    record.client = client;
    if (probe) record.probe = probe;
    record.server = { ...tree, ...(telemetry ? { telemetry } : {}) };
    record.loadgen = { cpuPct: loadgenCpuPct };

    const failure = server.failure() ?? ctx.resourceFailure?.();
    if (ctx.signal?.aborted) {
      record.state = 'errored';
      record.reasons.push('interrupted');
    } else if (failure) {
      record.state = 'errored';
      record.reasons.push(failure);
      record.stderrTail = server.stderrTail();
    } else {
      const reasons = [...invalidReasons(client, loadgenCpuPct), ...(probe ? invalidReasons(probe, 0, 'probe') : [])];
      if (reasons.length > 0) {
        record.state = 'invalid';
        record.reasons.push(...reasons);
      }
    }
    const ideal = idealFor(scenario, ctx.usableCores);
    if (ideal) record.ideal = withEfficiency(ideal, client.rps);
    return record;
  } finally {
    const stop = await server.stop();
    if (stop.leftoverPids.length > 0) {
      record.state = 'errored';
      record.reasons.push(`processes left after stop: ${stop.leftoverPids.join(', ')}`);
    }
  }
}
