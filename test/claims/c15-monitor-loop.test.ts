import { describe, expect, it } from 'vitest';
import { claims } from '../../bench/claims/index.js';
import { emptyResults, ResultsBuilder, verdictOf } from './helpers.js';

/** One scenario per point (C15's own list), loop delay and p99 given per scenario, three identical runs. */
function results(points: [loopMs: number, p99Ms: number][]): ResultsBuilder {
  const b = new ResultsBuilder();
  points.forEach(([loopP99Ms, p99Ms], i) => {
    const scenario = claims.C15.scenarios[i]!;
    b.add(scenario, [1, 2, 3].map(() => ({ loopP99Ms, p99Ms })));
  });
  return b;
}

const increasing = Array.from({ length: 11 }, (_, i) => [10 + 10 * i, 20 + 100 * i * i] as [number, number]);

describe('C15: monitor the event loop', () => {
  it('is supported when loop delay ranks the scenarios by their p99', () => {
    const v = verdictOf('C15', results(increasing).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toContain('Spearman rho 1 (95% CI 1–1, p<0.001) between loop-delay p99 and request p99 over 11 scenarios');
    expect(v.evidence).toContain('e.g. noop/blocking/c50: loop 10 ms, p99 20 ms; sleep/async/c4+probe: loop 110 ms, p99 10 s');
    expect(v.scenarioIds).toHaveLength(11);
  });

  it('is refuted when loop delay is confidently a poor predictor', () => {
    const reversed = increasing.map(([loop], i) => [loop, increasing[increasing.length - 1 - i]![1]] as [number, number]);
    expect(verdictOf('C15', results(reversed).build()).verdict).toBe('refuted');
  });

  it('is inconclusive with fewer than 8 scenarios, or a weak, uncertain correlation', () => {
    const few = verdictOf('C15', results(increasing.slice(0, 5)).build());
    expect(few.verdict).toBe('inconclusive');
    expect(few.evidence).toContain('5 scenario(s) with loop telemetry and valid runs, at least 8 needed');
    const weak: [number, number][] = [[10, 50], [20, 10], [30, 70], [40, 30], [50, 90], [60, 20], [70, 110], [80, 40], [90, 60]];
    expect(verdictOf('C15', results(weak).build()).verdict).toBe('inconclusive');
  });

  it('is not measured when no scenario ran', () => {
    expect(verdictOf('C15', emptyResults()).verdict).toBe('not-measured');
  });
});
