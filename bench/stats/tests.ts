/**
 * Two-sample hypothesis tests: Welch's t-test (means, unequal variances) and the
 * Mann–Whitney U test (rank-based, no normality assumption). Both are two-sided.
 */
import { mean, stdev } from './describe.js';
import { normalCdf, studentTCdf, studentTQuantile } from './distributions.js';
import { checkOpenProbability, checkSample } from './sample.js';

/** Result of {@link welchTTest}; the difference is always a − b. */
export interface WelchResult {
  /** t statistic, (mean(a) − mean(b)) / standardError. */
  t: number;
  /** Welch–Satterthwaite degrees of freedom (not an integer in general). */
  df: number;
  /** Two-sided p-value, P(|T| ≥ |t|). */
  pValue: number;
  meanDiff: number;
  /** √(s²a/nA + s²b/nB). */
  standardError: number;
  /** Confidence interval of mean(a) − mean(b) at the requested level. */
  ciLow: number;
  ciHigh: number;
}

/**
 * Welch's unequal-variance t-test of mean(a) = mean(b), two-sided, with the
 * Welch–Satterthwaite degrees of freedom
 * df = (va + vb)² / (va²/(nA − 1) + vb²/(nB − 1)), va = s²a/nA, vb = s²b/nB,
 * and the matching confidence interval meanDiff ± t(1 − (1 − level)/2, df) · se.
 *
 * Degenerate case: when both samples have zero variance (se = 0), t is 0 and p = 1 if the
 * means are equal, else t = ±Infinity and p = 0; df is then nA + nB − 2 and the interval
 * collapses to the difference.
 *
 * @param level - confidence level of the interval (default 0.95).
 * @throws RangeError when a side has fewer than 2 values or holds NaN / ±Infinity.
 */
export function welchTTest(a: readonly number[], b: readonly number[], level = 0.95): WelchResult {
  checkSample(a, 'a', 2);
  checkSample(b, 'b', 2);
  checkOpenProbability(level, 'level');
  const nA = a.length;
  const nB = b.length;
  const meanDiff = mean(a) - mean(b);
  const va = stdev(a) ** 2 / nA;
  const vb = stdev(b) ** 2 / nB;
  const standardError = Math.sqrt(va + vb);
  if (standardError === 0) {
    return {
      t: meanDiff === 0 ? 0 : meanDiff > 0 ? Infinity : -Infinity,
      df: nA + nB - 2,
      pValue: meanDiff === 0 ? 1 : 0,
      meanDiff,
      standardError,
      ciLow: meanDiff,
      ciHigh: meanDiff,
    };
  }
  const df = (va + vb) ** 2 / (va ** 2 / (nA - 1) + vb ** 2 / (nB - 1));
  const t = meanDiff / standardError;
  const pValue = Math.min(1, 2 * studentTCdf(-Math.abs(t), df));
  const half = studentTQuantile(1 - (1 - level) / 2, df) * standardError;
  return { t, df, pValue, meanDiff, standardError, ciLow: meanDiff - half, ciHigh: meanDiff + half };
}

/** Result of {@link mannWhitneyU}. */
export interface MannWhitneyResult {
  /** U of a: pairs (x from a, y from b) with x > y, ties counting ½ (scipy's U1). */
  u: number;
  /** Two-sided p-value. */
  pValue: number;
  /** `exact`: the U distribution enumerated; `normal`: approximation with tie correction. */
  method: 'exact' | 'normal';
}

/** Above this many values in all, `auto` uses the normal approximation. */
const EXACT_MAX_TOTAL = 50;

/** Mid-ranks (1-based, ties get their average rank) and Σ(t³ − t) over tie groups. */
function rank(values: readonly number[]): { ranks: number[]; tieSum: number } {
  const order = values.map((v, i) => ({ v, i })).sort((x, y) => x.v - y.v);
  const ranks = new Array<number>(values.length).fill(0);
  let tieSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && order[end]?.v === order[start]?.v) end++;
    const midRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[(order[k] as { i: number }).i] = midRank;
    const t = end - start;
    tieSum += t * t * t - t;
    start = end;
  }
  return { ranks, tieSum };
}

/**
 * Null distribution of U for sample sizes m and n without ties: counts[u] = number of
 * the C(m + n, m) equally likely rank arrangements with U = u. These are the coefficients
 * of the Gaussian binomial [m + n choose m]_q = Π_{i=1..m} (1 − q^(n+i)) / (1 − q^i),
 * built one factor at a time (each partial product is again a Gaussian binomial, so the
 * counts stay non-negative integers, exact in doubles below 2^53).
 */
function exactUCounts(m: number, n: number): number[] {
  const small = Math.min(m, n);
  const large = Math.max(m, n);
  const counts = new Array<number>(small * large + 1).fill(0);
  counts[0] = 1;
  for (let i = 1; i <= small; i++) {
    const up = large + i;
    for (let k = counts.length - 1; k >= up; k--) counts[k] = (counts[k] as number) - (counts[k - up] as number);
    for (let k = i; k < counts.length; k++) counts[k] = (counts[k] as number) + (counts[k - i] as number);
  }
  return counts;
}

/**
 * Two-sided Mann–Whitney U test (Wilcoxon rank-sum) of "a and b come from the same
 * distribution".
 *
 * - `exact`: p = min(1, 2 · min(P(U ≤ u), P(U ≥ u))) from the enumerated U distribution;
 *   only valid without ties and for nA + nB ≤ 50, where the counts stay exact (throws otherwise).
 * - `normal`: z = (|U − nA·nB/2| − ½) / σ with continuity correction and the tie-corrected
 *   σ² = nA·nB/12 · ((N + 1) − Σ(t³ − t) / (N(N − 1))); p = 2·Φ(−z), and p = 1 when every
 *   value is tied (σ = 0).
 * - `auto` (default): exact when there are no ties and nA + nB ≤ 50, normal otherwise.
 *
 * Matches scipy.stats.mannwhitneyu(a, b, method=...) with use_continuity=True.
 * E.g. a = [1, 2, 3], b = [4, 5, 6]: U = 0, exact p = 2/20 = 0.1.
 *
 * @throws RangeError on an empty side, NaN / ±Infinity, or `exact` with ties or > 50 values.
 */
export function mannWhitneyU(
  a: readonly number[],
  b: readonly number[],
  opts: { method?: 'auto' | 'exact' | 'normal' } = {},
): MannWhitneyResult {
  checkSample(a, 'a', 1);
  checkSample(b, 'b', 1);
  const nA = a.length;
  const nB = b.length;
  const total = nA + nB;
  const { ranks, tieSum } = rank([...a, ...b]);
  let rankSumA = 0;
  for (let i = 0; i < nA; i++) rankSumA += ranks[i] as number;
  const u = rankSumA - (nA * (nA + 1)) / 2;

  const requested = opts.method ?? 'auto';
  if (requested === 'exact' && (tieSum > 0 || total > EXACT_MAX_TOTAL)) {
    throw new RangeError(
      `mannWhitneyU: the exact test needs samples without ties and at most ${EXACT_MAX_TOTAL} values in all`,
    );
  }
  const exact = requested === 'exact' || (requested === 'auto' && tieSum === 0 && total <= EXACT_MAX_TOTAL);

  if (exact) {
    const counts = exactUCounts(nA, nB);
    let all = 0;
    let atMost = 0;
    for (let k = 0; k < counts.length; k++) {
      const c = counts[k] as number;
      all += c;
      if (k <= u) atMost += c;
    }
    const atLeast = all - atMost + (counts[u] as number);
    const pValue = Math.min(1, (2 * Math.min(atMost, atLeast)) / all);
    return { u, pValue, method: 'exact' };
  }

  const mu = (nA * nB) / 2;
  const variance = ((nA * nB) / 12) * (total + 1 - tieSum / (total * (total - 1)));
  if (!(variance > 0)) return { u, pValue: 1, method: 'normal' };
  const z = Math.max(0, Math.abs(u - mu) - 0.5) / Math.sqrt(variance);
  return { u, pValue: Math.min(1, 2 * normalCdf(-z)), method: 'normal' };
}
