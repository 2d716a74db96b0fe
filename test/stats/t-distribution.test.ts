import { describe, it, expect } from 'vitest';
import { studentTCdf, studentTQuantile } from '../../bench/stats/distributions.js';

// Reference values: scipy 1.17.1, stats.t.ppf / stats.t.cdf (full double precision).
describe('Student t distribution', () => {
  it('quantiles match scipy (the CI multipliers the harness uses)', () => {
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.302652729749462, 10);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 10);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736174694, 9);
    expect(studentTQuantile(0.995, 5)).toBeCloseTo(4.032142983555228, 10);
    expect(studentTQuantile(0.025, 3)).toBeCloseTo(-3.1824463052837086, 10);
    // Non-integer df (Welch–Satterthwaite) and a far tail.
    expect(studentTQuantile(0.95, 4.5)).toBeCloseTo(2.065575888878524, 10);
    expect(studentTQuantile(1e-6, 7)).toBeCloseTo(-14.241469651981445, 8);
    expect(studentTQuantile(0.5, 3)).toBe(0);
  });

  it('the short-hand values of the brief: 4.302653 (df=2) and 2.228139 (df=10)', () => {
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.302653, 6);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228139, 6);
  });

  it('CDF matches scipy, including a non-integer df and a tail', () => {
    expect(studentTCdf(2.0, 5)).toBeCloseTo(0.9490302605850708, 12);
    expect(studentTCdf(-1.5, 7.3)).toBeCloseTo(0.08778154640154305, 12);
    expect(studentTCdf(0.3, 1)).toBeCloseTo(0.5927735790777423, 12);
    expect(studentTCdf(0, 3)).toBe(0.5);
    // relative precision in the tail
    expect(studentTCdf(-10, 3) / 0.0010641995292070751).toBeCloseTo(1, 10);
  });

  it('quantile inverts the CDF', () => {
    for (const df of [1, 2.5, 9, 30, 1000]) {
      for (const p of [0.001, 0.05, 0.3, 0.8, 0.999]) {
        expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 12);
      }
    }
  });

  it('approaches the normal for huge df and handles the ends', () => {
    // scipy: stats.t.ppf(0.975, 1e6) = 1.959966356814107
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959966356814107, 9);
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.959963984540054, 12);
    expect(studentTQuantile(0, 4)).toBe(-Infinity);
    expect(studentTQuantile(1, 4)).toBe(Infinity);
    expect(studentTCdf(Infinity, 4)).toBe(1);
    expect(studentTCdf(-Infinity, 4)).toBe(0);
  });

  it('rejects NaN, p outside [0, 1] and df <= 0', () => {
    expect(() => studentTQuantile(Number.NaN, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(1.5, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
    expect(() => studentTCdf(Number.NaN, 3)).toThrow(RangeError);
    expect(() => studentTCdf(1, Number.NaN)).toThrow(RangeError);
  });
});
