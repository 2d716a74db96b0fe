/**
 * Is a ratio above or below a threshold? Two one-sided tests on the log scale, for claims
 * whose question is directional and has a natural threshold (e.g. "did processes reach at
 * least halfway, on the log scale, from no speedup to the cores the machine delivered?").
 *
 * A two-sided 95% interval tested against a threshold spends half its error on the side
 * that does not matter: deciding "above" needs only the one-sided (1 − alpha) lower bound
 * to clear it. Deciding "above" when the ratio is at or below the threshold happens at
 * most alpha of the time, and likewise "below"; at most one of the two can be decided.
 * Same estimate and variance as compareSamples (ratio of geometric means, variance
 * moderated by the run's pooled noise and floored by count quantization: moderated.ts).
 */
import { studentTCdf } from './distributions.js';
import { moderatedWelchLog, type LogVariancePrior, type MeanLogVarianceFloor } from './moderated.js';
import { checkOpenProbability, checkSample } from './sample.js';

export interface RatioThresholdTest {
  threshold: number;
  /** exp(mean(ln a) − mean(ln b)): the ratio of geometric means, as compareSamples prints it. */
  ratio: number;
  /** One-sided (1 − alpha) lower bound and upper bound of the ratio (together: a 1 − 2·alpha interval). */
  lowerBound: number;
  upperBound: number;
  /** One-sided level of each bound (0.95 by default). */
  level: number;
  /** p-value of H0 "ratio ≤ threshold" (small: the ratio is above it). */
  pAbove: number;
  /** p-value of H0 "ratio ≥ threshold" (small: the ratio is below it). */
  pBelow: number;
}

export interface RatioThresholdOptions {
  /** One-sided significance level of each direction (default 0.05). */
  alpha?: number;
  prior?: LogVariancePrior;
  floor?: MeanLogVarianceFloor;
  /** b is a fixed reference (variance 0). */
  bIsConstant?: boolean;
}

/**
 * Tests a / b against `threshold` in both directions; undefined when a side has fewer than
 * 2 values or a value ≤ 0 (no logs: compareSamples' bootstrap covers those, without a
 * threshold test).
 *
 * @throws RangeError on a threshold ≤ 0 or alpha outside (0, 0.5).
 */
export function ratioVsThreshold(a: readonly number[], b: readonly number[], threshold: number, opts: RatioThresholdOptions = {}): RatioThresholdTest | undefined {
  const alpha = opts.alpha ?? 0.05;
  checkOpenProbability(alpha, 'alpha');
  if (!(alpha < 0.5)) throw new RangeError(`alpha must be below 0.5 for a one-sided test, got ${alpha}`);
  if (!(threshold > 0 && Number.isFinite(threshold))) throw new RangeError(`threshold must be a positive number, got ${threshold}`);
  checkSample(a, 'a', 1);
  checkSample(b, 'b', 1);
  if (a.length < 2 || b.length < 2 || [...a, ...b].some((v) => !(v > 0))) return undefined;
  const w = moderatedWelchLog(a, b, opts.prior, 1 - 2 * alpha, opts.bIsConstant ?? false, opts.floor);
  const distance = w.meanDiff - Math.log(threshold);
  let pAbove: number;
  let pBelow: number;
  if (w.standardError > 0) {
    const t = distance / w.standardError;
    pAbove = studentTCdf(-t, w.df);
    pBelow = studentTCdf(t, w.df);
  } else {
    pAbove = distance > 0 ? 0 : 1;
    pBelow = distance < 0 ? 0 : 1;
  }
  return { threshold, ratio: Math.exp(w.meanDiff), lowerBound: Math.exp(w.ciLow), upperBound: Math.exp(w.ciHigh), level: 1 - alpha, pAbove, pBelow };
}
