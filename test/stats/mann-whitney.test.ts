import { describe, it, expect } from 'vitest';
import { mannWhitneyU } from '../../bench/stats/tests.js';

// Reference values: scipy 1.17.1, stats.mannwhitneyu(a, b, method=...), two-sided,
// use_continuity=True; U is scipy's statistic (U of the first sample).
describe('Mann–Whitney U', () => {
  it('a = [1, 2, 3], b = [4, 5, 6]: U = 0, exact p = 2 · 1/C(6,3) = 0.1', () => {
    expect(mannWhitneyU([1, 2, 3], [4, 5, 6])).toEqual({ u: 0, pValue: 0.1, method: 'exact' });
    expect(mannWhitneyU([4, 5, 6], [1, 2, 3])).toEqual({ u: 9, pValue: 0.1, method: 'exact' });
  });

  it('unequal sizes, exact: p = 2 · 2/C(9,4) = 0.031746…', () => {
    const r = mannWhitneyU([1.1, 3.4, 2.2, 5.0], [4.1, 6.2, 7.3, 5.5, 8.8]);
    expect(r.u).toBe(1);
    expect(r.method).toBe('exact');
    expect(r.pValue).toBeCloseTo(0.031746031746031744, 15);
  });

  const x = [
    100.012, 102.987, 97.259, 91.094, 95.453, 90.084, 100.601, 113.402, 95.078, 93.795, 104.898,
    103.569, 101.054, 90.695, 99.707, 106.953, 86.558, 95.424, 80.988, 87.105, 81.583, 97.649, 87.326,
    102.713, 101.568, 98.131, 74.832, 94.613, 99.515, 101.133,
  ];
  const y = [
    92.699, 103.222, 98.215, 99.912, 118.609, 99.925, 107.675, 116.844, 102.164, 106.883, 109.105,
    108.638, 95.749, 108.761, 121.588, 92.529, 116.594, 109.194, 101.585, 128.004, 115.623, 96.007,
    108.745, 113.767, 106.112, 114.829, 107.335, 114.672, 122.385, 101.243, 110.031, 103.367, 109.273,
    96.128, 102.207,
  ];

  it('20 vs 20 without ties is still exact', () => {
    const r = mannWhitneyU(x.slice(0, 20), y.slice(0, 20));
    expect(r.method).toBe('exact');
    expect(r.u).toBe(84);
    expect(r.pValue).toBeCloseTo(0.0012909705563378723, 14);
  });

  it('30 vs 35 (over 50 values) uses the normal approximation', () => {
    const r = mannWhitneyU(x, y);
    expect(r.method).toBe('normal');
    expect(r.u).toBe(171);
    expect(r.pValue / 3.2918026165382477e-6).toBeCloseTo(1, 10);
  });

  it('ties: normal approximation with tie correction', () => {
    const r = mannWhitneyU([1, 2, 2, 3, 3, 3, 5], [2, 3, 4, 4, 5, 6]);
    expect(r.method).toBe('normal');
    expect(r.u).toBe(10);
    expect(r.pValue).toBeCloseTo(0.12500621852933796, 13);
    expect(() => mannWhitneyU([1, 2], [2, 3], { method: 'exact' })).toThrow(RangeError);
  });

  it('all values tied: U at its mean, p = 1', () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5, 5])).toEqual({ u: 4.5, pValue: 1, method: 'normal' });
  });
});
