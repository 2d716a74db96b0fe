/**
 * The pipeline for one suite: plan → resources → for each run (interleaved): fresh
 * server, validate, warm up, load, collect → raw record written at once → summaries.
 * Reporting happens in the caller (bench/cli.ts).
 */
import { loadavg } from 'node:os';
import { claimIds, claims, judgeAll, microNeeded } from './claims/index.js';
import { machineFacts } from './machine.js';
import { runMicroBenchmarks } from './tools/micro/run.js';
import type { MicroBenchmarkName, MicroResults } from './tools/micro/types.js';
import type { BenchOptions } from './options.js';
import { repetitionsOf, type Plan } from './plan.js';
import { Progress } from './progress.js';
import { RunStore } from './results/run-store.js';
import { runtimeOf } from '../servers/strategies/index.js';
import { findWorkload, usesCalibration } from '../servers/workloads/index.js';
import { calibrateCpu, measureKernelSpeed } from './run/calibrate-cpu.js';
import { pythonFacts } from './run/python-facts.js';
import { aaNoiseCheck, ceilingText, harnessCeiling } from './run/harness-checks.js';
import { deliveredCoresText, MAX_CONTROL_PROCESSES, measureDeliveredCores, parallelismControlOf, speedRangeOf } from './run/parallelism-control.js';
import { resourceFor } from './run/resources/index.js';
import type { PreparedResource } from './run/resources/types.js';
import { runScenarioOnce, type RunContext } from './run/run-scenario.js';
import { producedBy } from './provenance.js';
import { segmentInfo, waitUntil } from './segment.js';
import { summarizeAll, type CeilingInput } from './summarize.js';
import { RESULTS_SCHEMA_VERSION, type CpuCalibration, type MachineFacts, type ParallelismSample, type PythonFacts, type SpeedSample, type ResultsFile, type RunRecord, type Scenario, type ScenarioSummary } from './types.js';

/**
 * The parallelism control runs interleaved with the cpu scenarios: before a cpu run when
 * its last sample is older than this, and once after the last run (about 1.5 s a sample).
 */
export const PARALLELISM_CONTROL_EVERY_MS = 15_000;

/** The ceiling with where it came from (cached or measured now), for the summaries' notes. */
/**
 * The summaries after a run of `scenario`: only that scenario's summary can change (a summary
 * reads its own scenario's runs and the ceiling), so the others are kept, not recomputed; the
 * first call (or any call on a list that does not match the plan) summarises every scenario.
 */
function withScenarioSummarized(summaries: ScenarioSummary[], scenarios: Scenario[], scenario: Scenario, runs: RunRecord[], ceiling: CeilingInput | undefined): ScenarioSummary[] {
  const index = scenarios.findIndex((s) => s.id === scenario.id);
  if (index < 0 || summaries.length !== scenarios.length || summaries.some((s, i) => s.scenarioId !== scenarios[i]!.id)) return summarizeAll(scenarios, runs, ceiling);
  const next = [...summaries];
  next[index] = summarizeAll([scenario], runs, ceiling)[0]!;
  return next;
}

function ceilingOf(results: ResultsFile): CeilingInput | undefined {
  const c = results.harnessCeiling;
  return c && 'rps' in c ? c : results.harnessCeilingRps;
}

/** Whether the control is needed: CPU-bound scenarios on servers loopbench starts. */
function needsParallelismControl(scenario: Scenario): boolean {
  return findWorkload(scenario.workload)?.cpuBound === true && !scenario.target;
}

export interface SuiteRun {
  results: ResultsFile;
  store: RunStore;
}

/**
 * Everything runSuite asks of the machine: facts, calibrations, resources, the harness
 * checks, the micro-benchmarks, the parallelism control and the runs themselves. The real
 * runner starts servers and processes; a fake one (test/pipeline/fake-runner.ts, like
 * hyperfine's MockExecutor) returns canned figures, so the pipeline from plan to reports
 * runs in the unit tier.
 */
export interface SuiteRunner {
  machineFacts(): MachineFacts;
  calibrateCpu(): CpuCalibration;
  pythonFacts(): Promise<PythonFacts>;
  /** The scenario's harness-side resource (database, upstream, file), when its workload has one. */
  prepareResource(scenario: Scenario): Promise<PreparedResource | undefined>;
  harnessCeiling(machine: MachineFacts, ctx: RunContext): Promise<NonNullable<ResultsFile['harnessCeiling']>>;
  aaNoiseCheck(ctx: RunContext): Promise<NonNullable<ResultsFile['noise']>>;
  microBenchmarks(only: MicroBenchmarkName[], log: (line: string) => void): Promise<MicroResults>;
  measureDeliveredCores(processes: number): Promise<ParallelismSample>;
  /** The cpu kernel's speed now (before and after every CPU-bound run; bench/run/calibrate-cpu.ts). */
  measureSpeed(): Promise<SpeedSample>;
  runScenario(scenario: Scenario, repetition: number, ctx: RunContext): Promise<RunRecord>;
}

/** The runner that measures: fresh servers, real load, this machine. */
export const realRunner: SuiteRunner = {
  machineFacts,
  calibrateCpu,
  pythonFacts,
  prepareResource: async (scenario) => resourceFor(scenario.workload)?.prepare(scenario),
  harnessCeiling,
  aaNoiseCheck: (ctx) => aaNoiseCheck(ctx),
  microBenchmarks: (only, log) => runMicroBenchmarks({ only, log }),
  measureDeliveredCores: (processes) => measureDeliveredCores(processes),
  measureSpeed: async () => measureKernelSpeed(),
  runScenario: runScenarioOnce,
};

export interface SuiteHooks {
  signal: AbortSignal;
  progress?: Progress;
  /** Who measures (default {@link realRunner}). */
  runner?: SuiteRunner;
}

/** Prepares every scenario's harness-side resource before any load (errors surface first). */
async function prepareResources(plan: Plan, runner: SuiteRunner, opened: Map<string, PreparedResource>): Promise<void> {
  for (const scenario of plan.scenarios) {
    const resource = await runner.prepareResource(scenario);
    if (resource) opened.set(scenario.id, resource);
  }
}

/**
 * The micro-benchmarks the claims of this run read: those of the claims named by
 * --claims, or else of every claim with a scenario in the plan (so a suite or --filter
 * without, say, C5's scenarios does not run C5's memory probes).
 */
export function microToRun(plan: Plan, options: BenchOptions): MicroBenchmarkName[] {
  if (options.target) return [];
  if (options.claims.length > 0) return microNeeded(options.claims);
  const planned = new Set(plan.scenarios.map((s) => s.id));
  return microNeeded(claimIds.filter((id) => claims[id].scenarios.some((s) => planned.has(s.id))));
}

export async function runSuite(plan: Plan, options: BenchOptions, store: RunStore, hooks: SuiteHooks): Promise<ResultsFile> {
  const runner = hooks.runner ?? realRunner;
  const machine = runner.machineFacts();
  const needsCalibration = plan.scenarios.some((s) => usesCalibration(s.workload, s.params));
  const hasPython = plan.scenarios.some((s) => runtimeOf(s.strategy) === 'python');
  const results: ResultsFile = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: 'loopbench',
    runId: store.runId,
    suite: plan.suite.name,
    startedAt: new Date().toISOString(),
    status: 'running',
    machine,
    options: { ...options, repetitions: plan.repetitions },
    ...(plan.sharding ? { sharding: plan.sharding } : {}),
    ...(options.segment ? { segment: segmentInfo(options) } : {}),
    producedBy: producedBy(machine),
    ...(needsCalibration ? { calibration: runner.calibrateCpu() } : {}),
    ...(hasPython ? { python: await runner.pythonFacts() } : {}),
    scenarios: plan.scenarios,
    runs: [],
    summaries: [],
    loadAverage1m: { atStart: loadavg()[0] ?? 0 },
  };
  store.writeResults(results);

  const resources = new Map<string, PreparedResource>();
  const progress =
    hooks.progress ?? new Progress(plan.runs.length, process.stderr, plan.runs.map(({ scenario }) => scenario.load.warmupS + scenario.load.durationS));
  const harnessCtx = { runId: store.runId, usableCores: machine.usableCores, signal: hooks.signal, closedDriver: options.closedDriver };
  try {
    await prepareResources(plan, runner, resources);
    if (!options.skipCeiling && !options.target && plan.scenarios.length > 0) {
      const ceiling = await runner.harnessCeiling(machine, harnessCtx);
      results.harnessCeiling = ceiling;
      if ('rps' in ceiling) results.harnessCeilingRps = ceiling.rps;
      progress.note(ceilingText(ceiling));
    }
    if (options.aaCheck && !hooks.signal.aborted) {
      const noise = await runner.aaNoiseCheck(harnessCtx);
      results.noise = noise;
      progress.note('spread' in noise ? `A/A check: ${(noise.spread * 100).toFixed(1)}% spread (${noise.tooNoisy ? 'beyond' : 'within'} the ${noise.practicalBand * 100}% band)` : `A/A check: ${noise.error}`);
    }
    const micro = plan.micro ?? microToRun(plan, options);
    if (micro.length > 0 && !hooks.signal.aborted) {
      results.micro = await runner.microBenchmarks(micro, (line) => progress.note(line));
      store.writeResults(results);
    }
    if (options.startAtMs !== undefined && !hooks.signal.aborted) {
      progress.note(`waiting until ${new Date(options.startAtMs).toISOString()} (--start-at) to start with the other segments`);
      await waitUntil(options.startAtMs, hooks.signal);
    }
    const controlSamples: ParallelismSample[] = [];
    const speeds: SpeedSample[] = [];
    let lastControlMs = -Infinity;
    const updateControl = () => {
      const control = parallelismControlOf(controlSamples);
      const speedRange = speedRangeOf(speeds);
      if (control) results.parallelism = { ...control, ...(speedRange ? { speedRange } : {}) };
    };
    const sampleControl = async () => {
      try {
        controlSamples.push(await runner.measureDeliveredCores(Math.min(machine.usableCores, MAX_CONTROL_PROCESSES)));
        updateControl();
      } catch (error) {
        progress.note(`parallelism control failed: ${(error as Error).message}`);
      }
      lastControlMs = Date.now();
    };
    /** Around a CPU-bound run: the cpu kernel's speed (SpeedSample), or undefined when it failed. */
    const sampleSpeed = async (): Promise<SpeedSample | undefined> => {
      try {
        return await runner.measureSpeed();
      } catch (error) {
        progress.note(`speed sample failed: ${(error as Error).message}`);
        return undefined;
      }
    };
    for (const { scenario, repetition } of plan.runs) {
      if (hooks.signal.aborted) break;
      const cpuBound = needsParallelismControl(scenario);
      if (cpuBound && Date.now() - lastControlMs > PARALLELISM_CONTROL_EVERY_MS) await sampleControl();
      const speedBefore = cpuBound ? await sampleSpeed() : undefined;
      progress.start(scenario.id, repetition, repetitionsOf(scenario, plan.repetitions));
      const resource = resources.get(scenario.id);
      const record = await runner.runScenario(scenario, repetition, {
        runId: store.runId,
        usableCores: machine.usableCores,
        ...(results.calibration ? { calibration: results.calibration } : {}),
        ...(results.python ? { python: results.python } : {}),
        ...(resource ? { resourceParams: resource.params, resourceFailure: () => resource.failure() } : {}),
        signal: hooks.signal,
        closedDriver: options.closedDriver,
        ...(options.threads > 1 ? { threads: options.threads } : {}),
        ...(options.segment ? { segment: options.segment } : {}),
        ...(options.injectSlowdownPct ? { injectSlowdownPct: options.injectSlowdownPct } : {}),
      });
      const speedAfter = cpuBound ? await sampleSpeed() : undefined;
      // The mean of before and after: a slow spell that starts mid-run shows in one of them.
      const speed = speedBefore && speedAfter ? { measuredAt: speedBefore.measuredAt, workPerMs: (speedBefore.workPerMs + speedAfter.workPerMs) / 2 } : (speedBefore ?? speedAfter);
      if (speed) {
        record.machineSpeed = speed;
        speeds.push(speed);
        updateControl();
      }
      progress.finish(record);
      // Written the moment it exists: a later failure loses nothing measured.
      store.writeRaw(record);
      results.runs.push(record);
      results.summaries = withScenarioSummarized(results.summaries, plan.scenarios, scenario, results.runs, ceilingOf(results));
      store.writeResults(results);
    }
    if (controlSamples.length > 0 && !hooks.signal.aborted) {
      await sampleControl();
      if (results.parallelism) progress.note(deliveredCoresText(results.parallelism));
    }
  } finally {
    await Promise.allSettled([...resources.values()].map((r) => r.close()));
    results.summaries = summarizeAll(plan.scenarios, results.runs, ceilingOf(results));
    // Verdicts on what was measured, even when interrupted (unmeasured claims say so).
    const judged = judgeAll(results);
    results.claims = judged.verdicts;
    results.comparisons = judged.comparisons;
    results.finishedAt = new Date().toISOString();
    results.loadAverage1m = { ...results.loadAverage1m!, atEnd: loadavg()[0] ?? 0 };
    results.status = hooks.signal.aborted ? 'interrupted' : results.runs.length === plan.runs.length ? 'complete' : 'failed';
    store.writeResults(results);
  }
  return results;
}
