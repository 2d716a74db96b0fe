/**
 * A vs B: is one strategy better than the other on a figure, by more than noise and by
 * more than a practical band? One call gives the ratio, its interval, a p-value and a
 * verdict with a sentence a human can paste into a report.
 */
import { formatCi, formatP, formatPct, formatRatio } from '../format/index.js';
import { bootstrapRatioOfMediansCi } from './bootstrap.js';
import { median } from './describe.js';
import { checkOpenProbability, checkSample } from './sample.js';
import { moderatedWelchLog, type LogVariancePrior, type MeanLogVarianceFloor } from './moderated.js';
import { welchTTest } from './tests.js';

/** Outcome of {@link compareSamples}. */
export interface Comparison {
  /**
   * The point estimate whose interval is [ratioCiLow, ratioCiHigh], so it always lies
   * inside it: the ratio of geometric means exp(mean(ln a) − mean(ln b)) for `welch-log`;
   * the median of the bootstrap ratios of medians for `bootstrap`; median(a) / median(b)
   * for `none` (fewer than 2 runs on a side: no interval).
   */
  ratio: number;
  /** What `ratio` and its interval estimate, for labels. */
  estimand: 'ratio of geometric means' | 'ratio of medians';
  /** Confidence interval of the ratio at level 1 − alpha (95% by default). */
  ratioCiLow: number;
  ratioCiHigh: number;
  /** Two-sided Welch t p-value: on log values (raw values when a value is 0); 1 when n < 2. */
  pValue: number;
  test: 'welch-t';
  /**
   * How the interval was obtained: `welch-log` (all values > 0, n ≥ 2 a side),
   * `moderated-welch-log` (the same, with each side's variance moderated by the run's
   * pooled noise, moderated.ts),
   * `bootstrap` (some value is 0, so no logs), `none` (n < 2 on a side: [ratio, ratio]).
   */
  ciMethod: 'welch-log' | 'moderated-welch-log' | 'bootstrap' | 'none';
  nA: number;
  nB: number;
  verdict: 'a-better' | 'b-better' | 'no-clear-difference' | 'inconclusive';
  /** One sentence, e.g. "a is 1.84× b (95% CI of the ratio of geometric means 1.71–1.98), p=0.002: a is better beyond the ±5% band". */
  reason: string;
}

/** Options of {@link compareSamples}. */
export interface CompareOptions {
  /** Smallest relative difference that matters (default 0.05 = 5%). */
  practicalBand?: number;
  /** Significance level; the interval has level 1 − alpha (default 0.05). */
  alpha?: number;
  /** true for throughput-like figures, false for latency-like ones (default true). */
  higherIsBetter?: boolean;
  /** Seed of the bootstrap fallback (default 1). */
  seed?: number;
  /** The run's pooled log variance of this figure (moderated.ts): more power from few runs. */
  prior?: LogVariancePrior;
  /** b is a fixed reference, not a measurement: with a prior, only a's variance is moderated (b's is 0). */
  bIsConstant?: boolean;
  /** Known lower bounds of each side's variance of its mean log (counts: Poisson, 1/N events). */
  floor?: MeanLogVarianceFloor;
}

/**
 * Compares samples a and b of one figure (one value per run) through their ratio; one
 * estimator per figure: `ratio` is the estimate whose interval is printed (see
 * {@link Comparison.ratio}), never a median ratio beside a geometric-mean interval.
 *
 * **Interval and test.** With n ≥ 2 on both sides and all values > 0, the interval is the
 * Welch interval of mean(ln a) − mean(ln b), exponentiated (a ratio of geometric means),
 * and the p-value is Welch's t-test on the same logs. Logs because benchmark figures are
 * positive and their noise scales with their level (a ratio is the natural effect size),
 * and because the test and the interval are then the same computation:
 * p < alpha exactly when the (1 − alpha) interval excludes 1, so the two halves of the
 * rule below never disagree. When some value is 0 (no log), the interval is a seeded
 * percentile bootstrap of the ratio of medians and the test runs on raw values.
 * With n = 1 on a side there is no interval ([ratio, ratio]) and no test (p = 1).
 *
 * **Decision rule.** Let band = practicalBand, L = 1 + band, N = 1 + 2·band, and express
 * the interval [lo, hi] as "how much better a is": [lo, hi] itself when higherIsBetter,
 * [1/hi, 1/lo] otherwise. Then, in order:
 * 1. nA < 2 or nB < 2 → `inconclusive` (too few runs).
 * 2. p < alpha and lo > L → `a-better`; p < alpha and hi < 1/L → `b-better`
 *    (significant *and* the whole interval beyond the band).
 * 3. 1/L ≤ lo and hi ≤ L → `no-clear-difference` (the whole interval inside the band,
 *    whatever p says: a real but tiny difference does not count).
 * 4. p ≥ alpha and 1/N ≤ lo and hi ≤ N → `no-clear-difference` (not significant and the
 *    interval is narrow, within ±2·band).
 * 5. Otherwise → `inconclusive`: the interval is too wide, or straddles the band edge,
 *    so the data cannot tell.
 *
 * @throws RangeError on an empty side, NaN / ±Infinity, a negative value, median(b) = 0,
 *   alpha outside (0, 1) or a negative band.
 */
export function compareSamples(a: number[], b: number[], opts: CompareOptions = {}): Comparison {
  checkSample(a, 'a', 1);
  checkSample(b, 'b', 1);
  const band = opts.practicalBand ?? 0.05;
  const alpha = opts.alpha ?? 0.05;
  const higherIsBetter = opts.higherIsBetter ?? true;
  checkOpenProbability(alpha, 'alpha');
  if (!(band >= 0 && Number.isFinite(band))) throw new RangeError(`practicalBand must be >= 0, got ${band}`);
  if ([...a, ...b].some((v) => v < 0)) throw new RangeError('compareSamples: values must be >= 0');
  const medianB = median(b);
  if (medianB === 0) throw new RangeError('compareSamples: median(b) is 0, the ratio is undefined');

  const nA = a.length;
  const nB = b.length;
  const medianRatio = median(a) / medianB;
  const level = 1 - alpha;
  const head0 = `a is ${formatRatio(medianRatio)} b`;
  const bandText = `±${formatPct(band)}`;

  if (nA < 2 || nB < 2) {
    return {
      ratio: medianRatio,
      estimand: 'ratio of medians',
      ratioCiLow: medianRatio,
      ratioCiHigh: medianRatio,
      pValue: 1,
      test: 'welch-t',
      ciMethod: 'none',
      nA,
      nB,
      verdict: 'inconclusive',
      reason: `${head0} but with ${nA} run(s) of a and ${nB} of b (at least 2 each needed) there is no interval: inconclusive`,
    };
  }

  let ciLow: number;
  let ciHigh: number;
  let pValue: number;
  let ciMethod: Comparison['ciMethod'];
  let ratio: number;
  let estimand: Comparison['estimand'];
  if ([...a, ...b].every((v) => v > 0)) {
    const special = opts.prior !== undefined || opts.floor !== undefined || opts.bIsConstant === true;
    const w = special ? moderatedWelchLog(a, b, opts.prior, level, opts.bIsConstant ?? false, opts.floor) : welchTTest(a.map(Math.log), b.map(Math.log), level);
    ciLow = Math.exp(w.ciLow);
    ciHigh = Math.exp(w.ciHigh);
    pValue = w.pValue;
    ciMethod = opts.prior ? 'moderated-welch-log' : 'welch-log';
    ratio = Math.exp(w.meanDiff);
    estimand = 'ratio of geometric means';
  } else {
    const ci = bootstrapRatioOfMediansCi(a, b, { level, seed: opts.seed ?? 1 });
    ciLow = ci.low;
    ciHigh = ci.high;
    pValue = welchTTest(a, b, level).pValue;
    ciMethod = 'bootstrap';
    ratio = ci.estimate;
    estimand = 'ratio of medians';
  }
  const head = `a is ${formatRatio(ratio)} b`;

  // The interval as "how much better a is than b" (> 1 favours a).
  const lo = higherIsBetter ? ciLow : 1 / ciHigh;
  const hi = higherIsBetter ? ciHigh : 1 / ciLow;
  const edge = 1 + band;
  const narrow = 1 + 2 * band;
  const significant = pValue < alpha;

  let verdict: Comparison['verdict'];
  let why: string;
  if (significant && lo > edge) {
    verdict = 'a-better';
    why = `a is better beyond the ${bandText} band`;
  } else if (significant && hi < 1 / edge) {
    verdict = 'b-better';
    why = `b is better beyond the ${bandText} band`;
  } else if (lo >= 1 / edge && hi <= edge) {
    verdict = 'no-clear-difference';
    why = `the whole interval is inside the ${bandText} band`;
  } else if (!significant && lo >= 1 / narrow && hi <= narrow) {
    verdict = 'no-clear-difference';
    why = `not significant and the interval is within ±${formatPct(2 * band)}`;
  } else {
    verdict = 'inconclusive';
    why = significant
      ? `significant, but the interval reaches inside the ${bandText} band`
      : `too noisy to tell (interval wider than ±${formatPct(2 * band)})`;
  }
  const reason =
    `${head} (${formatCi(ciLow, ciHigh, estimand, level)}), ${formatP(pValue)}` +
    `${higherIsBetter ? '' : ' (lower is better)'}: ${why}`;
  return {
    ratio,
    estimand,
    ratioCiLow: ciLow,
    ratioCiHigh: ciHigh,
    pValue,
    test: 'welch-t',
    ciMethod,
    nA,
    nB,
    verdict,
    reason,
  };
}
