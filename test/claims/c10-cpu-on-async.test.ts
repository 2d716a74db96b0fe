import { describe, expect, it } from 'vitest';
import { claims } from '../../bench/claims/index.js';
import { around, emptyResults, ResultsBuilder, scenarioOf, verdictOf } from './helpers.js';

const cpuAsync = scenarioOf(claims.C10, 'cpu/async/c50');
const cpuBlocking = scenarioOf(claims.C10, 'cpu/blocking/c50');
const sleepAsync = scenarioOf(claims.C10, 'sleep/async/c50');
const cpuProcesses = scenarioOf(claims.C10, 'cpu/child-process/c50');

/** Async's cores busy per run (blocking: ~1 core); async's requests/s follow its cores at 49 req/s a core unless given. */
function results(asyncCores: number[], asyncLoopMs = 40, delivered = 1.95, processRps = 94, asyncRps?: number[]): ResultsBuilder {
  return new ResultsBuilder()
    .withDeliveredCores(delivered)
    .add(cpuAsync, asyncCores.map((coresBusy, i) => ({ coresBusy, rps: asyncRps?.[i] ?? coresBusy * 49, loopP99Ms: asyncLoopMs, p99Ms: 1500 })))
    .add(cpuBlocking, around(1, 0.005).map((coresBusy) => ({ coresBusy, rps: coresBusy * 49, loopP99Ms: 400, p99Ms: 1400 })))
    .add(sleepAsync, around(12).map((loopP99Ms) => ({ rps: 950, loopP99Ms, coresBusy: 0.4 })))
    .add(cpuProcesses, around(processRps).map((rps) => ({ rps, coresBusy: 1.9 })));
}

describe('C10: CPU work on async', () => {
  it('is supported when async keeps one core busy like blocking and a process pool serves more', () => {
    const v = verdictOf('C10', results(around(0.99, 0.005), 40).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toMatch(/cpu 20 ms, 50 conn: async kept 0.99 cores busy vs blocking 1: 0.99× .*: no parallel speedup: one-sided 95% upper bound 0.999× < the midpoint √1.95 = 1.4×/);
    expect(v.evidence).toContain('(the machine delivered 1.95)');
    expect(v.evidence).toMatch(/processes 94 req\/s vs async 48.5: 1.9\d×/);
    expect(v.evidence).toMatch(/context: async 48.5 req\/s vs blocking 49 req\/s, 0.99×/);
    expect(v.evidence).toMatch(/context, async server: cpu loop delay p99 40 ms vs sleep loop delay p99 12 ms, 3.33× higher/);
  });

  it('is judged on the cores, not on requests/s that moved 2x between runs (async answers in rounds, and the host has slow spells)', () => {
    // The 19:42 run of 2026-12-06: async 49.5/27.5/43.5 req/s on ~1 core each time.
    const v = verdictOf('C10', results([1.007, 1.015, 0.998], 40, 1.93, 83, [49.5, 27.5, 43.5]).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toMatch(/context: async 39 req\/s vs blocking 49 req\/s, 0.795×/);
  });

  it('needs only its decisive scenarios: missing or failed context does not change the verdict', () => {
    const built = results(around(0.99, 0.005)).build();
    built.runs = built.runs.filter((r) => r.scenarioId !== 'sleep/async/c50');
    const v = verdictOf('C10', built);
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toContain('context, async server: sleep/async/c50: 0 valid run(s) of 0');
  });

  it('is refuted when async runs the CPU work in parallel (e.g. on a thread pool)', () => {
    const v = verdictOf('C10', results(around(1.94), 40).build());
    expect(v.verdict).toBe('refuted');
  });

  it('does not judge by the loop delay (an async handler that yields keeps it low)', () => {
    expect(verdictOf('C10', results(around(0.99, 0.005), 12).build()).verdict).toBe('supported');
  });

  it('is refuted when async does as well as a process pool on a machine that delivered the cores', () => {
    expect(verdictOf('C10', results(around(0.99, 0.005), 40, 1.95, 49).build()).verdict).toBe('refuted');
  });

  it('is inconclusive with one core kept busy (the processes comparison cannot be made), naming the cores', () => {
    const v = verdictOf('C10', results(around(0.99, 0.005), 40, 1.3, 60).build());
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toContain('the machine delivered 1.3 cores');
  });

  it('is inconclusive when async lands between 1 core and the midpoint', () => {
    expect(verdictOf('C10', results([0.92, 1.22, 1.53], 40).build()).verdict).toBe('inconclusive');
  });

  it('without a usable control: inconclusive naming the cores, and still refuted when async keeps far more cores busy', () => {
    const v = verdictOf('C10', results(around(0.99, 0.005), 40, 1.1).build());
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toContain('the machine delivered 1.1 cores');
    expect(verdictOf('C10', results(around(1.94), 40, 1.1).build()).verdict).toBe('refuted');
  });

  it('is inconclusive when the cores are too noisy', () => {
    expect(verdictOf('C10', results([0.2, 0.8, 2.4], 40).build()).verdict).toBe('inconclusive');
  });

  it('is inconclusive on results files without cores busy (older than the figure)', () => {
    const built = results(around(0.99, 0.005)).build();
    for (const r of built.runs) if (r.server) delete r.server.coresBusy;
    expect(verdictOf('C10', built).verdict).toBe('inconclusive');
  });

  it('is not measured without the cpu and sleep runs', () => {
    expect(verdictOf('C10', emptyResults()).verdict).toBe('not-measured');
  });
});
