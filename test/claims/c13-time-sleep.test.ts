import { describe, expect, it } from 'vitest';
import { claims } from '../../bench/claims/index.js';
import { around, emptyResults, ResultsBuilder, scenarioOf, verdictOf } from './helpers.js';

const awaited = scenarioOf(claims.C13, 'sleep/async/c4+probe');
const synchronous = scenarioOf(claims.C13, 'sleep/blocking/c4+probe');

function results(awaitedRps: number[], awaitedProbeMs: number): ResultsBuilder {
  return new ResultsBuilder()
    .add(awaited, awaitedRps.map((rps) => ({ rps, probeP99Ms: awaitedProbeMs })))
    .add(synchronous, around(19).map((rps, i) => ({ rps, probeP99Ms: [360, 380, 400][i]! })));
}

describe('C13: time.sleep instead of asyncio.sleep', () => {
  it('is supported when the sync sleep serializes the server and stalls the cheap route', () => {
    const v = verdictOf('C13', results(around(195), 2).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toMatch(/sleep 50 ms, 4 conn: await sleep 195 req\/s vs sync sleep 19 req\/s, 10.3×/);
    expect(v.evidence).toMatch(/cheap route meanwhile: await sleep cheap-route p99 2 ms vs sync sleep cheap-route p99 380 ms, 190× lower/);
  });

  it('is refuted when awaiting the sleep is no better', () => {
    expect(verdictOf('C13', results(around(19), 380).build()).verdict).toBe('refuted');
  });

  it('is inconclusive when too noisy', () => {
    expect(verdictOf('C13', results([5, 40, 300], 2).build()).verdict).toBe('inconclusive');
  });

  it('is not measured without the head-of-line sleep scenarios', () => {
    expect(verdictOf('C13', emptyResults()).verdict).toBe('not-measured');
  });

  it('never prints a zero-width interval from counts: 80 vs 19 requests in identical 1 s runs', () => {
    const b = new ResultsBuilder()
      .add(awaited, [1, 2].map(() => ({ rps: 80, requests: 80, probeP99Ms: 2 })))
      .add(synchronous, [1, 2].map(() => ({ rps: 19, requests: 19, probeP99Ms: 380 })));
    const v = verdictOf('C13', b.build());
    const m = /4.21× \(95% CI of the ratio of geometric means ([\d.]+)–([\d.]+)\)/.exec(v.evidence);
    expect(m).not.toBeNull();
    // One request more or less is 5% of 19: the interval is at least that wide.
    expect(Number(m![2]) / Number(m![1])).toBeGreaterThan(1.05);
    expect(v.verdict).toBe('supported');
  });
});
