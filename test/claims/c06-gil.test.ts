import { describe, expect, it } from 'vitest';
import { claims, judgeAll } from '../../bench/claims/index.js';
import { scenarioOnRuntime } from '../../bench/claims/runtimes.js';
import { around, emptyResults, ResultsBuilder, scenarioOf, verdictOf } from './helpers.js';

const blocking = scenarioOf(claims.C6, 'cpu/blocking/c50');
const workers = scenarioOf(claims.C6, 'cpu/worker-threads/c50');
const processes = scenarioOf(claims.C6, 'cpu/child-process/c50');

/** Cores busy per run of threads and processes (blocking: ~1 core); requests/s follow them at 50 req/s a core unless given. */
function results(threadCores: number[], processCores: number[], delivered = 1.95, rps?: { threads: number[]; processes: number[]; blocking: number[] }): ResultsBuilder {
  const runs = (cores: number[], rpsOf?: number[]) => cores.map((c, i) => ({ coresBusy: c, rps: rpsOf?.[i] ?? c * 50 }));
  return new ResultsBuilder(2)
    .withDeliveredCores(delivered, delivered, delivered)
    .add(blocking, runs(around(1), rps?.blocking))
    .add(workers, runs(threadCores, rps?.threads))
    .add(processes, runs(processCores, rps?.processes));
}

describe('C6: the GIL, judged on the cores each strategy kept busy against the parallelism control', () => {
  it('is not applicable on Node.js when threads ≈ processes ≈ the delivered cores', () => {
    const v = verdictOf('C6', results(around(1.9), around(1.92)).build());
    expect(v.verdict).toBe('not-applicable');
    expect(v.evidence).toMatch(/^not applicable on Node.js: worker threads kept as many cores busy on CPU work as processes/);
    expect(v.evidence).toMatch(/threads kept 1.9 cores busy vs blocking 1: 1.9× \(95% CI of the ratio of geometric means [\d.]+–[\d.]+\): one-sided 95% lower bound 1.8\d× > the gain edge 1 \+ 2 × 5% = 1.1×/);
    expect(v.evidence).toMatch(/threads kept 1.9 cores busy vs processes 1.92: 0.99× .* with W=2 \(like processes 1×, GIL-like 1\/1.95 = 0.513× on the 1.95 cores delivered\): one-sided 95% lower bound 0.9\d+× > 1 ÷ the midpoint √1.95 = 0.716×/);
    expect(v.evidence).toMatch(/context: threads 95 req\/s vs blocking 50 req\/s, 1.9×/);
    expect(v.evidence).toContain('the machine delivered 1.95 cores');
  });

  it('is supported when threads keep one core busy while processes keep the delivered cores busy (the GIL-like outcome)', () => {
    expect(verdictOf('C6', results(around(1.02), around(1.92)).build()).verdict).toBe('supported');
  });

  it('is judged on the cores, not on requests/s that a slow spell of the host moved 2x between runs', () => {
    // The 19:42 run of 2026-12-06: py-threads 46/38/41 req/s, py-processes 90/75/57, blocking
    // 49.5/37.5/31; cores busy stayed at ~1 and ~1.93.
    const noisy = { threads: [46, 38, 41], processes: [90, 75, 57], blocking: [49.5, 37.5, 31] };
    const v = verdictOf('C6', results([1.004, 0.999, 1.01], [1.932, 1.946, 1.91], 1.93, noisy).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toMatch(/threads kept 1 cores busy vs processes 1.93: 0.52\d×/);
    expect(v.evidence).toMatch(/context: processes 72\.\d req\/s vs blocking 38\.\d req\/s/);
  });

  it('is inconclusive when processes do not run in parallel either, naming the delivered cores', () => {
    const v = verdictOf('C6', results(around(1.02), around(1.04)).build());
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toContain('processes did not clearly run in parallel, so this run cannot tell what threads would do');
  });

  it('with one core kept busy elsewhere (1.3 cores delivered): neither supported nor refuted, and it says why', () => {
    // What a busy machine looks like: threads and processes both ~1.2 cores.
    const v = verdictOf('C6', results(around(1.2), around(1.24), 1.3).build());
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toContain('the machine delivered 1.3 cores');
    // Even threads flat and processes scaling cannot be judged when the control says 1.3.
    expect(verdictOf('C6', results(around(1.02), around(1.92), 1.3).build()).verdict).toBe('inconclusive');
  });

  it('is inconclusive without a parallelism control (older results files), never judged on the core count alone', () => {
    const b = new ResultsBuilder(2).series(blocking, 'coresBusy', around(1)).series(workers, 'coresBusy', around(1.02)).series(processes, 'coresBusy', around(1.92));
    const v = verdictOf('C6', b.build());
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toContain('no parallelism control in this run');
  });

  it('is inconclusive on results files without cores busy (older than the figure)', () => {
    const b = new ResultsBuilder(2).withDeliveredCores(1.95).series(blocking, 'rps', around(50)).series(workers, 'rps', around(51)).series(processes, 'rps', around(96));
    const v = verdictOf('C6', b.build());
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toContain('cpu/child-process/c50: 0 valid run(s) of 3');
  });

  it('is inconclusive when the threads interval straddles the midpoint', () => {
    expect(verdictOf('C6', results([1.2, 1.5, 1.9], around(1.92)).build()).verdict).toBe('inconclusive');
  });

  it('decides a 1.75x gain whose 95% CI [1.40, 2.18] reaches below the old 1.45x midpoint, on 1.8 delivered cores', () => {
    // The borderline case that flipped between two idle quick runs: 3 runs a side, 10% spread.
    const b = new ResultsBuilder(2)
      .withDeliveredCores(1.8, 1.8, 1.8)
      .series(blocking, 'coresBusy', [0.9, 1, 1.1])
      .series(workers, 'coresBusy', [1.925, 1.75, 1.575])
      .series(processes, 'coresBusy', [1.575, 1.925, 1.75]);
    const outcome = judgeAll(b.build());
    const gains = outcome.comparisons.filter((c) => c.claimId === 'C6' && c.b === 'cpu/blocking/c50' && c.figure === 'coresBusy');
    expect(gains.map((c) => [c.ratio.toFixed(2), c.ratioCiLow.toFixed(2), c.ratioCiHigh.toFixed(2)])).toEqual([
      ['1.75', '1.40', '2.18'],
      ['1.75', '1.40', '2.18'],
    ]);
    const v = outcome.verdicts.find((x) => x.id === 'C6')!;
    expect(v.verdict).toBe('not-applicable');
    expect(v.evidence).toMatch(/processes kept 1.74 cores busy vs blocking 0.997: 1.75× .*: one-sided 95% lower bound 1.4\d× > the gain edge 1 \+ 2 × 5% = 1.1×/);
    expect(v.evidence).toMatch(/threads kept 1.74 cores busy vs processes 1.74: 1× .*on the 1.8 cores delivered\): one-sided 95% lower bound 0.8\d+× > 1 ÷ the midpoint √1.8 = 0.745×/);
  });

  it('with 1.1 cores delivered: inconclusive naming 1.1 cores, whatever threads and processes did', () => {
    for (const [threadCores, processCores] of [
      [around(1.02), around(1.92)],
      [around(1.92), around(1.92)],
    ] as const) {
      const v = verdictOf('C6', results([...threadCores], [...processCores], 1.1).build());
      expect(v.verdict).toBe('inconclusive');
      expect(v.evidence).toContain('the machine delivered 1.1 cores');
      expect(v.evidence).toContain('fewer than 1.5');
    }
  });

  it('is inconclusive when threads land between GIL-like and like processes', () => {
    const v = verdictOf('C6', results([1.1, 1.4, 1.76], around(1.92)).build());
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toMatch(/threads kept 1.3\d cores busy vs processes 1.92: .*do not clear 1 ÷ the midpoint √1.95/);
  });

  it('is not refuted when threads match processes that barely ran in parallel: threads must gain beyond the band themselves', () => {
    // A GIL-bound pool (1 core) beside processes at 1.15 cores: threads ÷ processes is above 1/√K, but threads gained nothing.
    const v = verdictOf('C6', results(around(1, 0.01), around(1.15, 0.01)).build());
    expect(v.verdict).toBe('inconclusive');
  });

  it('is supported on Python (py-threads on one core, py-processes on the delivered cores) and refuted there when threads keep the cores busy', () => {
    const py = (s: typeof blocking) => scenarioOnRuntime(s, 'python')!;
    const build = (threadCores: number[]) =>
      new ResultsBuilder(2)
        .withDeliveredCores(1.95)
        .series(py(blocking), 'coresBusy', around(1, 0.03))
        .series(py(workers), 'coresBusy', threadCores)
        .series(py(processes), 'coresBusy', around(1.9, 0.03))
        .build();
    expect(verdictOf('C6', build(around(1.01, 0.03)), { runtime: 'python' }).verdict).toBe('supported');
    expect(verdictOf('C6', build(around(1.9, 0.03)), { runtime: 'python' }).verdict).toBe('refuted');
  });

  it('is not measured without the cpu runs', () => {
    expect(verdictOf('C6', emptyResults()).verdict).toBe('not-measured');
  });
});
