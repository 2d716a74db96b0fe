import { describe, it, expect } from 'vitest';
import { mean, median, summarize } from '../../bench/stats/describe.js';

describe('input guards', () => {
  it('an empty sample throws instead of summarising nothing', () => {
    expect(() => summarize([])).toThrow(RangeError);
    expect(() => median([])).toThrow(RangeError);
  });

  it('NaN and ±Infinity throw, naming the offending value', () => {
    expect(() => summarize([1, Number.NaN, 3])).toThrow(/value #1 is NaN/);
    expect(() => mean([1, Infinity])).toThrow(RangeError);
    expect(() => median([Number.NaN])).toThrow(RangeError);
  });
});
