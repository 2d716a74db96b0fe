import { describe, expect, it } from 'vitest';
import { claims } from '../../bench/claims/index.js';
import { around, emptyResults, ResultsBuilder, scenarioOf, verdictOf } from './helpers.js';

const s = (strategy: string) => scenarioOf(claims.C11, `cpu/${strategy}/c50`);

function results(childRps: number, clusterRps: number, cores = 2): ResultsBuilder {
  return new ResultsBuilder(cores)
    .series(s('blocking'), 'rps', around(50))
    .series(s('child-process'), 'rps', around(childRps))
    .series(s('cluster'), 'rps', around(clusterRps))
    .series(s('worker-threads'), 'rps', around(96));
}

describe('C11: multiprocessing for CPU work', () => {
  it('is supported when processes reach ~min(P, cores) times one event loop', () => {
    const v = verdictOf('C11', results(94, 97).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toMatch(/child-process 94 req\/s vs blocking 50: 1.88x \(95% CI [\d.]+-[\d.]+\)/);
    expect(v.evidence).toMatch(/worker-threads 96 req\/s vs blocking 50: 1.92x .* \(threads, for comparison\)/);
    expect(v.evidence).toContain('P=2 processes on 2 cores: ideal 2x, midpoint 1.5x');
  });

  it('is refuted when a process strategy is no faster than blocking', () => {
    const v = verdictOf('C11', results(94, 50.5).build());
    expect(v.verdict).toBe('refuted');
    expect(v.evidence).toContain('no clear difference');
  });

  it('is inconclusive when the speedup is short of the midpoint, or on one core', () => {
    expect(verdictOf('C11', results(94, 65).build()).verdict).toBe('inconclusive');
    expect(verdictOf('C11', results(94, 97, 1).build()).evidence).toContain('K = min(P=1, cores=1) = 1');
  });

  it('is not measured without the cpu runs', () => {
    expect(verdictOf('C11', emptyResults()).verdict).toBe('not-measured');
  });
});
