import { describe, it, expect } from 'vitest';
import { logBeta, logGamma, regularizedGammaQ, regularizedIncompleteBeta } from '../../bench/stats/special.js';

// Reference values: scipy 1.17.1, special.gammaln / betaln / betainc / gammaincc.
describe('special functions', () => {
  it('logGamma matches exact and scipy values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 13);
    expect(logGamma(100.5)).toBeCloseTo(361.43554046777757, 10);
  });

  it('logBeta keeps its digits when one argument is huge', () => {
    expect(logBeta(3, 0.5)).toBeCloseTo(0.06453852113757116, 13);
    expect(logBeta(150, 0.5)).toBeCloseTo(-1.9321193723332843, 13);
    expect(logBeta(150, 120)).toBeCloseTo(-186.65959833127738, 10);
  });

  it('regularized incomplete beta and gamma match scipy', () => {
    expect(regularizedIncompleteBeta(0.3, 2.5, 7)).toBeCloseTo(0.6412224629717214, 13);
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    // Q(1, x) = e^-x
    expect(regularizedGammaQ(1, 3)).toBeCloseTo(Math.exp(-3), 14);
    expect(regularizedGammaQ(1, 0.2)).toBeCloseTo(Math.exp(-0.2), 14);
    expect(regularizedGammaQ(2.5, 1.3)).toBeCloseTo(0.761365267845014, 13);
    expect(regularizedGammaQ(2.5, 6)).toBeCloseTo(0.03478778050624185, 14);
  });
});
