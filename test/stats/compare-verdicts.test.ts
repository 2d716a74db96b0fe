import { describe, it, expect } from 'vitest';
import { compareSamples } from '../../bench/stats/compare.js';

// Intervals quoted in the comments: scipy 1.17.1, exp of the Welch interval on logs.
describe('compareSamples: verdicts', () => {
  const fast = [200, 204, 198, 202, 199];
  const slow = [100, 101, 99, 102, 98];

  it('clearly better: 2x with n = 5 each (CI 1.96-2.05, p ≈ 4e-12)', () => {
    const c = compareSamples(fast, slow);
    expect(c.verdict).toBe('a-better');
    expect(c.reason).toBe('a is 2.01× b (95% CI of the ratio of geometric means 1.96–2.05), p<0.001: a is better beyond the ±5% band');
    expect(compareSamples(slow, fast).verdict).toBe('b-better');
  });

  it('higherIsBetter: false flips the direction (latency)', () => {
    expect(compareSamples(fast, slow, { higherIsBetter: false }).verdict).toBe('b-better');
    expect(compareSamples(slow, fast, { higherIsBetter: false }).verdict).toBe('a-better');
  });

  it('no clear difference: the whole CI inside the ±5% band (CI 0.990-1.010)', () => {
    const c = compareSamples([100, 101, 99, 100.5, 99.5], [100.2, 99.8, 100.4, 99.6, 100]);
    expect(c.verdict).toBe('no-clear-difference');
    expect(c.reason).toMatch(/inside the ±5% band$/);
  });

  it('no clear difference: not significant and CI within ±2·band (CI 0.943-1.059)', () => {
    const c = compareSamples([100, 106, 94, 103, 97], [101, 97, 103, 99, 100]);
    expect(c.verdict).toBe('no-clear-difference');
    expect(c.reason).toMatch(/not significant and the interval is within ±10%$/);
    // the same data with a band of 2% is too wide to call
    expect(compareSamples([100, 106, 94, 103, 97], [101, 97, 103, 99, 100], { practicalBand: 0.02 }).verdict).toBe(
      'inconclusive',
    );
  });

  it('inconclusive with n = 1 on a side, whatever the ratio', () => {
    const c = compareSamples([200], [100, 101, 99]);
    expect(c.verdict).toBe('inconclusive');
    expect(c.reason).toMatch(/at least 2 each/);
  });

  it('inconclusive with huge noise (n = 3, CI 0.24-4.46, p = 0.95)', () => {
    const c = compareSamples([50, 200, 120], [100, 60, 180]);
    expect(c.verdict).toBe('inconclusive');
    expect(c.reason).toBe('a is 1.04× b (95% CI of the ratio of geometric means 0.24–4.46), p=0.949: too noisy to tell (interval wider than ±10%)');
  });

  it('inconclusive when significant but the CI straddles the band edge (5%: CI 1.044-1.056)', () => {
    const c = compareSamples([105, 105.5, 104.5, 105.2, 104.8], [100, 100.5, 99.5, 100.2, 99.8]);
    expect(c.pValue).toBeLessThan(0.05);
    expect(c.verdict).toBe('inconclusive');
    expect(c.reason).toMatch(/significant, but the interval reaches inside the ±5% band$/);
    // a 3% band is cleared by the whole interval
    expect(
      compareSamples([105, 105.5, 104.5, 105.2, 104.8], [100, 100.5, 99.5, 100.2, 99.8], { practicalBand: 0.03 })
        .verdict,
    ).toBe('a-better');
  });
});
