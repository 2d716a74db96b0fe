import { describe, expect, it } from 'vitest';
import { measureDeliveredCores } from '../../bench/run/parallelism-control.js';

describe('parallelism control (spawns short CPU-bound processes)', () => {
  it('measures delivered cores between one process and K (never more than K, never near 0)', async () => {
    const sample = await measureDeliveredCores(2, 200);
    expect(sample.processes).toBe(2);
    // Physically: 2 processes together can do at most ~2x the work of one (+ scheduling noise).
    expect(sample.deliveredCores).toBeGreaterThan(0.5);
    expect(sample.deliveredCores).toBeLessThan(2.5);
    expect(Date.parse(sample.measuredAt)).not.toBeNaN();
  });
});
