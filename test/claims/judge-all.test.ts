import { afterEach, describe, expect, it, vi } from 'vitest';
import { claimIds, claims, judgeAll } from '../../bench/claims/index.js';
import { around, emptyResults, ResultsBuilder, scenarioOf, verdictOf } from './helpers.js';

afterEach(() => vi.restoreAllMocks());

describe('judgeAll', () => {
  it('gives every claim a verdict, not measured when nothing ran', () => {
    const { verdicts, comparisons } = judgeAll(emptyResults());
    expect(verdicts.map((v) => v.id)).toEqual(claimIds);
    for (const v of verdicts) expect(v).toMatchObject({ verdict: 'not-measured', evidence: 'not measured in this run', scenarioIds: [] });
    expect(comparisons).toEqual([]);
    expect(verdicts[0]).toMatchObject({ quote: claims.C1.quote, analog: claims.C1.analog });
  });

  it('returns the comparisons behind the verdicts, with Holm-adjusted p-values', () => {
    const results = new ResultsBuilder()
      .series(scenarioOf(claims.C13, 'sleep/async/c4+probe'), 'rps', around(195), { probeP99Ms: 2 })
      .series(scenarioOf(claims.C13, 'sleep/blocking/c4+probe'), 'rps', around(19), { probeP99Ms: 380 })
      .build();
    const c13 = judgeAll(results).comparisons.filter((c) => c.claimId === 'C13');
    expect(c13.map((c) => [c.figure, c.a, c.b, c.decisive, c.verdictAfterHolm])).toEqual([
      ['rps', 'sleep/async/c4+probe', 'sleep/blocking/c4+probe', true, 'a-better'],
      ['probeP99Ms', 'sleep/async/c4+probe', 'sleep/blocking/c4+probe', true, 'a-better'],
    ]);
    for (const c of c13) expect(c.holmPValue).toBeGreaterThanOrEqual(c.pValue);
  });

  it('prints each side as the centre its ratio is a ratio of (geometric means), so a ÷ b is the printed ratio', () => {
    // Medians 76 vs 85 beside a ratio of geometric means of 0.996x read as a contradiction.
    const results = new ResultsBuilder()
      .series(scenarioOf(claims.C13, 'sleep/async/c4+probe'), 'rps', [71, 76, 91], { probeP99Ms: 2 })
      .series(scenarioOf(claims.C13, 'sleep/blocking/c4+probe'), 'rps', [90, 85, 65], { probeP99Ms: 380 })
      .build();
    const { comparisons, verdicts } = judgeAll(results);
    const rps = comparisons.find((c) => c.claimId === 'C13' && c.figure === 'rps');
    expect(rps?.estimand).toBe('ratio of geometric means');
    expect(rps!.aCentre).toBeCloseTo(Math.cbrt(71 * 76 * 91), 9);
    expect(rps!.aCentre / rps!.bCentre).toBeCloseTo(rps!.ratio, 12);
    expect([rps!.aMedian, rps!.bMedian]).toEqual([76, 85]);
    const evidence = verdicts.find((v) => v.id === 'C13')!.evidence;
    expect(evidence).toContain('78.9 req/s vs sync sleep 79.2 req/s, 0.996×');
  });

  it('turns a predicate that throws into an inconclusive verdict with the error, the others unharmed', () => {
    vi.spyOn(claims.C6, 'judge').mockImplementation(() => {
      throw new Error('boom');
    });
    const results = new ResultsBuilder()
      .series(scenarioOf(claims.C6, 'cpu/blocking/c50'), 'rps', around(50))
      .series(scenarioOf(claims.C6, 'cpu/worker-threads/c50'), 'rps', around(95))
      .build();
    const verdicts = judgeAll(results).verdicts;
    expect(verdicts.find((v) => v.id === 'C6')).toMatchObject({ verdict: 'inconclusive', evidence: 'the predicate failed: boom' });
    expect(verdicts.find((v) => v.id === 'C15')?.verdict).toBe('inconclusive');
  });
});

describe('a noisy machine (the A/A check)', () => {
  it('raises the practical band to the measured A/A spread, and says so', () => {
    const awaited = scenarioOf(claims.C13, 'sleep/async/c4+probe');
    const synchronous = scenarioOf(claims.C13, 'sleep/blocking/c4+probe');
    const b = new ResultsBuilder()
      .add(awaited, around(19 * 1.1).map((rps) => ({ rps, probeP99Ms: 2 })))
      .add(synchronous, around(19).map((rps) => ({ rps, probeP99Ms: 380 })));
    const quiet = b.build();
    const noisy = { ...quiet, noise: { scenarioId: 'noop/async/c32', rpsA: 1000, rpsB: 1300, spread: 0.26, practicalBand: 0.05, tooNoisy: true } };
    expect(verdictOf('C13', noisy).evidence).toContain('practical band raised from 5% to 26.0%');
    // A 10% throughput gain counts on a quiet machine, not within a 26% A/A spread.
    expect(verdictOf('C13', quiet).evidence).not.toContain('practical band raised');
    expect(verdictOf('C13', noisy).verdict).not.toBe('supported');
  });
});
