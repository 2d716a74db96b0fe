import { describe, expect, it } from 'vitest';
import { measureDeliveredCores, measureSpeed } from '../../bench/run/parallelism-control.js';

describe('parallelism control (spawns short CPU-bound processes)', () => {
  it('measures delivered cores between one process and K (never more than K, never near 0)', async () => {
    const sample = await measureDeliveredCores(2, 200);
    expect(sample.processes).toBe(2);
    // Physically: 2 processes together can do at most ~2x the work of one (+ scheduling noise).
    expect(sample.deliveredCores).toBeGreaterThan(0.5);
    expect(sample.deliveredCores).toBeLessThan(2.5);
    expect(sample.singleWorkPerMs).toBeGreaterThan(0);
  });

  it("measures one process's speed alone, in the control's unit (same order as the control's single spins)", async () => {
    const control = await measureDeliveredCores(2, 200);
    const speed = await measureSpeed(200);
    expect(speed.workPerMs).toBeGreaterThan(0);
    // The same spin: within 10x of each other on any machine that is not frozen.
    expect(speed.workPerMs / control.singleWorkPerMs!).toBeGreaterThan(0.1);
    expect(speed.workPerMs / control.singleWorkPerMs!).toBeLessThan(10);
  });
});
