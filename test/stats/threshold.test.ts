import { describe, expect, it } from 'vitest';
import { compareSamples, mulberry32, ratioVsThreshold } from '../../bench/stats/index.js';

describe('ratioVsThreshold: two one-sided tests of a ratio against a threshold', () => {
  it('decides "above" exactly when the one-sided lower bound clears the threshold (and "below" likewise), on random samples', () => {
    const random = mulberry32(7);
    for (let i = 0; i < 300; i++) {
      const a = [1, 2, 3].map(() => 50 + 100 * random());
      const b = [1, 2, 3].map(() => 50 + 100 * random());
      const threshold = 0.5 + random();
      const t = ratioVsThreshold(a, b, threshold)!;
      expect(t.pAbove + t.pBelow).toBeCloseTo(1, 9);
      expect(t.pAbove < 0.05).toBe(t.lowerBound > threshold);
      expect(t.pBelow < 0.05).toBe(t.upperBound < threshold);
      expect(t.lowerBound).toBeLessThanOrEqual(t.ratio);
      expect(t.upperBound).toBeGreaterThanOrEqual(t.ratio);
    }
  });

  it('uses the same estimate as compareSamples, with one-sided bounds inside its two-sided 95% interval', () => {
    const a = [80, 95, 88];
    const b = [45, 52, 50];
    const two = compareSamples(a, b);
    const one = ratioVsThreshold(a, b, 1.4)!;
    expect(one.ratio).toBeCloseTo(two.ratio, 12);
    expect(one.lowerBound).toBeGreaterThan(two.ratioCiLow);
    expect(one.upperBound).toBeLessThan(two.ratioCiHigh);
  });

  it('has no test without logs or with one run a side, and rejects a non-positive threshold', () => {
    expect(ratioVsThreshold([0, 1], [1, 2], 1)).toBeUndefined();
    expect(ratioVsThreshold([1], [1, 2], 1)).toBeUndefined();
    expect(() => ratioVsThreshold([1, 2], [1, 2], 0)).toThrow(RangeError);
  });
});
