import { describe, expect, it } from 'vitest';
import { deliveredCoresText, parallelismControlOf } from '../../bench/run/parallelism-control.js';

const sample = (deliveredCores: number) => ({ measuredAt: '2026-01-01T00:00:00.000Z', processes: 2, deliveredCores, loadAverage1m: 1 });

describe('parallelism control summary', () => {
  it('is the median of its samples, with their range', () => {
    const c = parallelismControlOf([sample(1.9), sample(1.2), sample(1.95)])!;
    expect(c).toMatchObject({ deliveredCores: 1.9, deliveredCoresMin: 1.2, deliveredCoresMax: 1.95, processes: 2 });
    expect(deliveredCoresText(c)).toBe('the machine delivered 1.9 cores (parallelism control: 2 processes at once did 1.9× the work of one alone, 3 samples 1.2–1.95)');
  });

  it('has no figure without samples', () => {
    expect(parallelismControlOf([])).toBeUndefined();
  });
});
