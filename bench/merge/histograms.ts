/**
 * Exact merging of latency histograms: per-bucket counts are summed (hdr-histogram-js
 * `add`), so the merged percentiles are those of all samples together — never an average
 * of percentiles, which has no meaning.
 */
import { LatencyHistogram } from '../drivers/latency-histogram.js';

/** The union of encoded histograms (`ClientFigures.latencyHistogram`), or undefined when any is missing. */
export function mergeEncodedHistograms(encoded: readonly (string | undefined)[]): LatencyHistogram | undefined {
  if (encoded.length === 0 || encoded.some((e) => e === undefined)) return undefined;
  const merged = LatencyHistogram.empty();
  for (const e of encoded) merged.add(LatencyHistogram.decode(e!));
  return merged;
}

/**
 * The latency histogram of all of a scenario's runs together (counts summed), e.g. for a
 * percentile-distribution chart over a merged file: undefined when a run carries none.
 */
export function pooledHistogram(runs: readonly { client?: { latencyHistogram?: string } }[]): LatencyHistogram | undefined {
  return mergeEncodedHistograms(runs.map((r) => r.client?.latencyHistogram));
}
