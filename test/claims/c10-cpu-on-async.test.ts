import { describe, expect, it } from 'vitest';
import { claims } from '../../bench/claims/index.js';
import { around, emptyResults, ResultsBuilder, scenarioOf, verdictOf } from './helpers.js';

const cpuAsync = scenarioOf(claims.C10, 'cpu/async/c50');
const cpuBlocking = scenarioOf(claims.C10, 'cpu/blocking/c50');
const sleepAsync = scenarioOf(claims.C10, 'sleep/async/c50');
const cpuProcesses = scenarioOf(claims.C10, 'cpu/child-process/c50');

function results(asyncRps: number[], asyncLoopMs = 40, delivered = 1.95, processRps = 94): ResultsBuilder {
  return new ResultsBuilder()
    .withDeliveredCores(delivered)
    .add(cpuAsync, asyncRps.map((rps) => ({ rps, loopP99Ms: asyncLoopMs, p99Ms: 1500 })))
    .add(cpuBlocking, around(49, 0.005).map((rps) => ({ rps, loopP99Ms: 400, p99Ms: 1400 })))
    .add(sleepAsync, around(12).map((loopP99Ms) => ({ rps: 950, loopP99Ms })))
    .series(cpuProcesses, 'rps', around(processRps));
}

describe('C10: CPU work on async', () => {
  it('is supported when async gains nothing over blocking', () => {
    const v = verdictOf('C10', results(around(48.5, 0.005), 40).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toContain('cpu 20 ms, 50 conn: async 48.5 req/s vs blocking 49 req/s');
    expect(v.evidence).toContain('no clear difference');
    expect(v.evidence).toMatch(/processes 94 req\/s vs async 48.5: 1.9\d×/);
    expect(v.evidence).toMatch(/context, async server: cpu loop delay p99 40 ms vs sleep loop delay p99 12 ms, 3.33× higher/);
  });

  it('needs only its decisive scenarios: missing or failed context does not change the verdict', () => {
    const built = results(around(48.5, 0.005)).build();
    built.runs = built.runs.filter((r) => r.scenarioId !== 'sleep/async/c50');
    const v = verdictOf('C10', built);
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toContain('context, async server: sleep/async/c50: 0 valid run(s) of 0');
  });

  it('is refuted when async serves CPU work faster than blocking', () => {
    const v = verdictOf('C10', results(around(95), 40).build());
    expect(v.verdict).toBe('refuted');
  });

  it('does not judge by the loop delay (an async handler that yields keeps it low)', () => {
    expect(verdictOf('C10', results(around(48.5, 0.005), 12).build()).verdict).toBe('supported');
  });

  it('is refuted when async does as well as a process pool on a machine that delivered the cores', () => {
    expect(verdictOf('C10', results(around(48.5, 0.005), 40, 1.95, 49).build()).verdict).toBe('refuted');
  });

  it('is inconclusive with one core kept busy (the processes comparison cannot be made), naming the cores', () => {
    const v = verdictOf('C10', results(around(48.5, 0.005), 40, 1.3, 60).build());
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toContain('the machine delivered 1.3 cores');
  });

  it('is inconclusive when throughput is too noisy', () => {
    expect(verdictOf('C10', results([10, 40, 120], 40).build()).verdict).toBe('inconclusive');
  });

  it('is not measured without the cpu and sleep runs', () => {
    expect(verdictOf('C10', emptyResults()).verdict).toBe('not-measured');
  });
});
