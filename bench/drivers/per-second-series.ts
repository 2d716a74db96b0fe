import type { PerSecondPoint } from '../types.js';
import { LatencyHistogram } from './latency-histogram.js';

/** A PerSecondSeries as plain data (it crosses worker_threads). */
export interface ExportedPerSecond {
  histograms: (string | null)[];
  errors: number[];
}

/**
 * What happened in each second of a run's measured window: completed requests, errors,
 * p50/p99 of the answers completed in that second (each second its own µs HDR histogram,
 * so a stall shows as a spike rather than being averaged away). Seconds are counted from
 * the window's start by completion time; an answer outside the window is not recorded.
 * Written by hand because no library keeps per-interval percentiles for a live recorder
 * (hdr-histogram-js's Recorder swaps intervals on a timer, which a driver loop cannot
 * align with the window exactly).
 */
export class PerSecondSeries {
  private readonly histograms: LatencyHistogram[] = [];
  private readonly errorCounts: number[] = [];

  /** `windowStartMs` on the performance.now() clock; `durationS` whole or fractional. */
  constructor(
    private readonly windowStartMs: number,
    private readonly durationS: number,
  ) {}

  private index(atMs: number): number | undefined {
    const offsetS = (atMs - this.windowStartMs) / 1000;
    if (offsetS < 0 || offsetS > this.durationS) return undefined;
    return Math.min(Math.floor(offsetS), Math.max(0, Math.ceil(this.durationS) - 1));
  }

  /** An answer completed at `atMs` after `latencyMs`. */
  recordAnswer(atMs: number, latencyMs: number): void {
    const i = this.index(atMs);
    if (i === undefined) return;
    (this.histograms[i] ??= LatencyHistogram.empty()).recordMs(latencyMs);
  }

  /** An error, timeout or wrong answer at `atMs`. */
  recordError(atMs: number): void {
    const i = this.index(atMs);
    if (i === undefined) return;
    this.errorCounts[i] = (this.errorCounts[i] ?? 0) + 1;
  }

  /**
   * Each second's histogram (encoded, null when empty) and error count, so series kept by
   * separate generator threads over the same window merge exactly (`addExported`).
   */
  export(): ExportedPerSecond {
    const seconds = Math.max(1, Math.ceil(this.durationS));
    return {
      histograms: Array.from({ length: seconds }, (_, i) => this.histograms[i]?.encode() ?? null),
      errors: Array.from({ length: seconds }, (_, i) => this.errorCounts[i] ?? 0),
    };
  }

  /** Adds another series' `export()` (same window): counts and histograms summed exactly. */
  addExported(other: ExportedPerSecond): void {
    other.histograms.forEach((encoded, i) => {
      if (encoded !== null) (this.histograms[i] ??= LatencyHistogram.empty()).add(LatencyHistogram.decode(encoded));
    });
    other.errors.forEach((n, i) => {
      if (n > 0) this.errorCounts[i] = (this.errorCounts[i] ?? 0) + n;
    });
  }

  /** One point per second of the window, empty seconds included (completed 0). */
  points(): PerSecondPoint[] {
    const seconds = Math.max(1, Math.ceil(this.durationS));
    const out: PerSecondPoint[] = [];
    for (let i = 0; i < seconds; i++) {
      const h = this.histograms[i];
      out.push({
        tS: i,
        completed: h?.count ?? 0,
        errors: this.errorCounts[i] ?? 0,
        p50Ms: h ? h.percentileMs(50) : 0,
        p99Ms: h ? h.percentileMs(99) : 0,
      });
    }
    return out;
  }
}
