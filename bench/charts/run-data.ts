/**
 * What the new charts read from the raw runs (not the summaries): the per-run latency
 * histograms merged over a scenario's ok runs, and per-second series. Results files of
 * schema version 1 have neither; `missingRawData` says which charts that leaves out.
 */
import { LatencyHistogram } from '../drivers/latency-histogram.js';
import { isOkRun, type ClientFigures, type OkRun, type ResultsFile } from '../types.js';

export type HistogramField = 'latencyHistogram' | 'uncorrectedLatencyHistogram';

/** The ok runs of a scenario, by repetition. */
export function okRuns(results: ResultsFile, scenarioId: string): OkRun[] {
  return results.runs.filter(isOkRun).filter((r) => r.scenarioId === scenarioId).sort((a, b) => a.repetition - b.repetition);
}

/**
 * The scenario's ok runs' histograms of `field`, merged exactly (bucket counts summed):
 * the distribution of every answer of every ok run. Undefined when no ok run has one.
 */
export function mergedHistogram(results: ResultsFile, scenarioId: string, field: HistogramField = 'latencyHistogram', side: 'client' | 'probe' = 'client'): LatencyHistogram | undefined {
  let merged: LatencyHistogram | undefined;
  for (const run of okRuns(results, scenarioId)) {
    const encoded = run[side]?.[field];
    if (!encoded) continue;
    (merged ??= LatencyHistogram.empty()).add(LatencyHistogram.decode(encoded));
  }
  return merged && merged.count > 0 ? merged : undefined;
}

/** Whether any run of the file kept a histogram / a per-second series. */
export function hasRawData(results: ResultsFile, key: keyof Pick<ClientFigures, 'latencyHistogram' | 'perSecond'>): boolean {
  return results.runs.some((r) => r.client?.[key] !== undefined);
}

/**
 * One line per chart kind that cannot be drawn because the runs lack raw data (results
 * files from before schema version 2): the report says so instead of silently dropping it.
 */
export function missingRawData(results: ResultsFile): string[] {
  if (results.runs.length === 0) return [];
  const out: string[] = [];
  const rerun = 're-run `npm run bench` with this loopbench to draw it';
  if (!hasRawData(results, 'latencyHistogram')) out.push(`latency-distribution: the runs of this file keep no latency histograms (results schema version 1); ${rerun}`);
  if (!hasRawData(results, 'perSecond')) out.push(`over-time: the runs of this file keep no per-second series (results schema version 1); ${rerun}`);
  return out;
}

/** A file-name-safe key: `sleep (sleepMs=50)` → `sleep-sleepms-50`. */
export function fileKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'chart';
}
