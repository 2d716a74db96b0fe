import { describe, expect, it } from 'vitest';
import { claims } from '../../bench/claims/index.js';
import { around, emptyResults, ResultsBuilder, scenarioOf, verdictOf } from './helpers.js';

const claim = claims.C1;
const at = (c: number) => scenarioOf(claim, `sleep/blocking/c${c}/sleepMs=5`);

/** The sweep with throughput `rpsAt(C)` (three runs each, ±2%). */
function sweep(rpsAt: (c: number) => number, spread = 0.02): ResultsBuilder {
  const b = new ResultsBuilder();
  for (const c of [1, 10, 100, 1000]) b.series(at(c), 'rps', around(rpsAt(c), spread), { p99Ms: c * 5 });
  return b;
}

describe('C1: blocking waits', () => {
  it('is supported when throughput stays ~1/S whatever the connections', () => {
    const v = verdictOf('C1', sweep(() => 190).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toMatch(/1,000 connections: 190 req\/s = 0.95 requests in service at once \(95% CI of the geometric mean [\d.]+–[\d.]+\); 1 if it waits, 1,000 if the waits overlapped/);
    expect(v.evidence).toMatch(/p99 grows with the queue: 5 ms at 1, 50 ms at 10/);
    expect(v.scenarioIds).toHaveLength(4);
  });

  it('is refuted when throughput grows with the connections (waits overlap)', () => {
    const v = verdictOf('C1', sweep((c) => c * 190).build());
    expect(v.verdict).toBe('refuted');
    expect(v.evidence).toMatch(/10 connections: 1,900 req\/s = 9.5 requests in service at once/);
  });

  it('is refuted when a "blocking" server serves 3 at a time (632 req/s at 10 connections, S = 5 ms)', () => {
    const b = new ResultsBuilder();
    b.series(at(10), 'rps', around(632));
    expect(verdictOf('C1', b.build()).verdict).toBe('refuted');
  });

  it('is inconclusive when the runs are too noisy to place against the midpoint', () => {
    // Between 1.5 and 2 requests in service (300-400 req/s at S = 5 ms), or runs that straddle both.
    const b = new ResultsBuilder();
    b.series(at(10), 'rps', [150, 600, 2400]);
    expect(verdictOf('C1', b.build()).verdict).toBe('inconclusive');
    b.series(at(100), 'rps', around(350));
    expect(verdictOf('C1', b.build()).verdict).toBe('inconclusive');
  });

  it('leaves out invalid runs and says why when too few valid ones remain', () => {
    const b = new ResultsBuilder();
    b.add(at(100), [{ rps: 190 }, { rps: 20, state: 'invalid', reasons: ['load: 40 timeouts out of 60 requests (> 0.1%)'] }, { rps: 5, state: 'errored' }]);
    const v = verdictOf('C1', b.build());
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toContain('sleep/blocking/c100/sleepMs=5: 1 valid run(s) of 3 (2 left out, e.g. invalid: load: 40 timeouts');
  });

  it('is not measured when the sweep was not run', () => {
    const v = verdictOf('C1', emptyResults());
    expect(v).toMatchObject({ verdict: 'not-measured', evidence: 'not measured in this run', scenarioIds: [] });
  });
});
