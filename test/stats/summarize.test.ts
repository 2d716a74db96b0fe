import { describe, it, expect } from 'vitest';
import { summarize } from '../../bench/stats/describe.js';

describe('summarize', () => {
  it('[10, 12, 14]: mean 12, sd 2, CI 12 ± t(0.975, 2)·2/√3', () => {
    const s = summarize([10, 12, 14]);
    // t(0.975, 2) = 4.302652729749462 (scipy); half-width = 4.302652729749462 · 2 / √3 = 4.968275…
    const half = (4.302652729749462 * 2) / Math.sqrt(3);
    expect(s.n).toBe(3);
    expect(s.median).toBe(12);
    expect(s.mean).toBe(12);
    expect(s.ciLow).toBeCloseTo(12 - half, 12);
    expect(s.ciHigh).toBeCloseTo(12 + half, 12);
    // scipy: 7.0317245764993395, 16.96827542350066
    expect(s.ciLow).toBeCloseTo(7.0317245764993395, 12);
    expect(s.ciHigh).toBeCloseTo(16.96827542350066, 12);
    expect(s.cv).toBeCloseTo(2 / 12, 15);
  });

  it('reports the median (not the mean) as the centre of a skewed sample', () => {
    const s = summarize([1, 2, 9]);
    expect(s.median).toBe(2);
    expect(s.mean).toBe(4);
  });

  it('n = 1: the interval collapses to the value and cv is 0', () => {
    expect(summarize([42])).toEqual({ n: 1, median: 42, mean: 42, ciLow: 42, ciHigh: 42, cv: 0 });
  });

  it('equal values: zero-width interval', () => {
    const s = summarize([5, 5, 5, 5]);
    expect([s.ciLow, s.ciHigh, s.cv]).toEqual([5, 5, 0]);
  });
});
