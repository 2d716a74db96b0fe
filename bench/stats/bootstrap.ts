/**
 * Seeded resampling: a small deterministic PRNG and the percentile bootstrap interval of
 * the ratio of two medians. Same inputs and seed give the same interval, run after run.
 */
import { checkOpenProbability, checkSample } from './sample.js';

/**
 * mulberry32: a 32-bit-state PRNG (Tommy Ettinger), fast and good enough for resampling.
 * Returns a function giving uniform floats in [0, 1); the sequence depends only on `seed`.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** Options of {@link bootstrapRatioOfMediansCi}. */
export interface BootstrapOptions {
  /** Number of resamples (default 10 000). */
  resamples?: number;
  /** Confidence level (default 0.95). */
  level?: number;
  /** PRNG seed (default 1). */
  seed?: number;
}

/** Median of values.length values drawn with replacement from `values` (into `scratch`). */
function resampledMedian(values: readonly number[], scratch: Float64Array, random: () => number): number {
  const n = values.length;
  for (let i = 0; i < n; i++) scratch[i] = values[Math.floor(random() * n)] as number;
  scratch.sort();
  const mid = n >> 1;
  return n % 2 === 1 ? (scratch[mid] as number) : ((scratch[mid - 1] as number) + (scratch[mid] as number)) / 2;
}

/**
 * Quantile q of ascending values with linear interpolation (type 7), where +Infinity may
 * occur (a zero denominator): any interpolation towards +Infinity is +Infinity.
 */
function percentile(sortedValues: Float64Array, q: number): number {
  const pos = (sortedValues.length - 1) * q;
  const lo = Math.floor(pos);
  const vLo = sortedValues[lo] as number;
  const vHi = sortedValues[Math.ceil(pos)] as number;
  return vLo === vHi ? vLo : vLo + (vHi - vLo) * (pos - lo);
}

/**
 * Percentile bootstrap confidence interval of median(a) / median(b): resample a and b
 * independently with replacement, take the ratio of the resampled medians, and return
 * the (1 − level)/2 and (1 + level)/2 quantiles of those ratios (linear interpolation),
 * and their median as the point estimate (inside the interval by construction).
 *
 * A resample where median(b*) = 0 gives a ratio of +Infinity (or 1 when median(a*) is 0
 * too: the two resamples agree), so an interval reaching a zero denominator comes out
 * unbounded rather than wrong. Values are expected to be ≥ 0 (throughputs, latencies).
 *
 * Beware: with 3 runs a side the median can only take 3 values, so this interval is
 * coarse; prefer the Welch interval of compare.ts when each side has ≥ 2 runs.
 *
 * @throws RangeError on an empty side, NaN / ±Infinity, or a negative value.
 */
export function bootstrapRatioOfMediansCi(
  a: readonly number[],
  b: readonly number[],
  opts: BootstrapOptions = {},
): { low: number; high: number; estimate: number } {
  checkSample(a, 'a', 1);
  checkSample(b, 'b', 1);
  if ([...a, ...b].some((v) => v < 0)) throw new RangeError('bootstrap: values must be >= 0');
  const resamples = opts.resamples ?? 10_000;
  const level = opts.level ?? 0.95;
  checkOpenProbability(level, 'level');
  if (!(Number.isInteger(resamples) && resamples >= 1)) {
    throw new RangeError(`bootstrap: resamples must be a positive integer, got ${resamples}`);
  }
  const random = mulberry32(opts.seed ?? 1);
  const scratchA = new Float64Array(a.length);
  const scratchB = new Float64Array(b.length);
  const ratios = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    const ma = resampledMedian(a, scratchA, random);
    const mb = resampledMedian(b, scratchB, random);
    ratios[r] = mb === 0 ? (ma === 0 ? 1 : Infinity) : ma / mb;
  }
  ratios.sort();
  // The estimate is the median of the same resampled ratios, so it lies inside the interval.
  return { low: percentile(ratios, (1 - level) / 2), high: percentile(ratios, (1 + level) / 2), estimate: percentile(ratios, 0.5) };
}
