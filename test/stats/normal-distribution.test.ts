import { describe, it, expect } from 'vitest';
import { normalCdf, normalQuantile } from '../../bench/stats/distributions.js';

// Reference values: scipy 1.17.1, stats.norm.cdf / stats.norm.ppf.
describe('standard normal distribution', () => {
  it('CDF matches scipy, with full relative precision in the far tail', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.0)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(-2.5)).toBeCloseTo(0.006209665325776132, 14);
    expect(normalCdf(-8) / 6.22096057427174e-16).toBeCloseTo(1, 10);
  });

  it('quantile matches scipy', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 12);
    expect(normalQuantile(1e-6)).toBeCloseTo(-4.753424308822899, 11);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });

  it('rejects NaN', () => {
    expect(() => normalCdf(Number.NaN)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
  });
});
