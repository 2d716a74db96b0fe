/**
 * Rank correlation: does one figure order the scenarios the way another does (e.g. does
 * event-loop delay predict tail latency, claim C15)? Spearman's rho, with a p-value and a
 * confidence interval, both approximations documented below.
 */
import { normalQuantile, studentTCdf } from './distributions.js';
import { checkOpenProbability, checkSample } from './sample.js';

/** Outcome of {@link spearman}. */
export interface RankCorrelation {
  /** Spearman's rho: the Pearson correlation of the mid-ranks, in [-1, 1]. */
  rho: number;
  /** Number of pairs. */
  n: number;
  /** Two-sided p-value of rho = 0: t = rho·√((n − 2)/(1 − rho²)), Student t with n − 2 df. */
  pValue: number;
  /** Confidence interval of rho (Fisher z with the Bonett–Wright standard error √((1 + rho²/2)/(n − 3))). */
  ciLow: number;
  ciHigh: number;
}

/** Mid-ranks, 1-based (ties get the average of the ranks they span). */
export function midRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((x, y) => x.v - y.v);
  const ranks = new Array<number>(values.length).fill(0);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.v === order[start]!.v) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]!.i] = rank;
    start = end + 1;
  }
  return ranks;
}

function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/**
 * Spearman's rank correlation of paired samples x and y.
 *
 * rho is exact (Pearson on mid-ranks, so ties are handled). The p-value uses the t
 * approximation, fair from n ≈ 10; the interval is Fisher's z transform with the
 * Bonett–Wright standard error, suited to Spearman's rho (Bonett & Wright 2000).
 * When rho is ±1 the interval collapses to it and p is 0. A constant side gives rho 0.
 *
 * @param level - confidence level of the interval (default 0.95).
 * @throws RangeError when the lengths differ, n < 4, or a value is not finite.
 */
export function spearman(x: readonly number[], y: readonly number[], level = 0.95): RankCorrelation {
  checkSample(x, 'x', 4);
  checkSample(y, 'y', 4);
  checkOpenProbability(level, 'level');
  if (x.length !== y.length) throw new RangeError(`spearman: x has ${x.length} values, y has ${y.length}`);
  const n = x.length;
  const rho = pearson(midRanks(x), midRanks(y));
  if (Math.abs(rho) >= 1) return { rho: Math.sign(rho), n, pValue: 0, ciLow: Math.sign(rho), ciHigh: Math.sign(rho) };
  const t = rho * Math.sqrt((n - 2) / (1 - rho * rho));
  const pValue = Math.min(1, 2 * studentTCdf(-Math.abs(t), n - 2));
  const z = Math.atanh(rho);
  const half = normalQuantile(1 - (1 - level) / 2) * Math.sqrt((1 + (rho * rho) / 2) / (n - 3));
  return { rho, n, pValue, ciLow: Math.tanh(z - half), ciHigh: Math.tanh(z + half) };
}
