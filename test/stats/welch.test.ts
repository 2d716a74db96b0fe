import { describe, it, expect } from 'vitest';
import { welchTTest } from '../../bench/stats/tests.js';

// The two worked examples of Wikipedia's "Welch's t-test" article; reference values from
// scipy 1.17.1: r = stats.ttest_ind(a, b, equal_var=False); r.statistic, r.pvalue, r.df,
// r.confidence_interval(0.95).
const A1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
const A2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
const B1 = [19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0];
const B2 = [
  28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7, 23.2, 17.5, 20.6, 18.0, 23.9, 21.6, 24.3,
  20.4, 23.9, 13.3,
];

describe("Welch's t-test", () => {
  it('equal sizes, similar variances: t, df, p and CI match scipy', () => {
    const r = welchTTest(A1, A2);
    expect(r.t).toBeCloseTo(-2.455356398286006, 10);
    expect(r.df).toBeCloseTo(24.988529290231416, 9);
    expect(r.pValue).toBeCloseTo(0.021378001462866992, 10);
    expect(r.ciLow).toBeCloseTo(-3.984096267140929, 9);
    expect(r.ciHigh).toBeCloseTo(-0.3492370661924069, 9);
  });

  it('unequal sizes and variances: matches scipy', () => {
    const r = welchTTest(B1, B2);
    expect(r.t).toBeCloseTo(-2.225512039969852, 10);
    expect(r.df).toBeCloseTo(24.524634944257343, 9);
    expect(r.pValue).toBeCloseTo(0.035484530830010394, 10);
    expect(r.ciLow).toBeCloseTo(-4.276458650120555, 9);
    expect(r.ciHigh).toBeCloseTo(-0.16354134987944358, 9);
  });

  it('is antisymmetric in its arguments', () => {
    const ab = welchTTest(B1, B2);
    const ba = welchTTest(B2, B1);
    expect(ba.t).toBeCloseTo(-ab.t, 12);
    expect(ba.pValue).toBeCloseTo(ab.pValue, 12);
  });

  it('zero variance on both sides: p = 0 when the means differ, 1 when equal', () => {
    expect(welchTTest([2, 2, 2], [1, 1])).toMatchObject({ t: Infinity, pValue: 0, ciLow: 1, ciHigh: 1 });
    expect(welchTTest([3, 3], [3, 3, 3])).toMatchObject({ t: 0, pValue: 1 });
  });

  it('needs two values a side', () => {
    expect(() => welchTTest([1], [1, 2])).toThrow(RangeError);
  });
});
