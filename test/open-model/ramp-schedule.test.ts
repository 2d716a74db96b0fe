/** The ramping arrival rate (k6 ramping-arrival-rate) in the schedule, and its flags. No network. */
import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from '../../bench/options.js';
import { planRuns } from '../../bench/plan.js';
import { arrivalOffsetsMs, createArrivalSchedule, rampOffsetMs, rampProblem, rampRateAt } from '../../bench/drivers/open-model/arrival-schedule.js';
import { UsageError } from '../../bench/errors.js';
import { OPEN_MODEL_TAKES_RAMP } from '../../bench/drivers/index.js';
import { suites } from '../../bench/suites/index.js';

const ramp = { toRatePerS: 100, durationS: 10 };

describe('ramping arrival rate', () => {
  it('uniform: arrivals per second follow the ramp, then hold the final rate', () => {
    const offsets = arrivalOffsetsMs({ ratePerS: 10, arrival: 'uniform', ramp }, 15_000);
    // Λ(10 s) = (10 + 100) / 2 · 10 = 550 arrivals in the ramp, then 100/s for 5 s.
    expect(offsets).toHaveLength(550 + 500);
    for (let s = 0; s < 15; s++) {
      const inSecond = offsets.filter((t) => t >= s * 1000 && t < (s + 1) * 1000).length;
      // Λ(s+1) − Λ(s) = the rate at the second's middle, give or take one arrival.
      expect(Math.abs(inSecond - rampRateAt(10, ramp, s + 0.5))).toBeLessThanOrEqual(1);
    }
    for (let i = 1; i < offsets.length; i++) expect(offsets[i]!).toBeGreaterThan(offsets[i - 1]!);
  });

  it('inverts the cumulative arrivals exactly (no drift), down ramps too, and starts from 0', () => {
    for (const [r1, r2] of [[10, 100], [100, 10], [0, 50], [40, 40]] as const) {
      const rp = { toRatePerS: r2, durationS: 8 };
      for (const n of [0, 1, 7, 99, 150, 1000]) {
        const tS = rampOffsetMs(r1, rp, n) / 1000;
        const cumulative = tS <= 8 ? r1 * tS + ((r2 - r1) * tS * tS) / 16 : ((r1 + r2) * 8) / 2 + r2 * (tS - 8);
        expect(cumulative).toBeCloseTo(n, 6);
      }
    }
  });

  it('poisson: seeded and reproducible, about the ramp\'s count', () => {
    const a = arrivalOffsetsMs({ ratePerS: 10, arrival: 'poisson', seed: 3, ramp }, 10_000);
    expect(arrivalOffsetsMs({ ratePerS: 10, arrival: 'poisson', seed: 3, ramp }, 10_000)).toEqual(a);
    // 550 expected; a Poisson count's sd is sqrt(550) ≈ 23.5: 5 sd either side.
    expect(Math.abs(a.length - 550)).toBeLessThan(120);
  });

  it('refuses what cannot ramp', () => {
    expect(rampProblem(-1, ramp)).toMatch(/starting rate/);
    expect(rampProblem(10, { toRatePerS: 0, durationS: 5 })).toMatch(/target rate/);
    expect(rampProblem(10, { toRatePerS: 5, durationS: 0 })).toMatch(/duration/);
    expect(() => createArrivalSchedule({ ratePerS: 10, arrival: 'uniform', ramp: { toRatePerS: 5, durationS: -1 } })).toThrow(RangeError);
  });

  it('flags: --rate R1 --ramp-to R2 --ramp-s D, validated together', () => {
    expect(parseBenchOptions(['--rate', '10', '--ramp-to', '100', '--ramp-s', '20']).ramp).toEqual({ toRatePerS: 100, durationS: 20 });
    expect(() => parseBenchOptions(['--rate', '10', '--ramp-to', '100'])).toThrow(/--ramp-to R2 and --ramp-s D go together/);
    expect(() => parseBenchOptions(['--ramp-to', '100', '--ramp-s', '5'])).toThrow(/--ramp-to needs --rate R1/);
    expect(() => parseBenchOptions(['--rate', '10', '--ramp-to', '0', '--ramp-s', '5'])).toThrow(UsageError);
    expect(() => parseBenchOptions(['--rate', '10', '--ramp-to', '50', '--ramp-s', 'x'])).toThrow(UsageError);
  });

  it('a ramp is planned into the scenario id, or refused before anything runs while the driver cannot take it', () => {
    const options = parseBenchOptions(['--suite', 'quick', '--filter', 'sleep,async', '--rate', '10', '--ramp-to', '100', '--ramp-s', '20']);
    if (!OPEN_MODEL_TAKES_RAMP) {
      expect(() => planRuns(suites.quick, options)).toThrow(/does not take it yet/);
      return;
    }
    const plan = planRuns(suites.quick, options);
    expect(plan.scenarios.every((s) => s.load.kind === 'rate' && s.load.ramp?.toRatePerS === 100)).toBe(true);
    expect(plan.scenarios[0]!.id).toContain('r10-100in20s');
  });
});
