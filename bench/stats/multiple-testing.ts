/**
 * Several comparisons at once (e.g. rps, p50 and p99 of the same A/B pair): control the
 * family-wise error rate with Holm's step-down procedure, uniformly more powerful than
 * plain Bonferroni and valid under any dependence between the tests.
 */

function checkPValues(pValues: readonly number[]): void {
  for (const [i, p] of pValues.entries()) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value #${i} must be in [0, 1], got ${String(p)}`);
  }
}

/**
 * Holm-adjusted p-values, in the input order: sort ascending p(1) ≤ … ≤ p(m), then
 * adj(k) = max over j ≤ k of min(1, (m − j + 1) · p(j)).
 *
 * @throws RangeError when a p-value is outside [0, 1] or NaN.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  checkPValues(pValues);
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(m).fill(1);
  let running = 0;
  order.forEach(({ p, i }, k) => {
    running = Math.max(running, Math.min(1, (m - k) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

/**
 * Holm–Bonferroni: which hypotheses are rejected at family-wise level `alpha`, in the
 * input order. Step down from the smallest p: reject H(k) while p(k) · (m − k + 1) < alpha,
 * stop at the first that fails (equivalently: Holm-adjusted p < alpha). Strict `<`, as in
 * compareSamples.
 *
 * @throws RangeError when a p-value is outside [0, 1] or alpha outside (0, 1).
 */
export function holmBonferroni(pValues: readonly number[], alpha = 0.05): boolean[] {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  return holmAdjust(pValues).map((p) => p < alpha);
}
