import { describe, expect, it } from 'vitest';
import { decideGate } from '../../bench/gate/decide.js';
import { extractMetrics, type GateMetrics } from '../../bench/gate/metrics.js';
import { exitCodeOf } from '../../bench/gate/report.js';
import { fixtureResults, scenarios, typicalResults } from './fixture.js';

const baseline = extractMetrics(typicalResults());

function only(name: string, samples: number[]): GateMetrics {
  return { metrics: [{ name, kind: 'efficiency', unit: 'efficiency', scenarioId: name, samples }], claims: [] };
}

describe('gate decision', () => {
  it('passes identical code: every metric within its tolerance (exit 0)', () => {
    const current = extractMetrics(typicalResults({ sleepScale: 0.995 }));
    const d = decideGate(baseline, current);
    expect(d.outcome).toBe('pass');
    expect(d.metrics.every((m) => m.state === 'pass')).toBe(true);
    expect(exitCodeOf(d.outcome, true)).toBe(0);
  });

  it('names the metric that regressed, with its change, CI and Holm p (exit 1)', () => {
    const current = extractMetrics(typicalResults({ clusterScale: 0.85 }));
    const d = decideGate(baseline, current);
    expect(d.outcome).toBe('regression');
    const flagged = d.metrics.filter((m) => m.state === 'regression').map((m) => m.name);
    expect(flagged).toEqual(['cpu/cluster/c8 efficiency', 'cpu/cluster/c8 / cpu/blocking/c8 rps']);
    const m = d.metrics.find((x) => x.name === 'cpu/cluster/c8 efficiency')!;
    expect(m.change).toBeCloseTo(-0.15, 2);
    expect(m.ratioCiHigh!).toBeLessThan(0.95);
    expect(m.pHolm!).toBeLessThan(0.05);
    expect(m.reason).toMatch(/-15\.0%.*95% CI/);
    expect(exitCodeOf(d.outcome, false)).toBe(1);
  });

  it('never flags a drop inside the 5% band, however significant', () => {
    const current = extractMetrics(typicalResults({ clusterScale: 0.97 }));
    const d = decideGate(baseline, current);
    expect(d.metrics.find((x) => x.name === 'cpu/cluster/c8 efficiency')!.state).toBe('pass');
    expect(d.outcome).toBe('pass');
  });

  it('is inconclusive when a drop beyond the band is within the noise (exit 0, or 1 with --strict)', () => {
    const d = decideGate(only('m', [0.9, 1.0, 0.8, 1.1, 0.95]), only('m', [0.7, 1.05, 0.75, 1.0, 0.8]));
    expect(d.metrics[0]!.state).toBe('inconclusive');
    expect(d.outcome).toBe('inconclusive');
    expect(exitCodeOf(d.outcome, false)).toBe(0);
    expect(exitCodeOf(d.outcome, true)).toBe(1);
  });

  it('is inconclusive when the noise is too large to see a drop of twice the band', () => {
    const d = decideGate(only('m', [0.6, 1.0, 0.8, 1.2, 0.9]), only('m', [0.7, 1.1, 0.8, 1.15, 0.95]));
    expect(d.metrics[0]!.state).toBe('inconclusive');
    expect(d.metrics[0]!.reason).toMatch(/too noisy/);
  });

  it('is inconclusive with fewer than 2 samples, and reports a metric no valid run measured as missing', () => {
    expect(decideGate(only('m', [0.9, 0.91]), only('m', [0.5])).metrics[0]!.state).toBe('inconclusive');
    expect(decideGate(only('m', [0.9, 0.91]), only('m', [])).metrics[0]!.state).toBe('missing');
    expect(decideGate(only('m', [0.9, 0.91]), only('m', [])).outcome).toBe('inconclusive');
  });

  it('does not gate a metric the baseline lacks', () => {
    const d = decideGate(only('m', [0.9, 0.91]), { metrics: [...only('m', [0.9, 0.91]).metrics, ...only('new', [0.5, 0.5]).metrics], claims: [] });
    expect(d.metrics.find((m) => m.name === 'new')!.state).toBe('new');
    expect(d.outcome).toBe('pass');
  });

  it('fails on a claim whose verdict flips supported -> refuted, even when every metric passes', () => {
    const base = extractMetrics(typicalResults({ claims: [['C1', 'supported'], ['C2', 'refuted']] }));
    const cur = extractMetrics(typicalResults({ claims: [['C1', 'refuted'], ['C2', 'supported']] }));
    const d = decideGate(base, cur);
    expect(d.outcome).toBe('regression');
    expect(d.claims).toEqual([
      { id: 'C1', baseline: 'supported', current: 'refuted', state: 'regression' },
      { id: 'C2', baseline: 'refuted', current: 'supported', state: 'pass' },
    ]);
  });

  it('treats supported -> inconclusive as inconclusive, not as a regression', () => {
    const base = extractMetrics(typicalResults({ claims: [['C1', 'supported']] }));
    const cur = extractMetrics(typicalResults({ claims: [['C1', 'inconclusive']] }));
    expect(decideGate(base, cur).outcome).toBe('inconclusive');
  });

  it('corrects for the number of metrics (Holm): adjusted p >= raw p', () => {
    const d = decideGate(baseline, extractMetrics(fixtureResults([{ scenario: scenarios.sleepBlocking, rps: [90, 91, 89, 90, 90.5] }])));
    for (const m of d.metrics.filter((x) => x.pValue !== undefined)) expect(m.pHolm!).toBeGreaterThanOrEqual(m.pValue!);
  });
});
