/** `--threads`: the pure parts (no threads started, no network). */
import { describe, expect, it } from 'vitest';
import { arrivalOffsetsMs, createShardSchedule } from '../../bench/drivers/open-model/arrival-schedule.js';
import { UsageError } from '../../bench/errors.js';
import { mergeClosedFigures, mergeOpenResults, parseThreads, pathTemplateOf, shareOf } from '../../bench/drivers/threads/generator-threads.js';
import { LatencyHistogram } from '../../bench/drivers/latency-histogram.js';
import type { OpenModelShardResult } from '../../bench/drivers/open-model/driver.js';
import { PerSecondSeries } from '../../bench/drivers/per-second-series.js';
import type { ClientFigures } from '../../bench/types.js';

describe('--threads parsing', () => {
  it('accepts 1..cores x 4, refuses the rest with a UsageError naming the limit', () => {
    expect(parseThreads(undefined, 2)).toBe(1);
    expect(parseThreads('3', 2)).toBe(3);
    expect(parseThreads('8', 2)).toBe(8);
    expect(() => parseThreads('9', 2)).toThrow(/at most 8/);
    for (const bad of ['0', '-1', '1.5', 'two', '']) expect(() => parseThreads(bad, 2)).toThrow(UsageError);
  });
});

describe('sharing the load between threads', () => {
  it('splits connections as evenly as possible, nothing lost', () => {
    expect([0, 1, 2].map((k) => shareOf(10, 3, k))).toEqual([4, 3, 3]);
    expect([0, 1].map((k) => shareOf(7, 2, k)).reduce((a, b) => a + b)).toBe(7);
  });

  for (const arrival of ['uniform', 'poisson'] as const) {
    it(`${arrival}: the interleaved shards together are exactly the single-thread schedule`, () => {
      const opts = { ratePerS: 1000, arrival, seed: 9 };
      const whole = arrivalOffsetsMs(opts, 2000);
      const merged: { offsetMs: number; id: number }[] = [];
      for (let k = 0; k < 3; k++) {
        const next = createShardSchedule(opts, k, 3);
        for (let a = next(); a.offsetMs < 2000; a = next()) merged.push(a);
      }
      merged.sort((a, b) => a.id - b.id);
      expect(merged.map((a) => a.offsetMs)).toEqual(whole);
      expect(merged.map((a) => a.id)).toEqual(whole.map((_, i) => i + 1));
    });
  }

  it('with --segment: the threads of a segment together send exactly that segment\'s schedule', () => {
    const opts = { ratePerS: 1000, arrival: 'poisson', seed: 4, segment: { index: 2, count: 3 } } as const;
    const segmentOffsets = arrivalOffsetsMs(opts, 2000);
    const merged: { offsetMs: number; id: number }[] = [];
    for (let k = 0; k < 2; k++) {
      const next = createShardSchedule(opts, k, 2);
      for (let a = next(); a.offsetMs < 2000; a = next()) merged.push(a);
    }
    merged.sort((a, b) => a.id - b.id);
    expect(merged.map((a) => a.offsetMs)).toEqual(segmentOffsets);
  });

  it('refuses a shard outside 0..count-1', () => {
    expect(() => createShardSchedule({ ratePerS: 10, arrival: 'uniform' }, 2, 2)).toThrow(RangeError);
  });

  it('turns a path with the id in one place into a template, refuses others', () => {
    expect(pathTemplateOf((id) => `/work?id=${id}&variant=x`)).toEqual({ before: '/work?id=', after: '&variant=x' });
    expect(() => pathTemplateOf(() => '/fixed')).toThrow(/id in one place/);
  });
});

function shard(valuesMs: number[], errors: number, perSecondAtMs: number[]): OpenModelShardResult {
  const h = LatencyHistogram.empty();
  for (const v of valuesMs) h.recordMs(v);
  const series = new PerSecondSeries(0, 2);
  perSecondAtMs.forEach((at, i) => series.recordAnswer(at, valuesMs[i]!));
  const figures: ClientFigures = {
    requests: valuesMs.length, durationS: 2, rps: valuesMs.length / 2, latencyMs: h.figures(), errors, timeouts: 0, non2xx: 0, wrongBodies: 0,
    lateSends: 1, latencyHistogram: h.encode(), uncorrectedLatencyHistogram: h.encode(), requestedRatePerS: 10,
  };
  return { figures, perSecond: series.export(), goodInWindow: valuesMs.length, spinMs: 0 };
}

describe('merging threads', () => {
  it('open model: counts summed, histograms and seconds merged exactly', () => {
    const a = shard([1, 2, 3], 1, [100, 200, 1500]);
    const b = shard([10, 20], 0, [300, 1800]);
    const { figures } = mergeOpenResults([a, b], 2, 10);
    expect(figures.requests).toBe(5);
    expect(figures.errors).toBe(1);
    expect(figures.lateSends).toBe(2);
    expect(figures.rps).toBe(2.5);
    const all = LatencyHistogram.empty();
    for (const v of [1, 2, 3, 10, 20]) all.recordMs(v);
    // What one thread recording all five would give, after the same encode/decode.
    expect(figures.latencyMs).toEqual(LatencyHistogram.decode(all.encode()).figures());
    expect(LatencyHistogram.decode(figures.uncorrectedLatencyHistogram!).count).toBe(5);
    expect(figures.perSecond!.map((p) => p.completed)).toEqual([3, 2]);
  });

  it('closed model: sums and one merged histogram; refuses parts without one', () => {
    const part = (values: number[]): ClientFigures => {
      const h = LatencyHistogram.empty();
      for (const v of values) h.recordMs(v);
      return { requests: values.length, durationS: 1, rps: values.length, latencyMs: h.figures(), errors: 0, timeouts: 0, non2xx: 0, wrongBodies: 0, latencyHistogram: h.encode() };
    };
    const merged = mergeClosedFigures([part([1, 1, 1]), part([9])]);
    expect(merged.requests).toBe(4);
    expect(merged.rps).toBe(4);
    expect(merged.latencyMs.max).toBeCloseTo(9, 1);
    const { latencyHistogram: _, ...bare } = part([1]);
    expect(() => mergeClosedFigures([bare])).toThrow(/histogram/);
  });
});

describe('--threads on the bench command line', () => {
  it('defaults to 1, takes N, refuses --threads > 1 with the autocannon driver', async () => {
    const { parseBenchOptions } = await import('../../bench/options.js');
    expect(parseBenchOptions([]).threads).toBe(1);
    expect(parseBenchOptions(['--threads', '2']).threads).toBe(2);
    expect(() => parseBenchOptions(['--threads', '0'])).toThrow(UsageError);
    expect(() => parseBenchOptions(['--threads', '2', '--driver', 'autocannon'])).toThrow(/needs the lean closed driver/);
  });
});
