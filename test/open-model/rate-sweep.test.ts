import { describe, expect, it } from 'vitest';
import { judgeProbe, maxSustainableRate } from '../../bench/run/rate-sweep.js';
import type { ClientFigures } from '../../bench/types.js';

/** Figures a fake server would give at a rate: p99 and achieved rate, nothing else failing. */
function figures(ratePerS: number, p99Ms: number, rps: number, failures = 0): ClientFigures {
  const latencyMs = { mean: p99Ms / 2, p50: p99Ms / 2, p90: p99Ms, p99: p99Ms, p999: p99Ms, max: p99Ms };
  return { requests: Math.round(rps * 5), durationS: 5, rps, latencyMs, errors: failures, timeouts: 0, non2xx: 0, wrongBodies: 0, requestedRatePerS: ratePerS };
}

/** An M/M/1-like fake: p99 grows as the rate nears the capacity; above it, it saturates. */
function queueingServer(capacityPerS: number, serviceMs: number) {
  const calls: number[] = [];
  const measure = async (ratePerS: number): Promise<ClientFigures> => {
    calls.push(ratePerS);
    if (ratePerS >= capacityPerS) return figures(ratePerS, 5_000, capacityPerS);
    const p99Ms = (serviceMs * Math.log(100)) / (1 - ratePerS / capacityPerS);
    return figures(ratePerS, p99Ms, ratePerS);
  };
  return { measure, calls };
}

describe('maxSustainableRate (fake measure, no network)', () => {
  it('brackets upward, bisects, and stays within the probe budget', async () => {
    const server = queueingServer(1000, 2);
    // p99 <= 50 ms  <=>  rate <= 1000 * (1 - 2 * ln 100 / 50) ~= 815.8/s
    const result = await maxSustainableRate(server.measure, { p99TargetMs: 50, startRatePerS: 100 });
    expect(result.probes.length).toBeLessThanOrEqual(8);
    expect(server.calls).toEqual(result.probes.map((p) => p.ratePerS));
    expect(server.calls.slice(0, 5)).toEqual([100, 200, 400, 800, 1600]);
    const best = result.maxSustainableRatePerS!;
    expect(best).toBeLessThanOrEqual(815.8);
    expect(best).toBeGreaterThanOrEqual(800);
    expect(result.bracket.failRatePerS).toBeGreaterThan(815.8);
    expect(result.probes.find((p) => p.ratePerS === best)?.pass).toBe(true);
  });

  it('brackets downward when the start rate already fails', async () => {
    const server = queueingServer(300, 2);
    const result = await maxSustainableRate(server.measure, { p99TargetMs: 50, startRatePerS: 2000, maxProbes: 8 });
    expect(server.calls.slice(0, 4)).toEqual([2000, 1000, 500, 250]);
    expect(result.probes.length).toBeLessThanOrEqual(8);
    // true limit: 300 * (1 - 2 ln 100 / 50) ~= 244.7/s
    expect(result.maxSustainableRatePerS).toBeLessThanOrEqual(244.7);
    expect(result.maxSustainableRatePerS).toBeGreaterThan(100);
  });

  it('fails a rate the server cannot keep up with (achieved < 98% of requested), even with a low p99', async () => {
    // Latency stays low (the fake sheds load instead of queueing) but only 700/s get through.
    const measure = async (ratePerS: number) => figures(ratePerS, 3, Math.min(ratePerS, 700));
    const result = await maxSustainableRate(measure, { p99TargetMs: 50, startRatePerS: 100, resolution: 0.01 });
    expect(result.maxSustainableRatePerS).toBeLessThanOrEqual(700 / 0.98);
    expect(result.maxSustainableRatePerS).toBeGreaterThanOrEqual(650);
    const failed = result.probes.filter((p) => !p.pass);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((p) => p.reasons.some((r) => r.startsWith('achieved')))).toBe(true);
  });

  it('returns null when nothing passes, and respects maxProbes', async () => {
    const measure = async (ratePerS: number) => figures(ratePerS, 1_000, ratePerS);
    const result = await maxSustainableRate(measure, { p99TargetMs: 10, startRatePerS: 100, maxProbes: 4 });
    expect(result.maxSustainableRatePerS).toBeNull();
    expect(result.probes.map((p) => p.ratePerS)).toEqual([100, 50, 25, 12.5].map((r) => (r >= 10 ? Math.round(r) : r)));
  });

  it('is conservative when a probe fails by noise: nothing above a failure is reported', async () => {
    // 400 fails by noise although 800 would pass: the search never reports a rate above a failure.
    const measure = async (ratePerS: number) => figures(ratePerS, ratePerS === 400 || ratePerS >= 1000 ? 100 : 5, ratePerS);
    const result = await maxSustainableRate(measure, { p99TargetMs: 10, startRatePerS: 200 });
    expect(result.probes[1]?.ratePerS).toBe(400);
    expect(result.maxSustainableRatePerS).toBeLessThan(400);
  });

  it('counts failed answers against a probe', () => {
    const probe = judgeProbe(100, figures(100, 5, 100, 10), { p99TargetMs: 50, startRatePerS: 100 });
    expect(probe.pass).toBe(false);
    expect(probe.reasons.join()).toContain('failed');
  });
});
