import { describe, expect, it } from 'vitest';
import { busyMachineReasons } from '../../bench/gate/busy-machine.js';
import { parseGateOptions } from '../../bench/gate/gate-options.js';

describe('baseline refusal on a busy machine', () => {
  it('accepts a quiet machine', () => {
    expect(busyMachineReasons({ usableCores: 2, deliveredCores: 1.95, loadAverage1mBefore: 0.2, aaSpread: { spread: 0.02, practicalBand: 0.05 } })).toEqual([]);
  });

  it('names each reason: cores not delivered, load average, A/A spread', () => {
    const reasons = busyMachineReasons({ usableCores: 2, deliveredCores: 1.27, loadAverage1mBefore: 2.5, aaSpread: { spread: 0.12, practicalBand: 0.05 } });
    expect(reasons).toEqual([
      'the machine delivered 1.27 of 2 cores (parallelism control; at least 1.70 needed)',
      'the 1-minute load average was 2.50 before the suite started (at most 1.00 on 2 cores)',
      'the A/A check spread 12.0%, beyond the 5% band',
    ]);
  });

  it('--force is a baseline flag only', () => {
    expect(parseGateOptions(['--force'], 'baseline').force).toBe(true);
    expect(parseGateOptions([], 'baseline').force).toBe(false);
    expect(() => parseGateOptions(['--force'], 'bench:ci')).toThrow(/--force applies to `npm run baseline`/);
  });
});
