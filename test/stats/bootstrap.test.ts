import { describe, it, expect } from 'vitest';
import { bootstrapRatioOfMediansCi, mulberry32 } from '../../bench/stats/bootstrap.js';

describe('seeded bootstrap of the ratio of medians', () => {
  it('mulberry32 reproduces the reference implementation', () => {
    // First outputs of the canonical JS mulberry32 (bryc), seed 1 and seed 42.
    const r = mulberry32(1);
    expect([r(), r(), r()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
    const s = mulberry32(42);
    expect([s(), s()]).toEqual([0.6011037519201636, 0.44829055899754167]);
  });

  it('is deterministic given the seed, and the seed matters', () => {
    const a = [10, 11, 12, 13, 14];
    const b = [5, 5.5, 6, 6.5, 7.5];
    const first = bootstrapRatioOfMediansCi(a, b, { seed: 7 });
    expect(bootstrapRatioOfMediansCi(a, b, { seed: 7 })).toEqual(first);
    expect(first.low).toBeLessThan(2);
    expect(first.high).toBeGreaterThan(2);
    // With 10 000 resamples the percentiles of this discrete statistic are stable across
    // seeds; with 15 resamples they are not.
    const few = (seed: number) => bootstrapRatioOfMediansCi(a, b, { seed, resamples: 15 });
    expect(few(7)).toEqual(few(7));
    expect(few(8)).not.toEqual(few(7));
  });

  it('matches the exact bootstrap distribution: a = [1, 2, 3] over b = [1, 1, 1] gives [1, 3]', () => {
    // median of 3 draws from {1,2,3}: P(1) = P(3) = 7/27 ≈ 0.26, P(2) = 13/27, so the
    // 2.5% and 97.5% percentiles of the ratio are exactly 1 and 3.
    expect(bootstrapRatioOfMediansCi([1, 2, 3], [1, 1, 1])).toEqual({ low: 1, high: 3, estimate: 2 });
  });

  it('constant samples give a zero-width interval at the ratio', () => {
    expect(bootstrapRatioOfMediansCi([2, 2, 2], [1, 1, 1])).toEqual({ low: 2, high: 2, estimate: 2 });
  });

  it('a zero median in b makes the interval unbounded instead of NaN', () => {
    const ci = bootstrapRatioOfMediansCi([3, 4, 5], [0, 0, 1], { seed: 3 });
    expect(ci.high).toBe(Infinity);
  });

  it('rejects negative values and bad options', () => {
    expect(() => bootstrapRatioOfMediansCi([1, -1], [1, 2])).toThrow(RangeError);
    expect(() => bootstrapRatioOfMediansCi([1, 2], [1, 2], { resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapRatioOfMediansCi([1, 2], [1, 2], { level: 1 })).toThrow(RangeError);
  });
});
