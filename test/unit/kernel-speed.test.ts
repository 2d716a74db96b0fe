import { describe, expect, it } from 'vitest';
import { calibrateCpu, measureKernelSpeed } from '../../bench/run/calibrate-cpu.js';

describe('the cpu kernel speed sample (taken around every CPU-bound run)', () => {
  it('measures the calibrated kernel in the same unit: rounds per CPU ms, the inverse of ns per round', () => {
    const calibration = calibrateCpu();
    const speed = measureKernelSpeed();
    expect(speed.workPerMs).toBeGreaterThan(0);
    // Same kernel, thread CPU time, fastest trial: within 3x of the calibration on any machine
    // (parallel unit tests share the cores, which costs wall time, not CPU time per round).
    const calibratedPerMs = 1e6 / calibration.nsPerIteration;
    expect(speed.workPerMs / calibratedPerMs).toBeGreaterThan(1 / 3);
    expect(speed.workPerMs / calibratedPerMs).toBeLessThan(3);
    expect(Date.parse(speed.measuredAt)).not.toBeNaN();
  });
});
