import { describe, it, expect } from 'vitest';
import { cv, mean, median, quantileSorted, stdev } from '../../bench/stats/describe.js';

describe('median, mean, stdev, cv', () => {
  it('median takes the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('median does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('quantileSorted interpolates linearly (numpy default)', () => {
    // numpy.quantile([1, 2, 3, 4], 0.25) = 1.75
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
  });

  it('mean and sample stdev (n − 1)', () => {
    expect(mean([2, 4, 4, 4, 5, 5, 7, 9])).toBe(5);
    // numpy.std([2,4,4,4,5,5,7,9], ddof=1) = 2.138089935299395 (= sqrt(32/7))
    expect(stdev([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138089935299395, 14);
    expect(stdev([10, 12, 14])).toBe(2);
  });

  it('mean of equal values is exactly that value', () => {
    expect(mean([0.1, 0.1, 0.1])).toBe(0.1);
  });

  it('cv is stdev / |mean|, 0 for one value or no spread', () => {
    expect(cv([10, 12, 14])).toBeCloseTo(2 / 12, 15);
    expect(cv([5])).toBe(0);
    expect(cv([3, 3, 3])).toBe(0);
    expect(cv([-1, 1])).toBe(Infinity);
  });

  it('stdev needs two values', () => {
    expect(() => stdev([1])).toThrow(RangeError);
  });
});
