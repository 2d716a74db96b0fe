import { describe, it, expect } from 'vitest';
import { holmAdjust, holmBonferroni } from '../../bench/stats/multiple-testing.js';

describe('Holm–Bonferroni', () => {
  // By hand, m = 4, alpha = 0.05, sorted p: 0.005 (x4 = 0.02 < 0.05, reject),
  // 0.01 (x3 = 0.03 < 0.05, reject), 0.03 (x2 = 0.06, stop): 0.04 is not rejected either,
  // although 0.04 x 1 < 0.05 (step-down stops at the first failure).
  const p = [0.01, 0.04, 0.03, 0.005];

  it('rejects step-down from the smallest p, in input order', () => {
    expect(holmBonferroni(p, 0.05)).toEqual([true, false, false, true]);
  });

  it('adjusted p-values are monotone running maxima of (m − k + 1)·p(k)', () => {
    const adjusted = holmAdjust(p);
    [0.03, 0.06, 0.06, 0.02].forEach((want, i) => expect(adjusted[i]).toBeCloseTo(want, 15));
  });

  it('is stricter than unadjusted testing and caps at 1', () => {
    expect(holmBonferroni([0.04, 0.045], 0.05)).toEqual([false, false]);
    // 2 x 0.6 = 1.2 -> 1, then max(1, 1 x 0.9) = 1
    expect(holmAdjust([0.6, 0.9])).toEqual([1, 1]);
    expect(holmBonferroni([], 0.05)).toEqual([]);
  });

  it('rejects p-values outside [0, 1]', () => {
    expect(() => holmBonferroni([0.5, Number.NaN])).toThrow(RangeError);
    expect(() => holmAdjust([1.2])).toThrow(RangeError);
  });
});
