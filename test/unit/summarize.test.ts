import { describe, expect, it } from 'vitest';
import { closedLoad, defineScenario } from '../../bench/suites/scenario.js';
import { summarizeScenario } from '../../bench/summarize.js';
import type { RunRecord } from '../../bench/types.js';

const scenario = defineScenario({ workload: 'sleep', strategy: 'blocking', params: { sleepMs: 50 }, load: closedLoad(10, 1, 0) });

function run(repetition: number, rps: number, state: RunRecord['state'] = 'ok'): RunRecord {
  return {
    runId: 'r',
    scenarioId: scenario.id,
    repetition,
    state,
    reasons: state === 'ok' ? [] : [`${state} for a test`],
    startedAt: '2026-01-01T00:00:00.000Z',
    client: {
      requests: rps,
      durationS: 1,
      rps,
      latencyMs: { mean: 500, p50: 500, p90: 520, p99: 540 + repetition, p999: 560, max: 600 },
      errors: 0,
      timeouts: 0,
      non2xx: 0,
      wrongBodies: 0,
    },
    server: { cpuS: 0.1, rssPeakBytes: 50e6 + repetition, processCount: 1, threadCount: 11 },
    loadgen: { cpuPct: 3 },
    ideal: { idealRps: 20, efficiency: rps / 20, coresUsed: 2, formula: '1 * 1000/50ms' },
  };
}

describe('scenario summary', () => {
  it('takes median and t-interval over runs (a sample is a run)', () => {
    const summary = summarizeScenario(scenario, [run(1, 18), run(2, 19), run(3, 20)]);
    expect(summary.runs).toBe(3);
    expect(summary.state).toBe('ok');
    expect(summary.rps?.median).toBe(19);
    expect(summary.rps?.n).toBe(3);
    // mean 19, sd 1, t(0.975, 2) = 4.302653: half-width 4.302653/sqrt(3)
    expect(summary.rps?.ciLow).toBeCloseTo(19 - 4.302653 / Math.sqrt(3), 4);
    expect(summary.rps?.ciHigh).toBeCloseTo(19 + 4.302653 / Math.sqrt(3), 4);
    expect(summary.ideal?.efficiency).toBeCloseTo(19 / 20, 10);
    expect(summary.latencyP99Ms?.median).toBe(542);
  });

  it('uses only valid runs for figures and reports the worst state with its reasons', () => {
    const summary = summarizeScenario(scenario, [run(1, 19), run(2, 5, 'invalid'), run(3, 21)]);
    expect(summary.state).toBe('invalid');
    expect(summary.okRuns).toBe(2);
    expect(summary.rps?.median).toBe(20);
    expect(summary.reasons).toEqual(['invalid for a test']);
  });

  it('marks a scenario with no runs as errored, not run', () => {
    const summary = summarizeScenario(scenario, []);
    expect(summary.state).toBe('errored');
    expect(summary.reasons).toContain('not run');
    expect(summary.rps).toBeUndefined();
  });
});
