import * as hdr from 'hdr-histogram-js';
import type { LatencyFigures } from '../types.js';

const US_PER_MS = 1000;
const HIGHEST_TRACKABLE_US = 3_600_000_000;

function buildHistogram(): hdr.Histogram {
  return hdr.build({
    bitBucketSize: 64,
    numberOfSignificantValueDigits: 3,
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_TRACKABLE_US,
    useWebAssembly: false,
  });
}

/**
 * Latencies at microsecond resolution in an HDR histogram (3 significant digits, up to
 * 1 hour), reported in ms as floats. autocannon's own histogram keeps whole ms; we record
 * its per-response float durations here instead.
 *
 * A run keeps its histogram encoded as hdr-histogram-js encodes it (compressed, base64,
 * values in µs: `ClientFigures.latencyHistogram`), so runs and segments merge exactly
 * (`add`) and percentile plots can be drawn later from the raw file.
 */
export class LatencyHistogram {
  private constructor(private readonly histogram: hdr.Histogram) {}

  static empty(): LatencyHistogram {
    return new LatencyHistogram(buildHistogram());
  }

  /** From `encode()`'s output (hdr-histogram-js compressed base64, µs). */
  static decode(encoded: string): LatencyHistogram {
    const decoded = hdr.decodeFromCompressedBase64(encoded, 64, false);
    const h = buildHistogram();
    h.add(decoded);
    return new LatencyHistogram(h);
  }

  recordMs(latencyMs: number): void {
    this.histogram.recordValue(Math.max(1, Math.round(latencyMs * US_PER_MS)));
  }

  /** Adds every value of `other` (exact: counts per bucket are summed). */
  add(other: LatencyHistogram): void {
    this.histogram.add(other.histogram);
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  /** Latency at percentile p (0-100), ms. */
  percentileMs(p: number): number {
    return this.histogram.totalCount === 0 ? 0 : this.histogram.getValueAtPercentile(p) / US_PER_MS;
  }

  encode(): string {
    return hdr.encodeIntoCompressedBase64(this.histogram);
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
