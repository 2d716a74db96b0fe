/**
 * suite (data) + options → the list of runs, interleaved: repetition 1 of every
 * scenario, then repetition 2 of every scenario, ... (A B C A B C, never A A B B), so
 * a slow spell of the machine spreads over every scenario instead of hitting one.
 */
import { runtimeOf } from '../servers/strategies/index.js';
import { claimScenariosOn } from './claims/index.js';
import { RUNTIMES } from './claims/runtimes.js';
import type { MicroBenchmarkName } from './tools/micro/types.js';
import type { BenchOptions } from './options.js';
import type { ShardingInfo } from './shard.js';
import { UsageError } from './errors.js';
import { OPEN_MODEL_TAKES_RAMP } from './drivers/index.js';
import { loadIdLabel, scenarioIdOf } from './suites/scenario.js';
import type { Load, Scenario, Suite } from './types.js';

function targetScenarioId(scenario: Scenario): string {
  return `external/${loadIdLabel(scenario.load)}`;
}

export interface PlannedRun {
  scenario: Scenario;
  /** 1-based. */
  repetition: number;
}

export interface Plan {
  suite: Suite;
  repetitions: number;
  scenarios: Scenario[];
  runs: PlannedRun[];
  /** Set for `--shard i/n` (bench/shard.ts). */
  sharding?: ShardingInfo;
  /**
   * The micro-benchmarks to run, when not the ones its scenarios' claims need: a shard
   * runs those of the claims whose scenarios it holds (bench/shard.ts, microShards).
   */
  micro?: MicroBenchmarkName[];
}

function applyOverrides(scenario: Scenario, options: BenchOptions): Scenario {
  let load: Load = { ...scenario.load };
  if (options.ratePerS !== undefined) {
    load = { kind: 'rate', ratePerS: options.ratePerS, durationS: load.durationS, warmupS: load.warmupS, arrival: options.arrival, maxConnections: options.maxConnections, ...(options.ramp ? { ramp: options.ramp } : {}) };
  }
  if (options.durationS !== undefined) load.durationS = options.durationS;
  if (options.warmupS !== undefined) load.warmupS = options.warmupS;
  if (options.connections !== undefined && load.kind === 'closed') load.connections = options.connections;
  const next: Scenario = { ...scenario, load };
  if (options.poolSize !== undefined) next.poolSize = options.poolSize;
  if (options.db !== undefined && scenario.workload === 'db') next.params = { ...scenario.params, dbKind: options.db };
  if (scenario.target) return { ...next, id: scenario.target ? targetScenarioId(next) : scenarioIdOf(next) };
  return { ...next, id: scenarioIdOf(next) };
}

/** `--runtime`, and runtimes the CLI found unprovisioned (options.notMeasured). */
function keepsRuntime(scenario: Scenario, options: BenchOptions): boolean {
  const runtime = runtimeOf(scenario.strategy);
  if (options.notMeasured?.some((n) => n.runtime === runtime)) return false;
  return (options.runtime ?? 'all') === 'all' || options.runtime === runtime;
}

/** How many repetitions a scenario runs in a plan of `repetitions` (chart-only runs: fewer). */
export function repetitionsOf(scenario: Pick<Scenario, 'maxRepetitions'>, repetitions: number): number {
  return Math.min(repetitions, scenario.maxRepetitions ?? repetitions);
}

/** The suite's scenarios for this run: its own list for a single `--runtime` when it has one. */
export function suiteScenarios(suite: Suite, options: Pick<BenchOptions, 'runtime'>): Scenario[] {
  const runtime = options.runtime ?? 'all';
  return (runtime !== 'all' && suite.scenariosByRuntime?.[runtime]) || suite.scenarios;
}

export function planRuns(suite: Suite, options: BenchOptions): Plan {
  if (options.ramp && !OPEN_MODEL_TAKES_RAMP) {
    throw new UsageError('--ramp-to: the ramp is in the arrival schedule, but this build\'s open-model driver does not take it yet (issue 12 merge); run a flat --rate meanwhile');
  }
  const seen = new Set<string>();
  const needed = options.claims.length > 0 ? new Set(RUNTIMES.flatMap((runtime) => claimScenariosOn(runtime, options.claims)).map((s) => s.id)) : undefined;
  const scenarios = suiteScenarios(suite, options)
    .filter((s) => !needed || needed.has(s.id))
    .filter((s) => options.workloads.length === 0 || options.workloads.includes(s.workload))
    .filter((s) => options.strategies.length === 0 || options.strategies.includes(s.strategy))
    .filter((s) => keepsRuntime(s, options))
    .map((s) => applyOverrides(s, options))
    .filter((s) => (seen.has(s.id) ? false : (seen.add(s.id), true)));
  if (scenarios.length === 0) {
    const by = [
      options.claims.length > 0 ? `--claims ${options.claims.join(',')}` : '',
      options.workloads.length + options.strategies.length > 0 ? '--filter' : '',
      (options.runtime ?? 'all') !== 'all' ? `--runtime ${options.runtime}` : '',
    ]
      .filter(Boolean)
      .join(' with ');
    throw new UsageError(`${by || 'the selection'} leaves no scenario of suite '${suite.name}' to run; see --help for the workloads, strategies and claims`);
  }
  const repetitions = options.repetitions ?? suite.repetitions;
  const runs: PlannedRun[] = [];
  for (let repetition = 1; repetition <= repetitions; repetition++) {
    for (const scenario of scenarios) if (repetition <= repetitionsOf(scenario, repetitions)) runs.push({ scenario, repetition });
  }
  return { suite, repetitions, scenarios, runs };
}
