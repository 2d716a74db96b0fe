/**
 * Maximum sustainable rate: the highest open-model arrival rate whose corrected p99 stays
 * within a target and whose achieved rate keeps up with the requested one. A bracket
 * search (grow or shrink geometrically from a start rate until pass and fail are
 * bracketed) followed by bisection, with a hard cap on the number of probes. It assumes
 * the pass/fail outcome is monotone in the rate; a noisy failure only makes the answer
 * conservative (every later probe lies below it). Every probe is returned.
 */
import type { ClientFigures } from '../types.js';

export type MeasureAtRate = (ratePerS: number) => Promise<ClientFigures>;

export interface RateSweepOptions {
  p99TargetMs: number;
  /** First rate probed. */
  startRatePerS: number;
  /** Total probes, bracket and bisection together; default 8. */
  maxProbes?: number;
  /** Achieved rate must be at least this fraction of the requested one; default 0.98. */
  minAchievedFraction?: number;
  /** Failed answers (errors, timeouts, non-2xx, wrong bodies) tolerated, as a fraction of requests sent; default 0.001. */
  maxFailureFraction?: number;
  /** Bracket step factor; default 2. */
  growthFactor?: number;
  /** Stop bisecting once (high - low) / low is at most this; default 0.05. */
  resolution?: number;
  /** Never probe above / below these. */
  maxRatePerS?: number;
  minRatePerS?: number;
}

export interface RateProbe {
  ratePerS: number;
  achievedRatePerS: number;
  p99Ms: number;
  pass: boolean;
  /** Why it failed; empty when it passed. */
  reasons: string[];
  figures: ClientFigures;
}

export interface RateSweepResult {
  /** Highest passing rate probed below every failing one; null when none passed. */
  maxSustainableRatePerS: number | null;
  /** The final bracket: lowest fail, and highest pass below it (null when not found). */
  bracket: { passRatePerS: number | null; failRatePerS: number | null };
  /** In the order they were run. */
  probes: RateProbe[];
  p99TargetMs: number;
}

export function judgeProbe(ratePerS: number, figures: ClientFigures, opts: RateSweepOptions): RateProbe {
  const minAchieved = opts.minAchievedFraction ?? 0.98;
  const maxFailures = opts.maxFailureFraction ?? 0.001;
  const p99Ms = figures.latencyMs.p99;
  const reasons: string[] = [];
  if (!(p99Ms <= opts.p99TargetMs)) reasons.push(`p99 ${p99Ms} ms > target ${opts.p99TargetMs} ms`);
  if (!(figures.rps >= minAchieved * ratePerS)) reasons.push(`achieved ${figures.rps.toFixed(1)}/s < ${minAchieved * 100}% of ${ratePerS}/s`);
  const failed = figures.errors + figures.timeouts + figures.non2xx + figures.wrongBodies;
  const attempted = figures.requests + figures.errors + figures.timeouts;
  if (failed > maxFailures * Math.max(1, attempted)) reasons.push(`${failed} failed of ${attempted}`);
  return { ratePerS, achievedRatePerS: figures.rps, p99Ms, pass: reasons.length === 0, reasons, figures };
}

const roundRate = (ratePerS: number): number => (ratePerS >= 10 ? Math.round(ratePerS) : Math.round(ratePerS * 100) / 100);

export async function maxSustainableRate(measure: MeasureAtRate, opts: RateSweepOptions): Promise<RateSweepResult> {
  const maxProbes = opts.maxProbes ?? 8;
  const factor = opts.growthFactor ?? 2;
  const resolution = opts.resolution ?? 0.05;
  const maxRate = opts.maxRatePerS ?? Number.POSITIVE_INFINITY;
  const minRate = opts.minRatePerS ?? 0.01;
  if (!(opts.startRatePerS > 0) || !(factor > 1) || !(maxProbes >= 1)) throw new RangeError('startRatePerS > 0, growthFactor > 1 and maxProbes >= 1 are required');

  const probes: RateProbe[] = [];
  let { pass, fail } = bracketOf(probes);
  const probe = async (ratePerS: number): Promise<boolean> => {
    const result = judgeProbe(ratePerS, await measure(ratePerS), opts);
    probes.push(result);
    ({ pass, fail } = bracketOf(probes));
    return result.pass;
  };

  // Bracket: walk up from a pass, or down from a fail, by `factor`.
  let rate = roundRate(Math.min(Math.max(opts.startRatePerS, minRate), maxRate));
  const startPassed = await probe(rate);
  while (probes.length < maxProbes) {
    const next = roundRate(startPassed ? Math.min(rate * factor, maxRate) : Math.max(rate / factor, minRate));
    if (next === rate) break; // hit maxRate / minRate
    rate = next;
    if ((await probe(rate)) !== startPassed) break;
  }

  // Bisection between the highest pass and the lowest fail.
  while (probes.length < maxProbes && pass !== null && fail !== null && (fail - pass) / pass > resolution) {
    const mid = roundRate((pass + fail) / 2);
    if (mid <= pass || mid >= fail) break;
    await probe(mid);
  }
  return { maxSustainableRatePerS: pass, bracket: { passRatePerS: pass, failRatePerS: fail }, probes, p99TargetMs: opts.p99TargetMs };
}

/** Lowest failing rate, and highest passing rate below it (a pass above a fail is noise, not capacity). */
export function bracketOf(probes: readonly Pick<RateProbe, 'ratePerS' | 'pass'>[]): { pass: number | null; fail: number | null } {
  let fail: number | null = null;
  for (const p of probes) if (!p.pass && (fail === null || p.ratePerS < fail)) fail = p.ratePerS;
  let pass: number | null = null;
  for (const p of probes) if (p.pass && (fail === null || p.ratePerS < fail) && (pass === null || p.ratePerS > pass)) pass = p.ratePerS;
  return { pass, fail };
}
