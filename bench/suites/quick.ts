import { claimIds, claims, claimScenarios, claimScenariosOn, type ClaimId } from '../claims/index.js';
import { scenarioOnRuntime } from '../claims/runtimes.js';
import type { Scenario, Suite } from '../types.js';
import { coreScenarios } from './parts/core.js';
import { headOfLineScenarios } from './parts/head-of-line.js';
import { ioScenarios } from './parts/io.js';
import { overTimeScenarios } from './parts/over-time.js';
import { pythonMatrixScenarios } from './parts/python.js';
import { RATE_SWEEP_SMALL, rateSweepScenarios } from './parts/rate-sweep.js';
import { dedupeScenarios, shortenScenarios } from './shorten.js';

/**
 * The first run's knobs, in one place (tune here): the window of every run and the
 * repetitions of what a claim reads. A run costs its warm-up and window plus ~0.6 s
 * (Node.js) or ~1.2 s (Python) of server start and stop, and its queue's tail (bench/suites/estimate.ts);
 * test/unit/suite-budget.test.ts keeps the whole plan within QUICK_BUDGET_S on 2 idle cores.
 */
const timing = { durationS: 1, warmupS: 0.5 };
/** CPython has no JIT to warm: its warm-up only has to open the connections and pass the first burst. */
const pythonTiming = { durationS: 1, warmupS: 0.25 };
/**
 * Every claim scenario keeps 3, even the dearest (C1's sleep/blocking/c1000/sleepMs=5: 1 s
 * window plus a 5 s queue tail). Tried with 2 (session 3, load ~4.5): its two runs agreed
 * (143 and 147 req/s) yet the interval of requests in service was 0.31-1.68, across C1's
 * 1.5 bar, so C1 went from supported to inconclusive: with 2 runs a scenario has one
 * degree of freedom of its own and leans on the run's pooled noise (bench/stats/moderated.ts),
 * which a loaded machine makes wide. C4's 1,000-connection run sits ~10% above its bar,
 * and C6/C10/C11's stability (bench/claims/stability-simulation.ts) assumes 3.
 */
const REPETITIONS = 3;
/**
 * The plan's estimate on 2 idle cores, everything included (build, ceiling, reports):
 * ~463 s (~7.7 min) since C15 is judged on Python too (its 16 designed scenarios, 10 of
 * them Python runs no other quick claim needs, and 3 Node.js ones: ~38 s); the brief's "about 5 minutes"
 * needs cuts the claims pay for (see REPETITIONS). Lower it as the plan shrinks.
 */
export const QUICK_BUDGET_S = 470;

/**
 * The claims judged on Python in the default (all-runtime) first run, and so the Python
 * scenarios it runs, three times each: the article's own comparisons, on its own runtime
 * (time.sleep vs asyncio.sleep, C13; the GIL and pure-Python CPU, C6, C10, C11; loop
 * telemetry against the tail, C15, whose 16 scenarios run once each). The other claims' Python scenarios (the
 * blocking sweep to 1,000 connections, db, upstream fan-out, 1,000 asyncio connections,
 * C1 C2 C4 C7 C8 C9) do not fit the ~5 minutes beside Node.js's: `--runtime python`
 * (below) judges every claim on Python, and `--suite full` does too. C5 and C14 have no
 * Python strategy in their role (thread-per-request, forgot-await): the claims table says so.
 */
export const QUICK_PYTHON_CLAIMS: readonly ClaimId[] = ['C6', 'C10', 'C11', 'C13', 'C15'];

/** A scenario no claim reads with a confidence interval, only a chart, a table or C15: one run is enough. */
const once = (s: Scenario): Scenario => ({ ...s, maxRepetitions: 1 });



/** The scenarios of `list` whose ids `claimed` does not hold, run once. */
function chartOnly(list: readonly Scenario[], claimed: ReadonlySet<string>): Scenario[] {
  return list.filter((s) => !claimed.has(s.id)).map(once);
}

/**
 * Claims that read one figure per scenario, not a confidence interval: C15 ranks the
 * scenarios by their medians (Spearman over scenarios), so a scenario only C15 lists
 * runs once. Every other claim compares repetitions and keeps REPETITIONS.
 */
export const ONE_RUN_CLAIMS: readonly ClaimId[] = ['C15'];

/** The scenarios of `list`, each run REPETITIONS times if one of `judged` (not ONE_RUN_CLAIMS) reads it, else once. */
function withClaimRepetitions(list: readonly Scenario[], onRuntime: (s: Scenario) => Scenario | undefined, judged: readonly ClaimId[] = claimIds): Scenario[] {
  const needsInterval = new Set(
    judged
      .filter((id) => !ONE_RUN_CLAIMS.includes(id))
      .flatMap((id) => claims[id].scenarios.map((s) => onRuntime(s)?.id))
      .filter((id): id is string => id !== undefined),
  );
  return list.map((s) => (needsInterval.has(s.id) ? s : once(s)));
}

const nodeClaimed = withClaimRepetitions(claimScenarios(), (s) => scenarioOnRuntime(s, 'node'));
const pythonClaimed = withClaimRepetitions(claimScenariosOn('python', QUICK_PYTHON_CLAIMS), (s) => scenarioOnRuntime(s, 'python'), QUICK_PYTHON_CLAIMS);
const everyPythonClaim = withClaimRepetitions(claimScenariosOn('python'), (s) => scenarioOnRuntime(s, 'python'));
const claimedIds = new Set([...nodeClaimed, ...everyPythonClaim].map((s) => s.id));

/**
 * Node.js: every claim's scenarios (three repetitions), and once each for the charts and
 * tables no claim reads: every strategy × {noop, sleep, cpu}, file reads, cpu head-of-line
 * on async, the open-model rate sweep on sleep (the latency-against-offered-load chart)
 * and the two 3 s over-time runs.
 */
const nodeScenarios: Scenario[] = dedupeScenarios([
  ...shortenScenarios(
    dedupeScenarios([
      ...nodeClaimed,
      ...chartOnly(
        [
          ...coreScenarios(timing),
          ...ioScenarios(timing, ['blocking', 'async']),
          ...headOfLineScenarios(timing).filter((s) => ['blocking', 'async', 'worker-threads'].includes(s.strategy)),
        ],
        claimedIds,
      ),
    ]),
    timing,
  ),
  ...rateSweepScenarios({ ...RATE_SWEEP_SMALL, cpuRatesPerS: [] }).map(once), // 6 runs of 1 s
  ...overTimeScenarios(3, 0.5).map(once),
]);

/**
 * `--runtime python --suite quick`: the whole budget on Python. Every claim's Python
 * scenarios, three times each, and every Python strategy × workload (noop, sleep, cpu,
 * db, upstream, file) once where no claim runs it already (parts/python.ts).
 */
const pythonOnly: Scenario[] = dedupeScenarios(shortenScenarios(dedupeScenarios([...everyPythonClaim, ...chartOnly(pythonMatrixScenarios(pythonTiming), claimedIds)]), pythonTiming));

/**
 * What `npm run bench` runs first (the default suite): the whole pipeline, short. See
 * nodeScenarios and QUICK_PYTHON_CLAIMS; 1 s windows after 0.5 s of warm-up (the
 * 1,000-connection run keeps its 5 s: it must hold many closed-loop rounds). With 3
 * repetitions large effects get a verdict and small ones may come out `inconclusive`;
 * `--suite full` measures longer, with the sweeps, on both runtimes.
 */
export const quick: Suite = {
  name: 'quick',
  description:
    `the first run, ~8 min on 2 cores: every claim's Node.js scenarios and Python's for ${QUICK_PYTHON_CLAIMS.join(' ')} (${REPETITIONS} repetitions of ${timing.durationS} s), ` +
    `and once each for the charts: every strategy x {noop, sleep, cpu}, file reads, a sleep rate sweep (blocking, async), two 3 s over-time runs; ` +
    `with --runtime python: every claim on Python and every Python strategy x workload`,
  repetitions: REPETITIONS,
  scenarios: dedupeScenarios([...nodeScenarios, ...shortenScenarios(pythonClaimed, pythonTiming)]),
  scenariosByRuntime: { python: pythonOnly },
};

/** The claims whose every Python scenario the default first run holds (for tests and the README). */
export function quickPythonClaimsCovered(): ClaimId[] {
  const ids = new Set(quick.scenarios.map((s) => s.id));
  return claimIds.filter((id) => claims[id].scenarios.some((s) => ids.has(scenarioOnRuntime(s, 'python')?.id ?? '')));
}
