/**
 * Power and false decisions of the comparison the claims use, by simulation with canned
 * noise (no load): a "run" is 20 scenarios of 2 runs each whose log-normal run-to-run
 * noise varies 5-fold between scenarios (sd 0.05-0.25 on the log scale); one pair is
 * compared. Measured: how often a 2x effect is decided, how often an A/A pair (no
 * effect) is wrongly decided, and how often two independent runs agree.
 */
import { describe, expect, it } from 'vitest';
import { compareSamples, mulberry32, pooledLogVariance, type Comparison } from '../../bench/stats/index.js';

const TRIALS = 400;
const SCENARIOS = 20;

function simulate(seed: number, effect: number, pooled: boolean, runs = 2): Comparison['verdict'][] {
  const random = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const verdicts: Comparison['verdict'][] = [];
  for (let t = 0; t < TRIALS; t++) {
    const sds = Array.from({ length: SCENARIOS }, () => 0.05 * Math.exp(Math.log(5) * random()));
    const samples = sds.map((sd) => Array.from({ length: runs }, () => 100 * Math.exp(sd * normal())));
    const a = Array.from({ length: runs }, () => effect * 100 * Math.exp(sds[0]! * normal()));
    const prior = pooled ? pooledLogVariance(samples) : undefined;
    verdicts.push(compareSamples(a, samples[1]!, prior ? { prior } : {}).verdict);
  }
  return verdicts;
}

const share = (vs: Comparison['verdict'][], pick: (v: Comparison['verdict']) => boolean) => vs.filter(pick).length / vs.length;
const decided = (v: Comparison['verdict']) => v === 'a-better' || v === 'b-better';

describe('power of the run-pooled comparison (simulated, 2 runs a side)', () => {
  it('decides a 2x effect almost always, where plain Welch on 1 degree of freedom mostly cannot', () => {
    const pooledRate = share(simulate(1, 2, true), (v) => v === 'a-better');
    const welchRate = share(simulate(1, 2, false), (v) => v === 'a-better');
    expect(pooledRate).toBeGreaterThanOrEqual(0.9);
    expect(welchRate).toBeLessThan(0.6);
  });

  it('keeps false decisions on A/A pairs at or below the nominal 5%', () => {
    const aa = simulate(2, 1, true);
    expect(share(aa, decided)).toBeLessThanOrEqual(0.05);
  });

  it('two independent runs of a 2x effect agree on the verdict', () => {
    const first = simulate(3, 2, true);
    const second = simulate(4, 2, true);
    const agree = first.filter((v, i) => v === second[i]).length / first.length;
    expect(agree).toBeGreaterThanOrEqual(0.85);
    // And they never decide in opposite directions.
    expect(first.some((v, i) => (v === 'a-better' && second[i] === 'b-better') || (v === 'b-better' && second[i] === 'a-better'))).toBe(false);
  });

  it('does not pool from too little: fewer than 3 scenarios with 2+ runs give no prior', () => {
    expect(pooledLogVariance([[1, 2], [3, 4], [5]])).toBeUndefined();
    expect(pooledLogVariance([[1, 2], [3, 4], [5, 6]])?.df).toBe(3);
  });
});
