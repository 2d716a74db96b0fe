/**
 * The open model's arrival schedule, fixed before the first request is sent: request i's
 * intended send time is an offset from the start of the window that depends only on the
 * rate, the arrival process and the seed — never on what the server does.
 * - `uniform`: offset_i = i / R (computed from i, so no rounding drift accumulates);
 * - `poisson`: cumulative exponential gaps of mean 1 / R drawn from a seeded PRNG, so a
 *   given seed always yields the same schedule.
 * With `segment` (`--segment i/n`, bench/segment.ts), the schedule is segment i's part of
 * the full one: the arrivals whose index k has k mod n = i - 1, at their full-schedule
 * offsets; the n segments' schedules are disjoint and their union is the full schedule.
 */
import { inSegment } from '../segment.js';
import type { PartSpec } from '../shard.js';

export type ArrivalProcess = 'uniform' | 'poisson';

export interface ArrivalScheduleOptions {
  ratePerS: number;
  arrival: ArrivalProcess;
  /** Poisson only; DEFAULT_POISSON_SEED when absent. */
  seed?: number;
  /** Only this segment's arrivals of the full schedule (`--segment i/n`). */
  segment?: PartSpec;
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
  const { ratePerS, arrival } = opts;
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
