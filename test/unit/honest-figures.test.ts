import { describe, expect, it } from 'vitest';
import { idealFor } from '../../bench/ideal.js';
import { closedLoad, defineScenario } from '../../bench/suites/scenario.js';
import { ceilingLabel, summarizeAll, summarizeScenario } from '../../bench/summarize.js';
import type { RunRecord } from '../../bench/types.js';

const scenario = defineScenario({ workload: 'noop', strategy: 'async', load: closedLoad(50, 1, 0) });

function run(rps: number, state: RunRecord['state'] = 'ok'): RunRecord {
  return {
    runId: 'r',
    scenarioId: scenario.id,
    repetition: 1,
    state,
    reasons: state === 'ok' ? [] : ['load: 90 wrong bodies out of 100 requests (> 0.1%)'],
    startedAt: '2026-01-01T00:00:00.000Z',
    client: { requests: rps, durationS: 1, rps, latencyMs: { mean: 1, p50: 1, p90: 1, p99: 1, p999: 1, max: 1 }, errors: 0, timeouts: 0, non2xx: 0, wrongBodies: 0 },
  };
}

describe('figures that were not measured are not shown as if they were', () => {
  it('a row whose runs are all invalid has its state and reasons, no numbers', () => {
    const s = summarizeScenario(scenario, [run(5000, 'invalid'), run(5100, 'invalid')]);
    expect(s.state).toBe('invalid');
    expect(s.rps).toBeUndefined();
    expect(s.latencyP99Ms).toBeUndefined();
    expect(s.reasons[0]).toContain('wrong bodies');
  });

  it('a cached ceiling says when and under what load it was measured', () => {
    const cached = { rps: 20178, cached: true, measuredAt: '2026-12-02T13:02:11.000Z', loadAverage1m: 2.5 };
    expect(ceilingLabel(cached)).toBe('20178 req/s, cached: measured at 13:02 UTC under load 2.50');
    const [s] = summarizeAll([scenario], [run(36000), run(37000)], cached);
    expect(s!.notes[0]).toContain('above the load-generator ceiling (181% of 20178 req/s, cached: measured at 13:02 UTC under load 2.50)');
    const [t] = summarizeAll([scenario], [run(17000), run(17000)], { ...cached, cached: false });
    expect(t!.notes[0]).toBe('near the load-generator ceiling (84% of 20178 req/s measured in this run)');
  });

  it('forgot-await has no ideal (a wrong answer is not bounded by physics)', () => {
    expect(idealFor(defineScenario({ workload: 'sleep', strategy: 'forgot-await', load: closedLoad(10, 1, 0) }), 2)).toBeUndefined();
  });

  it('open model: the ideal is min(offered rate, the strategy capacity)', () => {
    const rate = (strategy: string, ratePerS: number) =>
      idealFor(defineScenario({ workload: 'sleep', strategy, params: { sleepMs: 50 }, load: { kind: 'rate', ratePerS, durationS: 1, warmupS: 0, arrival: 'uniform', maxConnections: 256 } }), 2)!;
    // A blocked loop serves 1000/50 = 20/s whatever it is offered.
    expect(rate('blocking', 100).idealRps).toBe(20);
    expect(rate('blocking', 10).idealRps).toBe(10);
    // Async: capacity 256 connections x 20/s = 5,120/s; offered 100/s is the bound.
    expect(rate('async', 100).idealRps).toBe(100);
    expect(rate('async', 100).formula).toContain('min(R=100/s offered');
  });
});
