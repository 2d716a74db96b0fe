import { describe, expect, it } from 'vitest';
import { extractMetrics, mergeMetrics } from '../../bench/gate/metrics.js';
import { fixtureResults, scenarios, typicalResults } from './fixture.js';

describe('gate metrics extraction', () => {
  it('gives one efficiency sample per valid run (rps / ideal rps), never absolute rps', () => {
    const results = fixtureResults([{ scenario: scenarios.sleepBlocking, rps: [95, 98, 50], states: ['ok', 'ok', 'invalid'] }]);
    const { metrics } = extractMetrics(results);
    expect(metrics).toHaveLength(1);
    expect(metrics[0]).toMatchObject({ name: 'sleep/blocking/c4/sleepMs=10 efficiency', kind: 'efficiency', unit: 'efficiency' });
    // ideal of blocking sleep 10 ms = 100/s; the invalid run is left out
    expect(metrics[0]!.samples).toEqual([0.95, 0.98]);
  });

  it('pairs ratios by repetition against the reference strategy (blocking; bare fastify for noop)', () => {
    const { metrics } = extractMetrics(typicalResults());
    const names = metrics.map((m) => m.name);
    expect(names).toEqual([
      'sleep/blocking/c4/sleepMs=10 efficiency',
      'cpu/blocking/c8 efficiency',
      'cpu/cluster/c8 efficiency',
      'cpu/cluster/c8 / cpu/blocking/c8 rps',
      'noop/async/c10 / noop/bare-fastify/c10 rps',
    ]);
    const speedup = metrics.find((m) => m.kind === 'ratio' && m.scenarioId === 'cpu/cluster/c8')!;
    expect(speedup.referenceId).toBe('cpu/blocking/c8');
    expect(speedup.samples[0]).toBeCloseTo(90 / 48, 12);
    expect(speedup.samples).toHaveLength(5);
  });

  it('drops a ratio sample when either run of the pair is not ok', () => {
    const results = fixtureResults([
      { scenario: scenarios.cpuBlocking, rps: [48, 49, 48], states: ['ok', 'errored', 'ok'] },
      { scenario: scenarios.cpuCluster, rps: [90, 91, 89], states: ['ok', 'ok', 'invalid'] },
    ]);
    const ratio = extractMetrics(results).metrics.find((m) => m.kind === 'ratio')!;
    expect(ratio.samples).toEqual([90 / 48]);
  });

  it('keeps an efficiency metric with no samples when every run failed (reported missing, not forgotten)', () => {
    const results = fixtureResults([{ scenario: scenarios.sleepBlocking, rps: [10, 10], states: ['errored', 'errored'] }]);
    expect(extractMetrics(results).metrics[0]!.samples).toEqual([]);
  });

  it('reads claim verdicts when the results carry claims', () => {
    const { claims } = extractMetrics(typicalResults({ claims: [['C1', 'supported'], ['C2', 'refuted']] }));
    expect(claims).toEqual([
      { id: 'C1', verdict: 'supported' },
      { id: 'C2', verdict: 'refuted' },
    ]);
  });

  it('merges several one-repetition files by concatenating samples (compare mode)', () => {
    const one = (rps: number) => extractMetrics(fixtureResults([{ scenario: scenarios.sleepBlocking, rps: [rps] }], { claims: [['C1', rps > 90 ? 'supported' : 'refuted']] }));
    const merged = mergeMetrics([one(95), one(96), one(50)]);
    expect(merged.metrics[0]!.samples).toEqual([0.95, 0.96, 0.5]);
    expect(merged.claims).toEqual([{ id: 'C1', verdict: 'supported' }]);
  });
});
