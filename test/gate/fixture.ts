/**
 * Small fabricated results files for the gate's tests: no server, no load. Each scenario
 * gets one `ok` run per value of `rps`; its ideal comes from bench/ideal.ts on 2 cores.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { idealFor, withEfficiency } from '../../bench/ideal.js';
import { closedLoad, defineScenario } from '../../bench/suites/scenario.js';
import { RESULTS_SCHEMA_VERSION, type ClaimVerdict, type ResultsFile, type RunRecord, type RunState, type Scenario, type Verdict } from '../../bench/types.js';

export const CORES = 2;

export const scenarios = {
  sleepBlocking: defineScenario({ workload: 'sleep', strategy: 'blocking', params: { sleepMs: 10 }, load: closedLoad(4, 2, 0.5) }),
  cpuBlocking: defineScenario({ workload: 'cpu', strategy: 'blocking', load: closedLoad(8, 2, 0.5) }),
  cpuCluster: defineScenario({ workload: 'cpu', strategy: 'cluster', load: closedLoad(8, 2, 0.5) }),
  noopAsync: defineScenario({ workload: 'noop', strategy: 'async', load: closedLoad(10, 2, 0.5) }),
  noopBare: defineScenario({ workload: 'noop', strategy: 'bare-fastify', load: closedLoad(10, 2, 0.5) }),
};

export interface ScenarioSpec {
  scenario: Scenario;
  /** requests/s of each repetition (1-based order). */
  rps: number[];
  /** States per repetition (default all ok). */
  states?: RunState[];
}

function run(scenario: Scenario, repetition: number, rps: number, state: RunState): RunRecord {
  const ideal = idealFor(scenario, CORES);
  const latency = { mean: 10, p50: 9, p90: 12, p99: 20, p999: 25, max: 30 };
  return {
    runId: 'fixture',
    scenarioId: scenario.id,
    repetition,
    state,
    reasons: state === 'ok' ? [] : [`fixture ${state}`],
    startedAt: '2026-01-01T00:00:00.000Z',
    client: { requests: rps * 2, durationS: 2, rps, latencyMs: latency, errors: 0, timeouts: 0, non2xx: 0, wrongBodies: 0 },
    ...(ideal ? { ideal: withEfficiency(ideal, rps) } : {}),
  };
}

export function fixtureResults(
  specs: ScenarioSpec[],
  extra: { claims?: Array<[string, Verdict]>; status?: ResultsFile['status']; nsPerIteration?: number } = {},
): ResultsFile {
  const runs: RunRecord[] = [];
  const reps = Math.max(...specs.map((s) => s.rps.length));
  for (let r = 1; r <= reps; r++) {
    for (const spec of specs) {
      const rps = spec.rps[r - 1];
      if (rps !== undefined) runs.push(run(spec.scenario, r, rps, spec.states?.[r - 1] ?? 'ok'));
    }
  }
  const claims: ClaimVerdict[] = (extra.claims ?? []).map(([id, verdict]) => ({ id, quote: '', analog: '', verdict, evidence: '', scenarioIds: [] }));
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: 'loopbench',
    runId: 'fixture-run',
    suite: 'ci',
    startedAt: '2026-01-01T00:00:00.000Z',
    status: extra.status ?? 'complete',
    machine: {
      cpuModel: 'fixture',
      cores: CORES,
      usableCores: CORES,
      memoryBytes: 1,
      nodeVersion: 'v20',
      os: 'fixture',
      gitCommit: 'abc',
      lockfileSha256: null,
      hostname: 'fixture',
    },
    options: { repetitions: reps, injectSlowdownPct: 0 },
    ...(extra.nsPerIteration ? { calibration: { nsPerIteration: extra.nsPerIteration, measuredAt: '2026-01-01T00:00:00.000Z' } } : {}),
    scenarios: specs.map((s) => s.scenario),
    runs,
    summaries: [],
    ...(claims.length ? { claims } : {}),
  };
}

/** A typical ci-like set: steady efficiencies with ~1% noise, `scale` applied to cluster cpu. */
export function typicalResults(
  opts: { clusterScale?: number; sleepScale?: number; cpuScale?: number; claims?: Array<[string, Verdict]>; nsPerIteration?: number } = {},
): ResultsFile {
  const c = opts.clusterScale ?? 1;
  const s = opts.sleepScale ?? 1;
  const cpu = opts.cpuScale ?? 1;
  return fixtureResults(
    [
      { scenario: scenarios.sleepBlocking, rps: [97, 98, 96, 97.5, 96.5].map((x) => x * s) },
      { scenario: scenarios.cpuBlocking, rps: [48, 49, 48.5, 47.5, 48.2].map((x) => x * cpu) },
      { scenario: scenarios.cpuCluster, rps: [90, 91, 89, 90.5, 89.5].map((x) => x * c * cpu) },
      { scenario: scenarios.noopAsync, rps: [9000, 9100, 8950, 9050, 9020] },
      { scenario: scenarios.noopBare, rps: [10000, 10100, 9950, 10050, 10020] },
    ],
    { ...(opts.claims ? { claims: opts.claims } : {}), ...(opts.nsPerIteration ? { nsPerIteration: opts.nsPerIteration } : {}) },
  );
}

const tempDirs: string[] = [];

/** A fresh temporary folder, removed by {@link removeTempDirs} (call it in afterAll). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(os.tmpdir(), `loopbench-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
