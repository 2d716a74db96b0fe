/**
 * Latency recording at microsecond resolution in an HDR histogram (3 significant digits,
 * 64-bit counts, auto-resizing), reported back in milliseconds as floats.
 */
import { build, type Histogram } from 'hdr-histogram-js';
import type { LatencyFigures } from '../types.js';

export class LatencyRecorder {
  private readonly histogram: Histogram = build({
    bitBucketSize: 64,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
    autoResize: true,
  });

  /** Records one latency given in ms (a float); stored as whole microseconds. */
  recordMs(latencyMs: number): void {
    this.histogram.recordValue(Math.max(0, Math.round(latencyMs * 1000)));
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  /** Percentiles, max and mean in ms; all zero when nothing was recorded. */
  figuresMs(): LatencyFigures {
    const h = this.histogram;
    if (h.totalCount === 0) return { mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 };
    const ms = (us: number): number => us / 1000;
    return {
      mean: ms(h.mean),
      p50: ms(h.getValueAtPercentile(50)),
      p90: ms(h.getValueAtPercentile(90)),
      p99: ms(h.getValueAtPercentile(99)),
      p999: ms(h.getValueAtPercentile(99.9)),
      max: ms(h.maxValue),
    };
  }
}
