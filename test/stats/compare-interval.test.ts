import { describe, it, expect } from 'vitest';
import { compareSamples } from '../../bench/stats/compare.js';

// Reference: scipy 1.17.1 on logs, r = stats.ttest_ind(log(a), log(b), equal_var=False);
// CI = exp(r.confidence_interval(0.95)), p = r.pvalue.
describe('compareSamples: ratio, interval and p-value', () => {
  it('all values > 0: exponentiated Welch interval of the log means, Welch p on logs', () => {
    const c = compareSamples([200, 204, 198, 202, 199], [100, 101, 99, 102, 98]);
    // The estimate of the printed interval: the ratio of geometric means, not median(a)/median(b) = 2.
    const geo = (xs: number[]) => Math.exp(xs.reduce((t, x) => t + Math.log(x), 0) / xs.length);
    expect(c.ratio).toBeCloseTo(geo([200, 204, 198, 202, 199]) / geo([100, 101, 99, 102, 98]), 12);
    expect(c.estimand).toBe('ratio of geometric means');
    expect(c.ciMethod).toBe('welch-log');
    expect(c.test).toBe('welch-t');
    expect(c.ratioCiLow).toBeCloseTo(1.9649397023605455, 10);
    expect(c.ratioCiHigh).toBeCloseTo(2.0480924920446966, 10);
    expect(c.pValue / 3.7843283830207695e-12).toBeCloseTo(1, 6);
    expect([c.nA, c.nB]).toEqual([5, 5]);
  });

  it('n = 3 each, noisy', () => {
    const c = compareSamples([10, 12, 14], [10, 11, 12]);
    expect(c.ratio).toBeCloseTo(Math.cbrt(10 * 12 * 14) / Math.cbrt(10 * 11 * 12), 12);
    expect(c.ratioCiLow).toBeCloseTo(0.7661048712322983, 10);
    expect(c.ratioCiHigh).toBeCloseTo(1.5329759560853506, 10);
    expect(c.pValue).toBeCloseTo(0.5185994229408158, 10);
  });

  it('a zero value (no log) falls back to the seeded bootstrap and raw-value Welch', () => {
    const a = [0, 10, 11, 12];
    const b = [5, 6, 5.5, 6.5];
    const c = compareSamples(a, b);
    expect(c.ciMethod).toBe('bootstrap');
    expect(compareSamples(a, b)).toEqual(c);
    // scipy: stats.ttest_ind(a, b, equal_var=False).pvalue
    expect(c.pValue).toBeCloseTo(0.43596953746911493, 10);
  });

  it('the printed ratio always lies inside its printed interval (outliers, zeros, lower-is-better)', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let trial = 0; trial < 500; trial++) {
      const n = 2 + Math.floor(random() * 5);
      const draw = () => Array.from({ length: n }, () => (random() < 0.1 ? 0 : random() < 0.2 ? 1000 * random() : 10 + random() * 5));
      const a = draw();
      const b = draw().map((v) => v + 1);
      const c = compareSamples(a, b, { higherIsBetter: random() < 0.5 });
      expect(c.ratioCiLow).toBeLessThanOrEqual(c.ratio * (1 + 1e-12));
      expect(c.ratioCiHigh).toBeGreaterThanOrEqual(c.ratio * (1 - 1e-12));
    }
  });

  it('n = 1 on a side: the interval is [ratio, ratio] and p = 1', () => {
    const c = compareSamples([200], [100, 101, 99]);
    expect([c.ratio, c.ratioCiLow, c.ratioCiHigh, c.pValue, c.ciMethod]).toEqual([2, 2, 2, 1, 'none']);
  });

  it('rejects what has no ratio', () => {
    expect(() => compareSamples([], [1])).toThrow(RangeError);
    expect(() => compareSamples([1, 2], [0, 0, 1])).toThrow(/median\(b\) is 0/);
    expect(() => compareSamples([1, -2], [1, 2])).toThrow(RangeError);
    expect(() => compareSamples([1, Number.NaN], [1, 2])).toThrow(RangeError);
    expect(() => compareSamples([1, 2], [1, 2], { alpha: 0 })).toThrow(RangeError);
  });
});
