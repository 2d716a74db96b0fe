import { describe, expect, it } from 'vitest';
import { figureOf } from '../../bench/claims/figures.js';
import type { RunRecord } from '../../bench/types.js';

function run(server: { cpuS: number; coresBusy?: number }): RunRecord {
  const latency = { mean: 1, p50: 1, p90: 1, p99: 1, p999: 1, max: 1 };
  return {
    runId: 'r',
    scenarioId: 's',
    repetition: 1,
    state: 'ok',
    reasons: [],
    startedAt: '2026-01-01T00:00:00.000Z',
    client: { requests: 100, durationS: 2, rps: 50, latencyMs: latency, errors: 0, timeouts: 0, non2xx: 0, wrongBodies: 0, inFlightAtEnd: 50, answeredInGrace: 50 },
    server: { ...server, rssPeakBytes: 1, processCount: 1, threadCount: 1 },
  };
}

describe('per-run figures the claims compare', () => {
  it('CPU per request is the window’s CPU over the window’s answers, not the grace’s CPU too', () => {
    // 1 core for a 2 s window: 2 CPU-s for 100 answers = 20 ms each. cpuS also holds the
    // second the server spent on the 50 requests in flight at the window's end.
    expect(figureOf(run({ cpuS: 3, coresBusy: 1 }), 'cpuMsPerRequest')).toBeCloseTo(20, 9);
    // Files older than coresBusy: cpuS is all there is.
    expect(figureOf(run({ cpuS: 3 }), 'cpuMsPerRequest')).toBeCloseTo(30, 9);
  });

  it('cores busy is the server’s own figure, absent in older files', () => {
    expect(figureOf(run({ cpuS: 3, coresBusy: 1.93 }), 'coresBusy')).toBe(1.93);
    expect(figureOf(run({ cpuS: 3 }), 'coresBusy')).toBeUndefined();
  });
});
