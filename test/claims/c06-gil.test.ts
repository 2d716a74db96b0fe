import { describe, expect, it } from 'vitest';
import { claims } from '../../bench/claims/index.js';
import { around, emptyResults, ResultsBuilder, scenarioOf, verdictOf } from './helpers.js';

const blocking = scenarioOf(claims.C6, 'cpu/blocking/c50');
const workers = scenarioOf(claims.C6, 'cpu/worker-threads/c50');
const processes = scenarioOf(claims.C6, 'cpu/child-process/c50');

function results(threadRps: number[], processRps: number[], delivered = 1.95): ResultsBuilder {
  return new ResultsBuilder(2)
    .withDeliveredCores(delivered, delivered, delivered)
    .series(blocking, 'rps', around(50))
    .series(workers, 'rps', threadRps)
    .series(processes, 'rps', processRps);
}

describe('C6: the GIL, judged against the parallelism control', () => {
  it('is not applicable on Node.js when threads ≈ processes ≈ the delivered cores', () => {
    const v = verdictOf('C6', results(around(95), around(96)).build());
    expect(v.verdict).toBe('not-applicable');
    expect(v.evidence).toMatch(/^not applicable on Node.js: worker threads run CPU work in parallel like processes/);
    expect(v.evidence).toMatch(/threads 95 req\/s vs blocking 50, speedup 1.9× \(95% CI of the ratio of geometric means [\d.]+–[\d.]+\) with W=2/);
    expect(v.evidence).toContain('the machine delivered 1.95 cores');
  });

  it('is supported when threads stay flat while processes scale (the GIL-like outcome)', () => {
    expect(verdictOf('C6', results(around(51), around(96)).build()).verdict).toBe('supported');
  });

  it('is inconclusive when processes do not scale either, naming the delivered cores', () => {
    const v = verdictOf('C6', results(around(51), around(52)).build());
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toContain('processes did not scale either');
  });

  it('with one core kept busy elsewhere (1.3 cores delivered): neither supported nor refuted, and it says why', () => {
    // What a busy machine looks like: threads and processes both ~1.2x.
    const v = verdictOf('C6', results(around(60), around(62), 1.3).build());
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toContain('the machine delivered 1.3 cores');
    // Even threads flat and processes scaling cannot be judged when the control says 1.3.
    expect(verdictOf('C6', results(around(51), around(96), 1.3).build()).verdict).toBe('inconclusive');
  });

  it('is inconclusive without a parallelism control (older results files), never judged on the core count alone', () => {
    const b = new ResultsBuilder(2).series(blocking, 'rps', around(50)).series(workers, 'rps', around(51)).series(processes, 'rps', around(96));
    const v = verdictOf('C6', b.build());
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toContain('no parallelism control in this run');
  });

  it('is inconclusive when the threads interval straddles the midpoint', () => {
    expect(verdictOf('C6', results([60, 75, 95], around(96)).build()).verdict).toBe('inconclusive');
  });

  it('is not measured without the cpu runs', () => {
    expect(verdictOf('C6', emptyResults()).verdict).toBe('not-measured');
  });
});
