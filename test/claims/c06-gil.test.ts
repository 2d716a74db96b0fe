import { describe, expect, it } from 'vitest';
import { claims, judgeAll } from '../../bench/claims/index.js';
import { scenarioOnRuntime } from '../../bench/claims/runtimes.js';
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
    expect(v.evidence).toMatch(/threads 95 req\/s vs blocking 50, speedup 1.9× \(95% CI of the ratio of geometric means [\d.]+–[\d.]+\): one-sided 95% lower bound 1.8\d× > the gain edge 1 \+ 2 × 5% = 1.1×/);
    expect(v.evidence).toMatch(/threads 95 req\/s vs processes 96: 0.99× .* with W=2 \(like processes 1×, GIL-like 1\/1.95 = 0.513× on the 1.95 cores delivered\): one-sided 95% lower bound 0.9\d+× > 1 ÷ the midpoint √1.95 = 0.716×/);
    expect(v.evidence).toContain('the machine delivered 1.95 cores');
  });

  it('is supported when threads stay flat while processes scale (the GIL-like outcome)', () => {
    expect(verdictOf('C6', results(around(51), around(96)).build()).verdict).toBe('supported');
  });

  it('is inconclusive when processes do not scale either, naming the delivered cores', () => {
    const v = verdictOf('C6', results(around(51), around(52)).build());
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toContain('processes gained nothing clear, so this run cannot tell what threads would do');
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

  it('decides a 1.75x speedup whose 95% CI [1.40, 2.18] reaches below the old 1.45x midpoint, on 1.8 delivered cores', () => {
    // The borderline case that flipped between two idle quick runs: 3 runs a side, 10% spread.
    const b = new ResultsBuilder(2)
      .withDeliveredCores(1.8, 1.8, 1.8)
      .series(blocking, 'rps', [45, 50, 55])
      .series(workers, 'rps', [96.25, 87.5, 78.75])
      .series(processes, 'rps', [78.75, 96.25, 87.5]);
    const outcome = judgeAll(b.build());
    const speedups = outcome.comparisons.filter((c) => c.claimId === 'C6' && c.b === 'cpu/blocking/c50');
    expect(speedups.map((c) => [c.ratio.toFixed(2), c.ratioCiLow.toFixed(2), c.ratioCiHigh.toFixed(2)])).toEqual([
      ['1.75', '1.40', '2.18'],
      ['1.75', '1.40', '2.18'],
    ]);
    const v = outcome.verdicts.find((x) => x.id === 'C6')!;
    expect(v.verdict).toBe('not-applicable');
    expect(v.evidence).toMatch(/processes 87.2 req\/s vs blocking 49.8, speedup 1.75× .*: one-sided 95% lower bound 1.4\d× > the gain edge 1 \+ 2 × 5% = 1.1×/);
    expect(v.evidence).toMatch(/threads 87.2 req\/s vs processes 87.2: 1× .*on the 1.8 cores delivered\): one-sided 95% lower bound 0.8\d+× > 1 ÷ the midpoint √1.8 = 0.745×/);
  });

  it('with 1.1 cores delivered: inconclusive naming 1.1 cores, whatever threads and processes did', () => {
    for (const [threadRps, processRps] of [
      [around(51), around(96)],
      [around(96), around(96)],
    ] as const) {
      const v = verdictOf('C6', results([...threadRps], [...processRps], 1.1).build());
      expect(v.verdict).toBe('inconclusive');
      expect(v.evidence).toContain('the machine delivered 1.1 cores');
      expect(v.evidence).toContain('fewer than 1.5');
    }
  });

  it('is inconclusive when threads land between GIL-like and like processes', () => {
    const v = verdictOf('C6', results([55, 70, 88], around(96)).build());
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toMatch(/threads 69.7 req\/s vs processes 96: .*do not clear 1 ÷ the midpoint √1.95/);
  });

  it('is not refuted when threads match processes that barely gained: threads must gain beyond the band themselves', () => {
    // A GIL-bound pool (1x) beside processes at 1.15x: threads ÷ processes is above 1/√K, but threads gained nothing.
    const v = verdictOf('C6', results(around(50, 0.01), around(57.5, 0.01)).build());
    expect(v.verdict).toBe('inconclusive');
  });

  it('is supported on Python (py-threads flat, py-processes scale) and refuted there when threads scale', () => {
    const py = (s: typeof blocking) => scenarioOnRuntime(s, 'python')!;
    const build = (threadRps: number[]) =>
      new ResultsBuilder(2)
        .withDeliveredCores(1.95)
        .series(py(blocking), 'rps', around(30, 0.1))
        .series(py(workers), 'rps', threadRps)
        .series(py(processes), 'rps', around(54, 0.1))
        .build();
    expect(verdictOf('C6', build(around(24, 0.1)), { runtime: 'python' }).verdict).toBe('supported');
    expect(verdictOf('C6', build(around(54, 0.1)), { runtime: 'python' }).verdict).toBe('refuted');
  });

  it('is not measured without the cpu runs', () => {
    expect(verdictOf('C6', emptyResults()).verdict).toBe('not-measured');
  });
});
