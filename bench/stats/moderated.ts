/**
 * Noise estimated from the whole run, so that one comparison does not rest on one degree
 * of freedom. A benchmark run measures many scenarios a few times each; on the log scale
 * their run-to-run spread is similar (the machine's noise), so the run's pooled variance
 * is a prior for each scenario's own (an empirical-Bayes "moderated" variance, as limma
 * does for microarrays: Smyth 2004):
 *
 *   s̃² = (d0 · s0² + (n − 1) · s²) / (d0 + n − 1),  with d0 + n − 1 degrees of freedom,
 *
 * where s0² is the pooled log variance of the figure over the run's scenarios and d0 its
 * weight, capped (PRIOR_DF_MAX) so that a scenario much noisier than the rest still
 * widens its own interval. The comparison is then Welch's on the moderated variances.
 */
import { mean } from './describe.js';
import { studentTCdf, studentTQuantile } from './distributions.js';
import { digamma } from './special.js';

/** A prior for a figure's log variance, pooled over the run's scenarios. */
export interface LogVariancePrior {
  /** Pooled variance of ln(value) within scenarios. */
  variance: number;
  /** Weight of the prior in degrees of freedom (≤ PRIOR_DF_MAX). */
  df: number;
  /** Scenarios it was pooled from. */
  scenarios: number;
}

/**
 * Cap on the prior's weight. Chosen by simulation (test/stats/power.test.ts): with 2 runs
 * a side and per-scenario noise varying 5-fold across the run, A/A pairs stay near the
 * nominal 5% false decisions while 2x effects are decided.
 */
export const PRIOR_DF_MAX = 4;

function logVariance(values: readonly number[]): number {
  const logs = values.map(Math.log);
  const m = mean(logs);
  return logs.reduce((t, v) => t + (v - m) ** 2, 0) / (logs.length - 1);
}

/**
 * The pooled log variance of one figure over samples (one per scenario, its valid runs):
 * samples with fewer than 2 values, or a value ≤ 0, are left out. Undefined when fewer than
 * 3 scenarios (or fewer than 3 degrees of freedom) remain: too little to pool.
 *
 * The pool is the typical scenario's variance, estimated on the log scale as limma does
 * (Smyth 2004: E[ln s²] = ln σ² + ψ(d/2) − ln(d/2) for s² on d degrees of freedom), not
 * the mean of the variances: a few scenarios caught in a slow spell of the host (2x
 * swings, log variance ~0.2) made the mean 10-20x a steady scenario's, and so gave a
 * scenario whose own 3 runs agreed within 1.3% an interval of ±18% (C4, 2026-12-06).
 * A scenario noisier than the typical one still widens its own interval through its own
 * degrees of freedom (PRIOR_DF_MAX caps the pool's weight). Samples whose runs are all
 * equal (s² = 0, a count repeated) have no logarithm and are left out of the pool.
 */
export function pooledLogVariance(samples: readonly (readonly number[])[]): LogVariancePrior | undefined {
  const usable = samples.filter((s) => s.length >= 2 && s.every((v) => v > 0 && Number.isFinite(v)));
  const df = usable.reduce((t, s) => t + s.length - 1, 0);
  if (usable.length < 3 || df < 3) return undefined;
  const varying = usable.map((s) => ({ d: s.length - 1, variance: logVariance(s) })).filter((x) => x.variance > 0);
  const variance =
    varying.length > 0
      ? Math.exp(varying.reduce((t, x) => t + Math.log(x.variance) - digamma(x.d / 2) + Math.log(x.d / 2), 0) / varying.length)
      : 0;
  return { variance, df: Math.min(df, PRIOR_DF_MAX), scenarios: usable.length };
}

export interface ModeratedWelch {
  /** mean(ln a) − mean(ln b). */
  meanDiff: number;
  standardError: number;
  df: number;
  pValue: number;
  ciLow: number;
  ciHigh: number;
}

/**
 * A floor under the variance of each side's mean log, from what is known without
 * estimating it: a rate counted in a window cannot tell N requests from N ± 1, a uniform
 * error of ±1/N on the log scale, variance 1/(3N²) per run (countQuantizationFloor). Two
 * runs that counted 19 requests each are not a zero-width interval: one request more or
 * less is 5%.
 */
export interface MeanLogVarianceFloor {
  a?: number;
  b?: number;
}

/** Degrees of freedom of a side whose variance is the known (Poisson) floor, not an estimate. */
const KNOWN_VARIANCE_DF = 1e6;

/**
 * Welch's test of mean(ln a) = mean(ln b) on variances moderated by the prior (when
 * given; otherwise each side's own), each side's variance of its mean floored by `floor`;
 * a, b > 0, n ≥ 2 each. `bConstant`: b is a fixed reference (variance 0).
 */
export function moderatedWelchLog(
  a: readonly number[],
  b: readonly number[],
  prior: LogVariancePrior | undefined,
  level = 0.95,
  bConstant = false,
  floor: MeanLogVarianceFloor = {},
): ModeratedWelch {
  const side = (xs: readonly number[], min = 0) => {
    const d = xs.length - 1;
    const variance = prior ? (prior.df * prior.variance + d * logVariance(xs)) / (prior.df + d) : logVariance(xs);
    const df = (prior?.df ?? 0) + d;
    return variance / xs.length >= min ? { v: variance / xs.length, df } : { v: min, df: KNOWN_VARIANCE_DF };
  };
  const sa = side(a, floor.a);
  const sb = bConstant ? { v: 0, df: Infinity } : side(b, floor.b);
  const meanDiff = mean(a.map(Math.log)) - mean(b.map(Math.log));
  const standardError = Math.sqrt(sa.v + sb.v);
  if (!(standardError > 0)) {
    return { meanDiff, standardError: 0, df: sa.df + sb.df, pValue: meanDiff === 0 ? 1 : 0, ciLow: meanDiff, ciHigh: meanDiff };
  }
  const df = (sa.v + sb.v) ** 2 / (sa.v ** 2 / sa.df + (sb.v === 0 ? 0 : sb.v ** 2 / sb.df));
  const t = meanDiff / standardError;
  const pValue = Math.min(1, 2 * studentTCdf(-Math.abs(t), df));
  const half = studentTQuantile(1 - (1 - level) / 2, df) * standardError;
  return { meanDiff, standardError, df, pValue, ciLow: meanDiff - half, ciHigh: meanDiff + half };
}

/**
 * The floor of the variance of the mean of ln(rate) over runs that counted `counts`
 * requests each: Σ 1/(3·Nᵢ²) / n² (a ±1-request uniform error per run, independent).
 * Undefined when a run counted nothing.
 */
export function countQuantizationFloor(counts: readonly number[]): number | undefined {
  if (counts.length === 0 || counts.some((n) => !(n > 0))) return undefined;
  return counts.reduce((t, n) => t + 1 / (3 * n * n), 0) / counts.length ** 2;
}
