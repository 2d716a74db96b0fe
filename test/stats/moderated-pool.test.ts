import { describe, expect, it } from 'vitest';
import { digamma, moderatedWelchLog, pooledLogVariance } from '../../bench/stats/index.js';

describe('digamma', () => {
  it('matches known values', () => {
    const gamma = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-gamma, 10);
    expect(digamma(0.5)).toBeCloseTo(-gamma - 2 * Math.log(2), 10);
    expect(digamma(1.5)).toBeCloseTo(2 - gamma - 2 * Math.log(2), 10);
    expect(digamma(10)).toBeCloseTo(2.251752589066721, 10);
    expect(() => digamma(0)).toThrow(RangeError);
  });
});

describe('the run-pooled noise (pooledLogVariance)', () => {
  // 20 steady scenarios (3 runs within ~1%) and 2 caught in a slow spell of the host (2x swings).
  const steady = Array.from({ length: 20 }, (_, i) => [100 * (1 + 0.004 * (i % 3)), 100 * (1 - 0.006), 100 * (1 + 0.008)]);
  const spell = [
    [50, 25, 45],
    [90, 50, 88],
  ];

  it('is the typical scenario\'s noise, not dragged up by a few scenarios in a slow spell', () => {
    const withSpell = pooledLogVariance([...steady, ...spell])!;
    const alone = pooledLogVariance(steady)!;
    // The mean of the variances (the pool before) is many times the steady ones' with the two spells in it.
    const logVar = (xs: number[]) => {
      const logs = xs.map(Math.log);
      const m = logs.reduce((a, b) => a + b, 0) / logs.length;
      return logs.reduce((t, v) => t + (v - m) ** 2, 0) / (logs.length - 1);
    };
    const meanWith = [...steady, ...spell].map(logVar).reduce((a, b) => a + b, 0) / 22;
    const meanAlone = steady.map(logVar).reduce((a, b) => a + b, 0) / 20;
    expect(meanWith / meanAlone).toBeGreaterThan(50);
    expect(withSpell.variance / alone.variance).toBeLessThan(3);
    // So a steady scenario that matches a constant keeps a narrow interval (C4 at 1,000 connections: 4,910-4,975 req/s).
    const c4 = [4910, 4948, 4975];
    const w = moderatedWelchLog(c4, [4944], withSpell, 0.95, true);
    expect(Math.exp(w.ciHigh) / Math.exp(w.ciLow)).toBeLessThan(1.05);
  });

  it('still lets a noisy scenario widen its own interval', () => {
    const prior = pooledLogVariance([...steady, ...spell])!;
    const noisy = moderatedWelchLog([50, 25, 45], [40, 40, 40], prior);
    const quiet = moderatedWelchLog([100, 100.4, 100.8], [100, 100, 100], prior);
    expect(noisy.ciHigh - noisy.ciLow).toBeGreaterThan(5 * (quiet.ciHigh - quiet.ciLow));
  });

  it('leaves out samples whose runs are all equal (no logarithm of 0), and is 0 when all are', () => {
    expect(pooledLogVariance([[5, 5], [5, 5], [5, 5]])?.variance).toBe(0);
    const mixed = pooledLogVariance([[5, 5], [100, 110], [100, 90], [100, 105]])!;
    expect(mixed.variance).toBeGreaterThan(0);
    expect(mixed.scenarios).toBe(4);
  });
});
