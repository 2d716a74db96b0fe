import { describe, expect, it } from 'vitest';
import { claims } from '../../bench/claims/index.js';
import { around, emptyResults, ResultsBuilder, scenarioOf, verdictOf, type RunSpec } from './helpers.js';

const concurrent = scenarioOf(claims.C9, 'upstream/async/c10');
const sequential = scenarioOf(claims.C9, 'upstream/async/c10/mode=sequential');
const syncClient = scenarioOf(claims.C9, 'upstream/blocking/c10');

function results(concurrentSpec: RunSpec, sequentialSpec: RunSpec): ResultsBuilder {
  return new ResultsBuilder()
    .add(concurrent, around(concurrentSpec.rps!).map((rps) => ({ ...concurrentSpec, rps })))
    .add(sequential, around(sequentialSpec.rps!).map((rps) => ({ ...sequentialSpec, rps })))
    .series(syncClient, 'rps', around(4), { p50Ms: 2500 });
}

describe('C9: fetching several pages at once', () => {
  it('is supported when Promise.all gives more pages/s and a shorter request', () => {
    const v = verdictOf('C9', results({ rps: 150, p50Ms: 62 }, { rps: 38, p50Ms: 260 }).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toMatch(/5 x 50 ms upstream, 10 conn: Promise.all 150 req\/s vs sequential 38 req\/s, 3.95×/);
    expect(v.evidence).toMatch(/context: Promise.all 150 req\/s vs sync HTTP client 4 req\/s, 37.5×/);
  });

  it('is refuted when fetching at once is not faster', () => {
    expect(verdictOf('C9', results({ rps: 38, p50Ms: 260 }, { rps: 38, p50Ms: 262 }).build()).verdict).toBe('refuted');
  });

  it('is inconclusive when the runs are too noisy', () => {
    const b = new ResultsBuilder()
      .add(concurrent, [{ rps: 20, p50Ms: 500 }, { rps: 60, p50Ms: 160 }, { rps: 300, p50Ms: 30 }])
      .add(sequential, [{ rps: 30, p50Ms: 300 }, { rps: 40, p50Ms: 250 }, { rps: 50, p50Ms: 200 }]);
    expect(verdictOf('C9', b.build()).verdict).toBe('inconclusive');
  });

  it('is not measured without the upstream scenarios', () => {
    expect(verdictOf('C9', emptyResults()).verdict).toBe('not-measured');
  });
});
