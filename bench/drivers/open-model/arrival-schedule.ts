/**
 * The open model's arrival schedule, fixed before the first request is sent: request i's
 * intended send time is an offset from the start of the window that depends only on the
 * rate, the arrival process and the seed — never on what the server does.
 * - `uniform`: offset_i = i / R (computed from i, so no rounding drift accumulates);
 * - `poisson`: cumulative exponential gaps of mean 1 / R drawn from a seeded PRNG, so a
 *   given seed always yields the same schedule.
 * - with a `ramp` (k6's ramping-arrival-rate, Gatling's rampUsersPerSec): the rate rises
 *   linearly from R1 = ratePerS to R2 over D seconds, then holds R2. The schedule is the
 *   constant-rate one at unit rate mapped through the inverse of the cumulative arrivals
 *   Λ(t) = R1·t + (R2 − R1)·t²/(2D): arrival i (uniform) or the i-th unit-rate Poisson
 *   arrival lands where Λ(t) reaches it (time rescaling), so both processes keep their
 *   meaning and stay exact, with no drift.
 * With `segment` (`--segment i/n`, bench/segment.ts), the schedule is segment i's part of
 * the full one: the arrivals whose index k has k mod n = i - 1, at their full-schedule
 * offsets; the n segments' schedules are disjoint and their union is the full schedule.
 */
import { inSegment } from '../../segment.js';
import type { ArrivalRamp } from '../../types.js';
import type { PartSpec } from '../../shard.js';

export type ArrivalProcess = 'uniform' | 'poisson';

export interface ArrivalScheduleOptions {
  ratePerS: number;
  arrival: ArrivalProcess;
  /** Poisson only; DEFAULT_POISSON_SEED when absent. */
  seed?: number;
  /** Ramp from ratePerS (may then be 0) to ramp.toRatePerS over ramp.durationS. */
  ramp?: ArrivalRamp;
  /** Only this segment's arrivals of the full schedule (`--segment i/n`). */
  segment?: PartSpec;
}

/** Why a ramp cannot be run, or undefined when it can. */
export function rampProblem(ratePerS: number, ramp: ArrivalRamp): string | undefined {
  if (!(Number.isFinite(ratePerS) && ratePerS >= 0)) return `the starting rate must be >= 0 req/s, got ${ratePerS}`;
  if (!(Number.isFinite(ramp.toRatePerS) && ramp.toRatePerS > 0)) return `the ramp's target rate must be > 0 req/s, got ${ramp.toRatePerS}`;
  if (!(Number.isFinite(ramp.durationS) && ramp.durationS > 0)) return `the ramp's duration must be > 0 s, got ${ramp.durationS}`;
  return undefined;
}

/** The arrival rate at `tS` seconds into a ramp, req/s. */
export function rampRateAt(ratePerS: number, ramp: ArrivalRamp, tS: number): number {
  if (tS >= ramp.durationS) return ramp.toRatePerS;
  return ratePerS + ((ramp.toRatePerS - ratePerS) * Math.max(0, tS)) / ramp.durationS;
}

/** The time, ms, at which the ramp's cumulative arrivals Λ(t) reach `n` (the inverse of Λ). */
export function rampOffsetMs(ratePerS: number, ramp: ArrivalRamp, n: number): number {
  const r1 = ratePerS, r2 = ramp.toRatePerS, d = ramp.durationS;
  if (n <= 0) return 0;
  const rampArrivals = ((r1 + r2) * d) / 2;
  if (n >= rampArrivals) return (d + (n - rampArrivals) / r2) * 1000;
  const a = (r2 - r1) / (2 * d);
  if (Math.abs(a) < 1e-12) return (n / r1) * 1000;
  // a·t² + r1·t − n = 0; the stable root form (no cancellation when a·n is small).
  return ((2 * n) / (r1 + Math.sqrt(r1 * r1 + 4 * a * n))) * 1000;
}

export const DEFAULT_POISSON_SEED = 0x5eed;

/** mulberry32: a small, fast, seedable PRNG with uniform output in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns a function giving the next arrival's offset from the start, in ms (non-decreasing). */
export function createArrivalSchedule(opts: ArrivalScheduleOptions): () => number {
  const full = createFullSchedule(opts);
  const segment = opts.segment;
  if (!segment || segment.count === 1) return full;
  let k = 0;
  return () => {
    for (;;) {
      const offsetMs = full();
      if (inSegment(k++, segment)) return offsetMs;
    }
  };
}

function createFullSchedule(opts: ArrivalScheduleOptions): () => number {
  const { ratePerS, arrival, ramp } = opts;
  if (ramp) {
    const problem = rampProblem(ratePerS, ramp);
    if (problem) throw new RangeError(problem);
    if (arrival !== 'uniform' && arrival !== 'poisson') throw new RangeError(`unknown arrival process: ${String(arrival)}`);
    // Unit-rate arrivals (i, or cumulative Exp(1) gaps), mapped through Λ⁻¹.
    const unit = createFullSchedule({ ratePerS: 1000, arrival, ...(opts.seed !== undefined ? { seed: opts.seed } : {}) });
    return () => rampOffsetMs(ratePerS, ramp, unit());
  }
  if (!(Number.isFinite(ratePerS) && ratePerS > 0)) throw new RangeError(`ratePerS must be > 0, got ${ratePerS}`);
  const meanGapMs = 1000 / ratePerS;
  if (arrival === 'uniform') {
    let i = 0;
    return () => i++ * meanGapMs;
  }
  if (arrival === 'poisson') {
    const random = mulberry32(opts.seed ?? DEFAULT_POISSON_SEED);
    let offsetMs = 0;
    // 1 - u is in (0, 1], so the log is finite.
    return () => (offsetMs += -Math.log(1 - random()) * meanGapMs);
  }
  throw new RangeError(`unknown arrival process: ${String(arrival)}`);
}

/** Every arrival offset (ms) that falls inside a window of windowMs: for inspection and tests. */
export function arrivalOffsetsMs(opts: ArrivalScheduleOptions, windowMs: number): number[] {
  const next = createArrivalSchedule(opts);
  const offsets: number[] = [];
  for (let t = next(); t < windowMs; t = next()) offsets.push(t);
  return offsets;
}

/**
 * One generator thread's share of the schedule (`--threads`): arrivals g with
 * g % count == index, interleaved, so the shards together are exactly the whole schedule.
 * Returns the next arrival's offset (ms) and its request id (g + 1).
 */
export function createShardSchedule(opts: ArrivalScheduleOptions, index: number, count: number): () => { offsetMs: number; id: number } {
  if (!(Number.isInteger(count) && count >= 1 && Number.isInteger(index) && index >= 0 && index < count)) {
    throw new RangeError(`shard must be 0 <= index < count, got ${index}/${count}`);
  }
  const next = createArrivalSchedule(opts);
  let g = -1;
  return () => {
    for (;;) {
      const offsetMs = next();
      g++;
      if (g % count === index) return { offsetMs, id: g + 1 };
    }
  };
}
