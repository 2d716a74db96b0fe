/** Durations: one rule for milliseconds, seconds and microseconds (3 significant digits). */
import { formatNumber } from './numbers.js';

/** A duration given in ms: `0.42 ms`, `57.2 ms`, `104 ms`, and from one second up `5.07 s`. */
export function formatMs(ms: number): string {
  return Math.abs(ms) >= 1000 ? `${formatNumber(ms / 1000)} s` : `${formatNumber(ms)} ms`;
}

/** A duration given in µs: `3.2 µs`, `1,200 µs` (for per-request CPU costs). */
export function formatUs(us: number): string {
  return `${formatNumber(us)} µs`;
}
