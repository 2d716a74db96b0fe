import { describe, expect, it } from 'vitest';
import { arrivalOffsetsMs, createArrivalSchedule, mulberry32 } from '../../bench/drivers/open-model/arrival-schedule.js';
import { LatencyHistogram } from '../../bench/drivers/latency-histogram.js';

describe('arrival schedule (no network)', () => {
  it('uniform: request i is due at i / R exactly, with no drift', () => {
    const offsets = arrivalOffsetsMs({ ratePerS: 200, arrival: 'uniform' }, 3000);
    expect(offsets).toHaveLength(600);
    expect(offsets[0]).toBe(0);
    expect(offsets[1]).toBe(5);
    expect(offsets[599]).toBeCloseTo(2995, 9);
    const next = createArrivalSchedule({ ratePerS: 3, arrival: 'uniform' });
    let last = 0;
    for (let i = 0; i < 300_000; i++) last = next();
    expect(last).toBeCloseTo((299_999 * 1000) / 3, 6);
  });

  it('poisson: the same seed gives the same schedule, another seed another one', () => {
    const a = arrivalOffsetsMs({ ratePerS: 500, arrival: 'poisson', seed: 42 }, 3000);
    const b = arrivalOffsetsMs({ ratePerS: 500, arrival: 'poisson', seed: 42 }, 3000);
    const c = arrivalOffsetsMs({ ratePerS: 500, arrival: 'poisson', seed: 43 }, 3000);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    for (let i = 1; i < a.length; i++) expect(a[i]!).toBeGreaterThanOrEqual(a[i - 1]!);
    expect(mulberry32(7)()).toBe(mulberry32(7)());
  });

  it('poisson: exponential gaps of mean 1/R (mean and coefficient of variation ~1)', () => {
    const ratePerS = 250;
    const next = createArrivalSchedule({ ratePerS, arrival: 'poisson', seed: 1 });
    const n = 200_000;
    const gaps: number[] = [];
    let previous = 0;
    for (let i = 0; i < n; i++) {
      const t = next();
      gaps.push(t - previous);
      previous = t;
    }
    const mean = gaps.reduce((s, g) => s + g, 0) / n;
    const sd = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / (n - 1));
    expect(mean).toBeGreaterThan((1000 / ratePerS) * 0.99);
    expect(mean).toBeLessThan((1000 / ratePerS) * 1.01);
    expect(sd / mean).toBeGreaterThan(0.98);
    expect(sd / mean).toBeLessThan(1.02);
    expect(gaps.every((g) => g >= 0)).toBe(true);
  });

  it('rejects a non-positive rate', () => {
    expect(() => createArrivalSchedule({ ratePerS: 0, arrival: 'uniform' })).toThrow(RangeError);
  });
});

describe('latency histogram', () => {
  it('keeps microsecond resolution and reports ms floats', () => {
    const recorder = LatencyHistogram.empty();
    expect(recorder.figures()).toEqual({ mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 });
    for (let i = 1; i <= 1000; i++) recorder.recordMs(0.25 + i / 1000); // 0.251 .. 1.25 ms
    const f = recorder.figures();
    expect(recorder.count).toBe(1000);
    expect(f.p50).toBeCloseTo(0.75, 2);
    expect(f.p99).toBeCloseTo(1.24, 2);
    expect(f.max).toBeCloseTo(1.25, 2);
    expect(f.mean).toBeCloseTo(0.7505, 2);
  });
});
