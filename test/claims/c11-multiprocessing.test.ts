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
    expect(v.evidence).toMatch(/processes 94 req\/s vs blocking 50: 1.88× \(95% CI of the ratio of geometric means [\d.]+–[\d.]+; ideal 1.95× on the 1.95 cores delivered\): one-sided 95% lower bound 1.8\d× > the gain edge 1 \+ 2 × 5% = 1.1×/);
    expect(v.evidence).toMatch(/processes 94 req\/s vs threads 96: 0.979× .*: as effective as threads .*one-sided 95% lower bound 0.9\d+× > 1 ÷ the midpoint √1.95 = 0.716×/);
    expect(v.evidence).toContain('the machine delivered 1.95 cores');
  });

  it('is refuted when a process strategy is no faster than blocking on a machine that delivered the cores', () => {
    const v = verdictOf('C11', results(94, 50.5).build());
    expect(v.verdict).toBe('refuted');
    expect(v.evidence).toMatch(/prefork 50.5 req\/s vs blocking 50: 1.01× .*one-sided 95% upper bound 1.0\d× < the gain edge/);
  });

  it('is refuted when threads are clearly more effective than processes', () => {
    // Threads 1.6x processes: beyond the non-inferiority margin 1/√K.
    const v = verdictOf('C11', results(94, 94, 150).build());
    expect(v.verdict).toBe('refuted');
    expect(v.evidence).toMatch(/processes 94 req\/s vs threads 150: 0.627× .*upper bound 0.6\d+× < 1 ÷ the midpoint √1.95/);
    // Threads 1.2x processes: within the margin, so processes count as about as effective.
    expect(verdictOf('C11', results(80, 80, 97).build()).verdict).toBe('supported');
  });

  it('is inconclusive when a speedup straddles the gain edge', () => {
    const b = new ResultsBuilder(2)
      .withDeliveredCores(1.95)
      .series(s('blocking'), 'rps', around(50))
      .series(s('child-process'), 'rps', around(94))
      .series(s('cluster'), 'rps', [45, 57, 72])
      .series(s('worker-threads'), 'rps', around(96));
    expect(verdictOf('C11', b.build()).verdict).toBe('inconclusive');
  });

  it('decides a 1.75x speedup with 95% CI [1.46, 2.09] on 1.8 delivered cores, and not on 1.1', () => {
    const b = (delivered: number) =>
      new ResultsBuilder(2)
        .withDeliveredCores(delivered)
        .series(s('blocking'), 'rps', [45, 50, 55])
        .series(s('child-process'), 'rps', [78.75, 96.25, 87.5])
        .series(s('cluster'), 'rps', [96.25, 87.5, 78.75])
        .series(s('worker-threads'), 'rps', [87.5, 78.75, 96.25]);
    expect(verdictOf('C11', b(1.8).build()).verdict).toBe('supported');
    const busy = verdictOf('C11', b(1.1).build());
    expect(busy.verdict).toBe('inconclusive');
    expect(busy.evidence).toContain('the machine delivered 1.1 cores');
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
