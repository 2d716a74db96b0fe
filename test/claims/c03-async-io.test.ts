import { describe, expect, it } from 'vitest';
import { claims } from '../../bench/claims/index.js';
import { around, emptyResults, ResultsBuilder, scenarioOf, verdictOf, type RunSpec } from './helpers.js';

const pairs = [
  ['sleep/async/c4+probe', 'sleep/blocking/c4+probe'],
  ['sleep/async/c50', 'sleep/blocking/c50'],
  ['db:slow/async/c10', 'db:slow/blocking/c10'],
  ['upstream/async/c10', 'upstream/blocking/c10'],
] as const;

/** Every pair with async at `asyncSpec` and blocking at `blockingSpec` (three runs, ±2%). */
function build(asyncSpec: RunSpec, blockingSpec: RunSpec, override?: { pair: number; async: RunSpec }): ResultsBuilder {
  const b = new ResultsBuilder();
  pairs.forEach(([a, blocking], i) => {
    const spec = override?.pair === i ? override.async : asyncSpec;
    b.add(scenarioOf(claims.C3, a), around(spec.rps!).map((rps) => ({ ...spec, rps })));
    b.add(scenarioOf(claims.C3, blocking), around(blockingSpec.rps!).map((rps) => ({ ...blockingSpec, rps })));
  });
  return b;
}

describe('C3: async vs blocking on I/O', () => {
  it('is supported when async has more throughput and a lower p99 on every I/O workload', () => {
    const v = verdictOf('C3', build({ rps: 2000, p99Ms: 12 }, { rps: 190, p99Ms: 500 }).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toMatch(/sleep 50 ms, 50 conn: async 2,000 req\/s vs blocking 190 req\/s, 10.5× \(95% CI of the ratio of geometric means [\d.]+–[\d.]+\)/);
    expect(v.evidence).toMatch(/sleep 50 ms, 4 conn: async p99 12 ms vs blocking p99 500 ms, 41.7× lower/);
    expect(v.scenarioIds).toHaveLength(8);
  });

  it('is refuted when blocking wins on one workload (e.g. the db query)', () => {
    const v = verdictOf('C3', build({ rps: 2000, p99Ms: 12 }, { rps: 190, p99Ms: 500 }, { pair: 2, async: { rps: 120, p99Ms: 900 } }).build());
    expect(v.verdict).toBe('refuted');
    expect(v.evidence).toContain('db slow query, 10 conn: async 120 req/s vs blocking 190 req/s');
    expect(v.evidence).toContain('blocking better');
  });

  it('is inconclusive when a pair is too noisy to tell', () => {
    const noisy = build({ rps: 2000, p99Ms: 12 }, { rps: 190, p99Ms: 500 }).build();
    // Replace the upstream pair's runs by noisy ones (a 16x spread on each side).
    noisy.runs = noisy.runs.filter((r) => !r.scenarioId.startsWith('upstream/'));
    const extra = new ResultsBuilder()
      .add(scenarioOf(claims.C3, 'upstream/async/c10'), [{ rps: 50, p99Ms: 400 }, { rps: 200, p99Ms: 100 }, { rps: 800, p99Ms: 25 }])
      .add(scenarioOf(claims.C3, 'upstream/blocking/c10'), [{ rps: 100, p99Ms: 200 }, { rps: 200, p99Ms: 100 }, { rps: 400, p99Ms: 50 }])
      .build();
    noisy.runs.push(...extra.runs);
    const v = verdictOf('C3', noisy);
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toContain('upstream 5 x 50 ms, 10 conn: async 200 req/s vs blocking 200 req/s, 1× (95% CI of the ratio of geometric means');
    expect(v.evidence).toContain('inconclusive, too noisy to tell');
  });

  it('is not measured when none of its scenarios ran', () => {
    expect(verdictOf('C3', emptyResults()).verdict).toBe('not-measured');
  });
});
