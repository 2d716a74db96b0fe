/**
 * A claim of the article as typed data: its exact words, the Node.js analog, the
 * scenarios (and micro-benchmarks) that test it, and a predicate over one run's results.
 * One file per claim in this folder, one line in the registry (index.ts).
 */
import type { MicroBenchmarkName, MicroResults } from '../tools/micro/types.js';
import type { Comparison, RatioThresholdTest } from '../stats/index.js';
import type { ParallelismControl, ResultsFile, Scenario, Verdict } from '../types.js';
import type { Runtime } from './runtimes.js';

/** What every predicate may use besides the results. */
export interface JudgeContext {
  /** Smallest relative difference that counts (0.05 = 5%). */
  practicalBand: number;
  /** Significance level of every test, family-wise per claim (Holm–Bonferroni). */
  alpha: number;
  /** Cores the machine lets this process use (os.availableParallelism()). */
  usableCores: number;
  /** The micro-benchmarks of this run, when they ran. */
  micro?: MicroResults;
  /** The runtime being judged: the claim's scenarios are mapped to its strategies by role. */
  runtime: Runtime;
  /** Moderate each comparison's variance with the run's pooled noise (default true; false: plain Welch). */
  poolNoise?: boolean;
  /** The parallelism control of this run (cores the machine delivered), when it ran. */
  parallelism?: ParallelismControl;
}

/**
 * A per-run figure a claim can compare (one value per valid run, never per request):
 * `rps`; latency `latencyP50Ms` / `latencyP99Ms`; the cheap route's `probeP99Ms`;
 * the server's `loopDelayP99Ms`; `rssPeakMib` (whole process tree); `rpsPerMib`;
 * `cpuMsPerRequest` (server tree CPU per answered request); `coresBusy` (the server tree's
 * CPU seconds per wall second over the window: its parallelism); `efficiency` (measured / ideal).
 */
export type Figure =
  | 'rps'
  | 'latencyP50Ms'
  | 'latencyP99Ms'
  | 'probeP99Ms'
  | 'loopDelayP99Ms'
  | 'rssPeakMib'
  | 'rpsPerMib'
  | 'cpuMsPerRequest'
  | 'coresBusy'
  | 'efficiency';

/** One comparison a claim made, as stored in `results.comparisons`. */
export interface ClaimComparison extends Comparison {
  claimId: string;
  /** The runtime judged (absent in files written before verdicts were per runtime: node). */
  runtime?: Runtime;
  /** What was compared, e.g. `sleep 5 ms, 100 connections`. */
  label: string;
  figure: Figure;
  higherIsBetter: boolean;
  /** Scenario id of side a. */
  a: string;
  /** Scenario id of side b, or `constant <value>` when a is compared with a fixed figure. */
  b: string;
  /** Median of the figure over a's valid runs, and over b's (the constant for a constant). */
  aMedian: number;
  bMedian: number;
  /**
   * a's and b's figure under the ratio's estimand (`estimand`): geometric means for a ratio of
   * geometric means, medians for a ratio of medians. aCentre ÷ bCentre is `ratio`, so the two
   * figures printed beside a ratio agree with it (medians 76 vs 85 beside 0.996× did not).
   */
  aCentre: number;
  bCentre: number;
  /** Whether it decides the verdict (false: context printed in the evidence only). */
  decisive: boolean;
  /** Holm–Bonferroni adjusted p-value over the claim's decisive comparisons (= pValue for context ones). */
  holmPValue: number;
  /** `verdict`, except that a significant difference that does not survive Holm becomes `inconclusive`. */
  verdictAfterHolm: Comparison['verdict'];
  /** For a check against a threshold (judging.ts `CheckSpec.threshold`): the one-sided tests and their outcome. */
  threshold?: ThresholdDecision;
}

/** A ratio tested against a threshold in both directions (stats/threshold.ts), after the claim's Holm step. */
export interface ThresholdDecision extends RatioThresholdTest {
  /** What the threshold is, for the evidence: e.g. `the midpoint √1.95`. */
  name: string;
  /** The direction whose decision refutes the claim (its p-value is Holm-adjusted over the claim's refuting directions). */
  refutes?: 'above' | 'below';
  /** The refuting direction's p-value after Holm (= its raw p-value when it is the only one). */
  refutingPAdjusted?: number;
  /** `above`: the one-sided test says the ratio is above the threshold; `below`: below; `between`: neither. */
  side: 'above' | 'below' | 'between';
}

/** What one check of a predicate says about the claim. `absent`: its scenarios were not run. */
export type Outcome = 'supports' | 'refutes' | 'undecided' | 'absent';

/** What a predicate returns. */
export interface Judgement {
  verdict: Verdict;
  /** The figures behind the verdict, in words. */
  evidence: string;
  /** Scenarios whose runs the verdict used. */
  scenarioIds: string[];
  comparisons: ClaimComparison[];
}

export interface Claim {
  /** `C1` ... `C15` (CLAIMS.md). */
  id: string;
  /**
   * The article's exact words. Several excerpts are joined by ` ... `; each excerpt is
   * verbatim (test/claims/registry.test.ts checks them against the article).
   */
  quote: string;
  /** The Node.js analog under test, one sentence. */
  analog: string;
  /** What must run for the predicate to judge (the suites run the union of all claims'). */
  scenarios: Scenario[];
  /** Micro-benchmarks the predicate reads from `results.micro`. */
  needsMicro?: MicroBenchmarkName[];
  /** The predicate: this run's numbers in, a verdict with its evidence out. */
  judge(results: ResultsFile, ctx: JudgeContext): Judgement;
}
