/**
 * results.csv: one row per scenario summary, for spreadsheets and pandas. Units are in
 * the column names; a cell is empty where the figure does not apply (no ideal for noop,
 * no connections for an open-model load).
 */
import { stringify } from 'csv-stringify/sync';
import type { ScenarioSummary } from '../types.js';
import { bytesToMib, formatParams, roundTo } from '../format/index.js';
import type { Reporter } from './types.js';

export const CSV_COLUMNS = [
  'scenario',
  'workload',
  'strategy',
  'connections',
  'params',
  'repetitions',
  'rps_median',
  'rps_mean',
  'rps_mean_ci_low',
  'rps_mean_ci_high',
  'rps_cv',
  'latency_p50_ms',
  'latency_p99_ms',
  'errors',
  'ideal_rps',
  'efficiency',
  'server_cpu_s',
  'server_cores_busy',
  'server_rss_peak_mib',
  'event_loop_delay_p99_ms',
  'loadgen_cpu_pct',
  'state',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];
export type CsvCell = string | number;

/** A number rounded to `digits` decimals, or an empty cell when absent. */
const cell = (x: number | undefined, digits: number): CsvCell => (x === undefined || !Number.isFinite(x) ? '' : roundTo(x, digits));

/** The CSV row of one summary, as a record keyed by column (pure; exported for tests). */
export function csvRow(s: ScenarioSummary): Record<CsvColumn, CsvCell> {
  return {
    scenario: s.scenarioId,
    workload: s.workload,
    strategy: s.strategy,
    connections: s.connections ?? '',
    params: formatParams(s.params),
    repetitions: s.runs,
    rps_median: cell(s.rps?.median, 3),
    // The interval is of the mean (rps_mean), named so; none from a single run.
    rps_mean: cell(s.rps?.mean, 3),
    rps_mean_ci_low: cell(s.rps && s.rps.n >= 2 ? s.rps.ciLow : undefined, 3),
    rps_mean_ci_high: cell(s.rps && s.rps.n >= 2 ? s.rps.ciHigh : undefined, 3),
    rps_cv: cell(s.rps?.cv, 4),
    latency_p50_ms: cell(s.latencyP50Ms?.median, 3),
    latency_p99_ms: cell(s.latencyP99Ms?.median, 3),
    errors: s.errors,
    ideal_rps: cell(s.ideal?.idealRps, 3),
    efficiency: cell(s.ideal?.efficiency, 4),
    server_cpu_s: cell(s.serverCpuS, 3),
    server_cores_busy: cell(s.serverCoresBusy, 3),
    server_rss_peak_mib: cell(s.serverRssPeakBytes === undefined ? undefined : bytesToMib(s.serverRssPeakBytes), 1),
    event_loop_delay_p99_ms: cell(s.eventLoopDelayP99Ms, 3),
    loadgen_cpu_pct: cell(s.loadgenCpuPct, 1),
    state: s.state,
  };
}

export const csv: Reporter = (results) => {
  const rows = results.summaries.map((s) => CSV_COLUMNS.map((column) => csvRow(s)[column]));
  return [{ path: 'results.csv', contents: stringify([[...CSV_COLUMNS], ...rows]) }];
};
