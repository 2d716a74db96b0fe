import { describe, expect, it } from 'vitest';
import { lateMsOf, LOOP_SAMPLE_INTERVAL_MS } from '../../servers/telemetry.js';

describe('event-loop delay as lateness (servers/telemetry.ts)', () => {
  it('subtracts the 10 ms sampling interval that monitorEventLoopDelay records', () => {
    expect(LOOP_SAMPLE_INTERVAL_MS).toBe(10);
    expect(lateMsOf(10.25e6)).toBeCloseTo(0.25, 9);
    expect(lateMsOf(60e6)).toBeCloseTo(50, 9); // a 50 ms block
  });

  it('never goes below 0 (a timer that woke a little early) and reads a missing figure as 0', () => {
    expect(lateMsOf(9.27e6)).toBe(0);
    expect(lateMsOf(Number.NaN)).toBe(0);
    expect(lateMsOf(Number.POSITIVE_INFINITY)).toBe(0);
  });
});
