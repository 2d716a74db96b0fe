/**
 * Descriptive statistics of one sample (a sample is the list of one figure over a
 * scenario's runs): median, mean, spread and a confidence interval.
 */
import type { SampleSummary } from '../types.js';
import { studentTQuantile } from './distributions.js';
import { checkSample } from './sample.js';

/** Ascending copy of `values`. */
function sorted(values: readonly number[]): number[] {
  return [...values].sort((x, y) => x - y);
}

/**
 * Quantile `q` of a sample already sorted ascending, with linear interpolation between
 * order statistics (Hyndman–Fan type 7, the default of R and numpy).
 *
 * @throws RangeError on an empty sample or q outside [0, 1].
 */
export function quantileSorted(sortedValues: readonly number[], q: number): number {
  checkSample(sortedValues, 'sample', 1);
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${q}`);
  const pos = (sortedValues.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const vLo = sortedValues[lo] as number;
  const vHi = sortedValues[hi] as number;
  return lo === hi ? vLo : vLo + (vHi - vLo) * (pos - lo);
}

/**
 * Median (average of the two middle values when n is even).
 *
 * @throws RangeError on an empty sample or a non-finite value.
 */
export function median(values: readonly number[]): number {
  checkSample(values, 'sample', 1);
  return quantileSorted(sorted(values), 0.5);
}

/**
 * Arithmetic mean, with one correction pass (the mean of the residuals) so that rounding
 * in the running sum does not leave a bias.
 *
 * @throws RangeError on an empty sample or a non-finite value.
 */
export function mean(values: readonly number[]): number {
  checkSample(values, 'sample', 1);
  let sum = 0;
  for (const v of values) sum += v;
  const m = sum / values.length;
  let residual = 0;
  for (const v of values) residual += v - m;
  return m + residual / values.length;
}

/**
 * Sample standard deviation (denominator n − 1), computed in two passes.
 *
 * @throws RangeError when n < 2 (one run says nothing about spread) or on a non-finite value.
 */
export function stdev(values: readonly number[]): number {
  checkSample(values, 'sample', 2);
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return Math.sqrt(ss / (values.length - 1));
}

/**
 * Coefficient of variation, stdev / |mean|.
 * 0 when n < 2 (no spread can be estimated) or when every value is equal;
 * Infinity when the mean is 0 but the values are not all equal.
 *
 * @throws RangeError on an empty sample or a non-finite value.
 */
export function cv(values: readonly number[]): number {
  checkSample(values, 'sample', 1);
  if (values.length < 2) return 0;
  const sd = stdev(values);
  if (sd === 0) return 0;
  const m = Math.abs(mean(values));
  return m === 0 ? Infinity : sd / m;
}

/**
 * Student-t confidence interval of the mean: mean ± t(1 − (1 − level)/2, n − 1) · sd / √n.
 *
 * @throws RangeError when n < 2.
 */
export function meanConfidenceInterval(
  values: readonly number[],
  level = 0.95,
): { low: number; high: number } {
  checkSample(values, 'sample', 2);
  const m = mean(values);
  const half =
    (studentTQuantile(1 - (1 - level) / 2, values.length - 1) * stdev(values)) /
    Math.sqrt(values.length);
  return { low: m - half, high: m + half };
}

/**
 * Summary of one figure over a scenario's runs: n, median, mean, 95% CI and cv.
 *
 * The CI is the Student-t interval of the **mean** (n ≥ 2). With the handful of runs a
 * benchmark affords (n ≈ 3) this is the honest choice: it widens correctly with few
 * samples (t(0.975, 2) = 4.30), whereas a bootstrap of the median of 3 values is
 * degenerate (it can only return sample values, so its "interval" is at most the sample
 * range and claims far more confidence than 3 runs carry).
 * With n = 1 the interval collapses to the single value (ciLow = ciHigh = value, cv = 0):
 * callers must look at `n` before trusting it.
 *
 * @throws RangeError when `values` is empty or holds NaN / ±Infinity.
 */
export function summarize(values: number[]): SampleSummary {
  checkSample(values, 'sample', 1);
  const n = values.length;
  const m = mean(values);
  if (n === 1) {
    return { n, median: m, mean: m, ciLow: m, ciHigh: m, cv: 0 };
  }
  const ci = meanConfidenceInterval(values, 0.95);
  return { n, median: median(values), mean: m, ciLow: ci.low, ciHigh: ci.high, cv: cv(values) };
}

/**
 * The geometric mean of positive values, with the Student-t interval of the mean log
 * (exponentiated) when there are at least 2: the centre and interval a claim's ratio of
 * geometric means is made of, for charts that must show the figures the claims print.
 */
export function geometricMeanInterval(values: readonly number[], level = 0.95): { centre: number; ciLow?: number; ciHigh?: number } {
  checkSample(values, 'geometricMeanInterval', 1);
  if (values.some((v) => v <= 0)) throw new RangeError('geometricMeanInterval: values must be > 0');
  const logs = values.map(Math.log);
  const m = logs.reduce((t, v) => t + v, 0) / logs.length;
  if (logs.length < 2) return { centre: Math.exp(m) };
  const sd = Math.sqrt(logs.reduce((t, v) => t + (v - m) ** 2, 0) / (logs.length - 1));
  const half = studentTQuantile(1 - (1 - level) / 2, logs.length - 1) * (sd / Math.sqrt(logs.length));
  return { centre: Math.exp(m), ciLow: Math.exp(m - half), ciHigh: Math.exp(m + half) };
}
