import * as hdr from 'hdr-histogram-js';
import type { LatencyFigures } from '../types.js';

const US_PER_MS = 1000;

/**
 * Latencies at microsecond resolution in an HDR histogram (3 significant digits, up to
 * 1 hour), reported in ms as floats. autocannon's own histogram keeps whole ms; we record
 * its per-response float durations here instead.
 */
export class LatencyHistogram {
  private readonly histogram = hdr.build({
    bitBucketSize: 64,
    numberOfSignificantValueDigits: 3,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    useWebAssembly: false,
  });

  recordMs(latencyMs: number): void {
    this.histogram.recordValue(Math.max(1, Math.round(latencyMs * US_PER_MS)));
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  figures(): LatencyFigures {
    const h = this.histogram;
    if (h.totalCount === 0) return { mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 };
    const ms = (us: number) => us / US_PER_MS;
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
