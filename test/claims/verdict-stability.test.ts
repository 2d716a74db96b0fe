/**
 * The parallel verdicts (C6, C10, C11) are stable on an idle machine and honest on a busy
 * one: simulated quick runs with canned noise (bench/claims/stability-simulation.ts,
 * 10% run-to-run spread as measured, 3 runs a side), seeded, so the figures are fixed.
 * `node dist/scripts/verdict-stability.js 200` prints the full table.
 */
import { describe, expect, it } from 'vitest';
import { AT_GAIN_EDGE, IDLE_TWO_CORES, ONE_CORE_BUSY, thresholdCheckDecisions, verdictStability } from '../../bench/claims/stability-simulation.js';

const NOISE = { runCv: 0.1, coresCv: 0.02, controlCv: 0.03 };

describe('stability of the parallel verdicts (simulated)', () => {
  it('idle 2 cores: every parallel claim is decided in ≥ 90% of runs, and two runs agree in ≥ 85% of pairs', () => {
    for (const s of verdictStability(IDLE_TWO_CORES, NOISE, 20, 11)) {
      expect(s.decided, `${s.claim} ${s.runtime}`).toBeGreaterThanOrEqual(0.9);
      expect(s.agreement, `${s.claim} ${s.runtime}`).toBeGreaterThanOrEqual(0.85);
      expect(s.verdicts.refuted ?? 0, `${s.claim} ${s.runtime}`).toBe(0);
    }
  });

  it('one core kept busy: no parallel claim is supported or refuted', () => {
    for (const s of verdictStability(ONE_CORE_BUSY, NOISE, 3, 12)) expect(s.verdicts.inconclusive, `${s.claim} ${s.runtime}`).toBe(1);
  });

  it('a speedup exactly at its threshold is decided either way at most at the nominal 5% per direction', () => {
    const d = thresholdCheckDecisions(AT_GAIN_EDGE, NOISE, 15, 13);
    expect(d.checks).toBeGreaterThan(150);
    expect(d.falseDecisions).toBeLessThanOrEqual(0.05);
  });
});
