/**
 * What a plan costs on 2 idle cores, from its runs: each run is its warm-up and window
 * plus a measured overhead per run (fresh server start, validation, telemetry, stop, and
 * the results file rewritten), which depends on the runtime; a blocked server at many
 * connections also works off its queue after the window; a suite adds fixed costs once
 * (build, CPU calibration, harness ceiling, micro-benchmarks, parallelism control,
 * reports). The constants are measured, not targets: change them when the harness gets
 * faster or slower, and the suite-budget test (test/unit/suite-budget.test.ts) says
 * whether the first run still fits.
 */
import { findStrategy, runtimeOf } from '../../servers/strategies/index.js';
import type { Runtime } from '../../servers/strategies/types.js';
import { repetitionsOf, type Plan } from '../plan.js';
import type { Scenario } from '../types.js';

/**
 * Overhead per run beyond warm-up, window and queue tail, s, on 2 idle cores. Node.js:
 * session 2's quiet quick run (load 0.7-1.4) fits ~0.6 s (its 129 closed-model runs took
 * ~0.8 s each beyond their windows, tails included; fastify's import is ~0.3 s of each
 * start). Python: that run's 5 Python scenarios took 2.1 s each beyond their windows, of
 * which ~0.9 s was queue tail (sleep/py-blocking/c50 alone 2.5 s): ~1.2 s (uvicorn and
 * FastAPI's imports, ~0.5 s of CPU). Under the same load the two runtimes' simple runs
 * cost about the same (session 3 at load ~10: 1.3-2.5 s each).
 */
export const RUN_OVERHEAD_S: Record<Runtime, number> = { node: 0.6, python: 1.2 };

/**
 * Once per suite, s: `npm run build` (~10 s), calibration and Python facts (~3 s), the
 * harness ceiling (3 runs, ~8 s), micro-benchmarks (~10 s), parallelism-control samples
 * (~1.5 s each, ~6), reports with charts and blog PNGs (~8 s).
 */
export const SUITE_FIXED_S = 48;

/**
 * After the window, a server still answers what its connections had sent before it can
 * stop: C requests of service time S over its executors (a blocked loop: one; a pool:
 * its size, cpu at most the cores; awaited sleeps overlap and leave no queue). Session
 * 2's runs show it: sleep/blocking/c50 (S = 50 ms) took ~2.5 s more than noop/blocking/c50.
 */
export function queueTailS(scenario: Scenario, usableCores = 2): number {
  const serviceS = Number(scenario.params[scenario.workload === 'sleep' ? 'sleepMs' : scenario.workload === 'cpu' ? 'cpuMs' : ''] ?? 0) / 1000;
  if (!(serviceS > 0)) return 0;
  const strategy = findStrategy(scenario.strategy);
  if (!strategy) return 0;
  if (scenario.workload === 'sleep' && !strategy.runsBlockingImplementation) return 0;
  const executors = strategy.usesPool ? strategy.executors(scenario.poolSize ?? usableCores) : 1;
  const parallel = scenario.workload === 'cpu' ? Math.min(executors, usableCores) : executors;
  const perExecutorS = serviceS / Math.max(1, parallel);
  if (scenario.load.kind === 'closed') return scenario.load.connections * perExecutorS;
  // Open model: arrivals past the server's capacity queue up (at most maxConnections of
  // them in flight, the rest client-side) and are worked off after the window, bounded
  // by the driver's grace of DEFAULT_TIMEOUT_MS (bench/drivers/open-model/driver.ts).
  const arrivals = scenario.load.ratePerS * scenario.load.durationS;
  return Math.min(OPEN_MODEL_GRACE_S, Math.max(0, arrivals * perExecutorS - scenario.load.durationS));
}

/** The open-model driver's wait for owed answers after the window, s (its default timeoutMs). */
const OPEN_MODEL_GRACE_S = 10;

/** Estimated seconds of one run of `scenario` on 2 idle cores. */
export function estimatedRunS(scenario: Scenario, usableCores = 2): number {
  return scenario.load.warmupS + scenario.load.durationS + RUN_OVERHEAD_S[runtimeOf(scenario.strategy)] + queueTailS(scenario, usableCores);
}

export interface PlanEstimate {
  runs: number;
  /** Runs' seconds by runtime. */
  runsS: Record<Runtime, number>;
  /** Everything, fixed costs included. */
  totalS: number;
}

/** Estimated seconds of a whole plan on 2 idle cores (the ETA's starting point). */
export function estimatePlan(plan: Pick<Plan, 'scenarios' | 'repetitions'>, usableCores = 2): PlanEstimate {
  const runsS: Record<Runtime, number> = { node: 0, python: 0 };
  let runs = 0;
  for (const scenario of plan.scenarios) {
    const n = repetitionsOf(scenario, plan.repetitions);
    runs += n;
    runsS[runtimeOf(scenario.strategy)] += n * estimatedRunS(scenario, usableCores);
  }
  return { runs, runsS, totalS: SUITE_FIXED_S + runsS.node + runsS.python };
}
