import { describe, expect, it } from 'vitest';
import { geometricMeanInterval } from '../../bench/stats/index.js';

describe('geometricMeanInterval', () => {
  it('is the exponentiated mean log, with the t interval of the mean log from 2 values', () => {
    const g = geometricMeanInterval([10, 1000]);
    expect(g.centre).toBeCloseTo(100, 9);
    // sd of logs = ln(100)/sqrt(2); t(0.975, 1) = 12.706; half = 12.706 * sd / sqrt(2) = 12.706 * ln(100) / 2.
    expect(Math.log(g.ciHigh! / g.centre)).toBeCloseTo((12.7062047 * Math.log(100)) / 2, 4);
    expect(g.ciLow! * g.ciHigh!).toBeCloseTo(g.centre * g.centre, 6); // symmetric on the log scale
  });

  it('has no interval from one value, and refuses values that are not positive', () => {
    expect(geometricMeanInterval([42])).toEqual({ centre: 42 });
    expect(() => geometricMeanInterval([1, 0])).toThrow(/must be > 0/);
    expect(() => geometricMeanInterval([])).toThrow(RangeError);
  });
});
