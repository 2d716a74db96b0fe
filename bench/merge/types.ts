import type { CpuCalibration } from '../types.js';

/** One input of a merge, as the merged file remembers it (`results.merged.inputs`). */
export interface MergeInput {
  /** The results folder or file given on the command line. */
  path: string;
  runId: string;
  shard?: { shard: number; of: number };
  segment?: { segment: number; of: number };
  hostname: string;
  cpuModel: string;
  runner?: string;
  status: string;
  /** Scenarios whose runs came from this input. */
  scenarioIds: string[];
  harnessCeilingRps?: number;
  calibration?: CpuCalibration;
}

/** What `npm run merge` joined (`results.merged`). */
export interface MergeInfo {
  kind: 'shards' | 'segments' | 'shards of segments';
  mergedAt: string;
  inputs: MergeInput[];
  /** Shards or segments that were expected but not given (only with --allow-partial). */
  missing: string[];
  /** Where each scenario's runs were measured: `hostname (cpu model)`, one or more (segments). */
  machinesByScenario: Record<string, string[]>;
  /** Caveats of the merge, e.g. latency percentiles that could only be bounded. */
  notes: string[];
}
