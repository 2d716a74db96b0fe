import { describe, expect, it } from 'vitest';
import { claims } from '../../bench/claims/index.js';
import { around, emptyResults, ResultsBuilder, scenarioOf, verdictOf } from './helpers.js';

const blocking = scenarioOf(claims.C6, 'cpu/blocking/c50');
const workers = scenarioOf(claims.C6, 'cpu/worker-threads/c50');

function results(workerRps: number[], cores = 2): ResultsBuilder {
  return new ResultsBuilder(cores).series(blocking, 'rps', around(50)).series(workers, 'rps', workerRps);
}

describe('C6: the GIL', () => {
  it('is not applicable when threads run CPU work in parallel (~min(W, cores)x)', () => {
    const v = verdictOf('C6', results(around(95)).build());
    expect(v.verdict).toBe('not-applicable');
    expect(v.evidence).toMatch(/^not applicable on Node.js: worker threads run CPU work in parallel/);
    expect(v.evidence).toMatch(/speedup 1.9x \(95% CI [\d.]+-[\d.]+\) with W=2 threads on 2 cores \(parallel ideal 2x, GIL-like 1x, midpoint 1.5x\)/);
  });

  it('is supported when threads give no parallel speedup (a GIL-like limit)', () => {
    expect(verdictOf('C6', results(around(51)).build()).verdict).toBe('supported');
  });

  it('is inconclusive when the speedup interval straddles the midpoint, or on one core', () => {
    expect(verdictOf('C6', results([60, 75, 95]).build()).verdict).toBe('inconclusive');
    const one = verdictOf('C6', results(around(50), 1).build());
    expect(one.verdict).toBe('inconclusive');
    expect(one.evidence).toContain('K = min(W=1, cores=1) = 1');
  });

  it('is not measured without the cpu runs', () => {
    expect(verdictOf('C6', emptyResults()).verdict).toBe('not-measured');
  });
});
