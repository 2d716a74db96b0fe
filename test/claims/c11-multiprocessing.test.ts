import { describe, expect, it } from 'vitest';
import { claims } from '../../bench/claims/index.js';
import { around, emptyResults, ResultsBuilder, scenarioOf, verdictOf } from './helpers.js';

const s = (strategy: string) => scenarioOf(claims.C11, `cpu/${strategy}/c50`);

function results(childRps: number, clusterRps: number, threadRps = 96, delivered = 1.95): ResultsBuilder {
  return new ResultsBuilder(2)
    .withDeliveredCores(delivered)
    .series(s('blocking'), 'rps', around(50))
    .series(s('child-process'), 'rps', around(childRps))
    .series(s('cluster'), 'rps', around(clusterRps))
    .series(s('worker-threads'), 'rps', around(threadRps));
}

describe('C11: multiprocessing for CPU work', () => {
  it('is supported when processes reach ~min(P, delivered cores) times one event loop and match threads', () => {
    const v = verdictOf('C11', results(94, 97).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toMatch(/processes 94 req\/s vs blocking 50: 1.88× \(95% CI of the ratio of geometric means [\d.]+–[\d.]+; ideal 1.95× on the cores delivered, midpoint 1.48×\)/);
    expect(v.evidence).toMatch(/processes 94 req\/s vs threads 96: 0.979× .*: as effective as threads/);
    expect(v.evidence).toContain('the machine delivered 1.95 cores');
  });

  it('is refuted when a process strategy is no faster than blocking on a machine that delivered the cores', () => {
    const v = verdictOf('C11', results(94, 50.5).build());
    expect(v.verdict).toBe('refuted');
    expect(v.evidence).toContain('no clear difference');
  });

  it('is refuted when threads are clearly more effective than processes', () => {
    expect(verdictOf('C11', results(80, 80, 97).build()).verdict).toBe('refuted');
  });

  it('is inconclusive when the speedup is short of the midpoint', () => {
    expect(verdictOf('C11', results(94, 65).build()).verdict).toBe('inconclusive');
  });

  it('is not refuted with one core kept busy (1.3 cores delivered): inconclusive, naming the cores', () => {
    const v = verdictOf('C11', results(60, 58, 61, 1.3).build());
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toContain('the machine delivered 1.3 cores');
  });

  it('is not measured without the cpu runs', () => {
    expect(verdictOf('C11', emptyResults()).verdict).toBe('not-measured');
  });
});
