import { describe, it, expect } from 'vitest';
import { compareSamples } from '../../bench/stats/compare.js';

// Reference: scipy 1.17.1 on logs, r = stats.ttest_ind(log(a), log(b), equal_var=False);
// CI = exp(r.confidence_interval(0.95)), p = r.pvalue.
describe('compareSamples: ratio, interval and p-value', () => {
  it('all values > 0: exponentiated Welch interval of the log means, Welch p on logs', () => {
    const c = compareSamples([200, 204, 198, 202, 199], [100, 101, 99, 102, 98]);
    expect(c.ratio).toBe(2);
    expect(c.ciMethod).toBe('welch-log');
    expect(c.test).toBe('welch-t');
    expect(c.ratioCiLow).toBeCloseTo(1.9649397023605455, 10);
    expect(c.ratioCiHigh).toBeCloseTo(2.0480924920446966, 10);
    expect(c.pValue / 3.7843283830207695e-12).toBeCloseTo(1, 6);
    expect([c.nA, c.nB]).toEqual([5, 5]);
  });

  it('n = 3 each, noisy', () => {
    const c = compareSamples([10, 12, 14], [10, 11, 12]);
    expect(c.ratio).toBeCloseTo(12 / 11, 15);
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
