/**
 * Student t and standard normal distributions: CDF and quantile (inverse CDF).
 * CDFs go through the special functions of `special.ts`; quantiles invert the CDF by
 * safeguarded Newton iteration (bisection whenever a Newton step leaves the bracket),
 * working in the lower tail where the CDF is computed without cancellation.
 * Accuracy is about 1e-12 relative, well beyond the 1e-6 the harness needs.
 */
import { checkOpenProbability } from './sample.js';
import { incompleteBetaXY, logGamma, regularizedGammaQ } from './special.js';

function checkDf(df: number): void {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
}

function checkX(x: number, label: string): void {
  if (Number.isNaN(x)) throw new RangeError(`${label}: argument is NaN`);
}

/**
 * Standard normal CDF Φ(z) = ½(1 + erf(z/√2)), with erf(x) = P(½, x²); the tail is taken
 * from Q directly so Φ(−8) ≈ 6.2e-16 keeps full relative precision.
 */
export function normalCdf(z: number): number {
  checkX(z, 'normalCdf');
  const tail = 0.5 * regularizedGammaQ(0.5, (z * z) / 2);
  return z < 0 ? tail : 1 - tail;
}

function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/**
 * Student t CDF with `df` degrees of freedom (df > 0, need not be an integer — Welch's df
 * is not; df = Infinity gives the normal CDF).
 * Uses P(T ≤ t) = ½ I_x(df/2, ½) for t ≤ 0, with x = df / (df + t²).
 */
export function studentTCdf(t: number, df: number): number {
  checkX(t, 'studentTCdf');
  checkDf(df);
  if (df === Infinity) return normalCdf(t);
  const t2 = t * t;
  if (!Number.isFinite(t2)) return t > 0 ? 1 : 0;
  const tail = 0.5 * incompleteBetaXY(df / (df + t2), t2 / (df + t2), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

function studentTPdf(t: number, df: number): number {
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * Lower-tail inverse of a continuous symmetric CDF for p in (0, 0.5): doubles a bracket
 * [lo, 0] until cdf(lo) ≤ p, then runs Newton steps, bisecting whenever a step leaves
 * the bracket.
 */
function invertLowerTail(
  cdf: (x: number) => number,
  pdf: (x: number) => number,
  p: number,
  start: number,
): number {
  let lo = -1;
  let hi = 0;
  while (cdf(lo) > p) {
    hi = lo;
    lo *= 2;
    if (!Number.isFinite(lo)) return -Infinity;
  }
  let x = start > lo && start < hi ? start : (lo + hi) / 2;
  for (let i = 0; i < 500; i++) {
    const f = cdf(x) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    let next = x - f / pdf(x);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-15 * Math.max(1, Math.abs(x))) return next;
    x = next;
  }
  return x;
}

/** Quantile of a symmetric distribution from its lower tail: q(p) = −q(1 − p). */
function symmetricQuantile(p: number, lowerTail: (p: number) => number): number {
  if (Number.isNaN(p)) throw new RangeError('quantile: p is NaN');
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  checkOpenProbability(p);
  if (p === 0.5) return 0;
  // 1 − p is exact for p in [0.5, 1] (Sterbenz), so no precision is lost by reflecting.
  return p < 0.5 ? lowerTail(p) : -lowerTail(1 - p);
}

/**
 * Standard normal quantile Φ⁻¹(p); p = 0 and p = 1 give ∓Infinity.
 *
 * @throws RangeError when p is outside [0, 1] or NaN.
 */
export function normalQuantile(p: number): number {
  return symmetricQuantile(p, (q) => invertLowerTail(normalCdf, normalPdf, q, -1));
}

/**
 * Student t quantile with `df` degrees of freedom: the t with P(T ≤ t) = p.
 * E.g. studentTQuantile(0.975, 2) = 4.302653, studentTQuantile(0.975, 10) = 2.228139.
 *
 * @throws RangeError when p is outside [0, 1] or NaN, or df ≤ 0.
 */
export function studentTQuantile(p: number, df: number): number {
  checkDf(df);
  if (df === Infinity) return normalQuantile(p);
  return symmetricQuantile(p, (q) =>
    invertLowerTail(
      (t) => studentTCdf(t, df),
      (t) => studentTPdf(t, df),
      q,
      normalQuantile(q),
    ),
  );
}
