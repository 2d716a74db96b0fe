/**
 * How the open-model driver counts its achieved rate (bench/drivers/open-model/driver.ts):
 * by each request's scheduled time inside the window, with a bounded grace for its answer.
 */
import { describe, expect, it } from 'vitest';
import { countsTowardRate, DEFAULT_TIMEOUT_MS, MIN_RATE_GRACE_MS, RATE_GRACE_FRACTION, rateGraceMs } from '../../bench/drivers/open-model/driver.js';
import { arrivalOffsetsMs } from '../../bench/drivers/open-model/arrival-schedule.js';

describe('open-model rate accounting', () => {
  it('the grace is a tenth of the window, at least MIN_RATE_GRACE_MS, at most the timeout', () => {
    expect(RATE_GRACE_FRACTION).toBe(0.1);
    expect(rateGraceMs(1)).toBe(MIN_RATE_GRACE_MS);
    expect(rateGraceMs(4)).toBe(400);
    expect(rateGraceMs(0.2)).toBe(MIN_RATE_GRACE_MS);
    expect(rateGraceMs(600)).toBe(DEFAULT_TIMEOUT_MS);
    expect(rateGraceMs(4, 250)).toBe(250);
  });

  it('counts a request scheduled in the window whose answer comes within the grace; not one scheduled after it, nor a late answer', () => {
    const endMs = 1000;
    const graceMs = rateGraceMs(1);
    expect(countsTowardRate(10, 60, endMs, graceMs)).toBe(true);
    expect(countsTowardRate(990, 1040, endMs, graceMs)).toBe(true); // answered after the window, within the grace
    expect(countsTowardRate(990, endMs + graceMs, endMs, graceMs)).toBe(true);
    expect(countsTowardRate(990, endMs + graceMs + 1, endMs, graceMs)).toBe(false);
    expect(countsTowardRate(endMs, endMs + 1, endMs, graceMs)).toBe(false); // not scheduled in the window
  });

  it('a server that keeps up reaches the full rate in a 1 s window; the old rule (answered inside the window) could not pass 98%', () => {
    // Uniform 30/s for 1 s, every answer 50 ms after its scheduled time.
    const serviceMs = 50;
    const offsets = arrivalOffsetsMs({ ratePerS: 30, arrival: 'uniform' }, 1000);
    expect(offsets).toHaveLength(30);
    const counted = offsets.filter((at) => countsTowardRate(at, at + serviceMs, 1000, rateGraceMs(1))).length;
    const oldRule = offsets.filter((at) => at + serviceMs <= 1000).length;
    expect(counted).toBe(30);
    expect(oldRule).toBe(29);
    expect(oldRule / 30).toBeLessThan(0.98);
  });

  it('an overloaded server still fails: a blocked loop (one 50 ms answer at a time, 20/s) at 30/s and 60/s stays far below 98%', () => {
    for (const ratePerS of [30, 60]) {
      const offsets = arrivalOffsetsMs({ ratePerS, arrival: 'uniform' }, 1000);
      let freeAt = 0;
      const counted = offsets.filter((at) => {
        freeAt = Math.max(freeAt, at) + 50;
        return countsTowardRate(at, freeAt, 1000, rateGraceMs(1));
      }).length;
      expect(counted, `${ratePerS}/s`).toBeLessThanOrEqual(22); // (1 s + 0.1 s) / 50 ms
      expect(counted / ratePerS).toBeLessThan(0.98);
    }
  });
});
