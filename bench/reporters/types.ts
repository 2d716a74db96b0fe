/**
 * The reporter contract: a reporter is pure — a results file in, files (text or bytes)
 * out. Only write-report.ts touches the disk.
 */
import type { ResultsFile } from '../types.js';

/** One output file of a reporter. */
export interface ReportFile {
  /** Where the file goes, relative to the report directory, `/`-separated (e.g. `charts/cpu-speedup.svg`). */
  path: string;
  contents: string | Uint8Array;
}

export type Reporter = (results: ResultsFile) => Promise<ReportFile[]> | ReportFile[];
