/**
 * Fabricated results files for the shard / segment / merge tests: no server, no load.
 * Every run's figures are a function of (scenario id, repetition) only, so a run has the
 * same figures whichever shard "measured" it, and a merged file can be compared with the
 * unsharded one field by field.
 */
import { createHash } from 'node:crypto';
import { judgeAll } from '../../bench/claims/index.js';
import { idealFor, withEfficiency } from '../../bench/ideal.js';
import type { Plan } from '../../bench/plan.js';
import type { ShardingInfo } from '../../bench/shard.js';
import type { SegmentInfo } from '../../bench/segment.js';
import { LatencyHistogram } from '../../bench/drivers/latency-histogram.js';
import { summarizeAll } from '../../bench/summarize.js';
import { RESULTS_SCHEMA_VERSION, type ClientFigures, type MachineFacts, type ResultsFile, type RunRecord, type Scenario } from '../../bench/types.js';

export const CORES = 2;

export function machine(hostname = 'runner-a', cpuModel = 'Test CPU @ 2.0GHz'): MachineFacts {
  return { cpuModel, cores: CORES, usableCores: CORES, memoryBytes: 8e9, nodeVersion: 'v20.19.0', os: 'Linux test x64', gitCommit: 'abc123', lockfileSha256: 'lock1', hostname };
}

/** A number in [0, 1) fixed by the text. */
function unit(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

/** Latency samples (ms) fixed by the text, and their histogram. */
export function samplesFor(text: string, count: number, scaleMs: number): number[] {
  return Array.from({ length: count }, (_, i) => scaleMs * (0.5 + unit(`${text}#${i}`)) * (i % 97 === 0 ? 8 : 1));
}

export function histogramOf(samplesMs: readonly number[]): LatencyHistogram {
  const h = LatencyHistogram.empty();
  for (const s of samplesMs) h.recordMs(s);
  return h;
}

export function clientFrom(samplesMs: readonly number[], durationS: number, extra: Partial<ClientFigures> = {}): ClientFigures {
  const h = histogramOf(samplesMs);
  return { requests: samplesMs.length, durationS, rps: samplesMs.length / durationS, latencyMs: h.figures(), errors: 0, timeouts: 0, non2xx: 0, wrongBodies: 0, latencyHistogram: h.encode(), ...extra };
}

/**
 * Building a run's HDR histogram is most of a fake run's cost (shard tests build thousands):
 * each (scenario, repetition) is built once and handed out as a fresh copy.
 */
const builtRuns = new Map<string, RunRecord>();

export function fakeRun(scenario: Scenario, repetition: number, runId = 'fixture'): RunRecord {
  const key = `${JSON.stringify(scenario)}#${repetition}`;
  let built = builtRuns.get(key);
  if (!built) {
    built = buildFakeRun(scenario, repetition);
    builtRuns.set(key, built);
  }
  return { ...structuredClone(built), runId };
}

function buildFakeRun(scenario: Scenario, repetition: number, runId = 'fixture'): RunRecord {
  const base = 100 + 900 * unit(scenario.id);
  const rps = base * (0.97 + 0.06 * unit(`${scenario.id}/${repetition}`));
  const samples = samplesFor(`${scenario.id}/${repetition}`, 50, 1000 / base);
  const client = { ...clientFrom(samples, scenario.load.durationS), rps };
  const ideal = idealFor(scenario, CORES);
  return {
    runId,
    scenarioId: scenario.id,
    repetition,
    state: 'ok',
    reasons: [],
    startedAt: '2026-01-01T00:00:00.000Z',
    client,
    server: { cpuS: 0.5, rssPeakBytes: 6e7, processCount: 1, threadCount: 7 },
    loadgen: { cpuPct: 20 },
    ...(ideal ? { ideal: withEfficiency(ideal, rps) } : {}),
  };
}

export interface FakeResultsOptions {
  runId?: string;
  sharding?: ShardingInfo;
  segment?: SegmentInfo;
  hostname?: string;
  options?: Record<string, unknown>;
  runs?: RunRecord[];
}

/** The results file `npm run bench` would write for `plan` if every run gave fakeRun's figures. */
export function fakeResults(plan: Plan, o: FakeResultsOptions = {}): ResultsFile {
  const runId = o.runId ?? 'run-1';
  const m = machine(o.hostname);
  const runs = o.runs ?? plan.runs.map((r) => fakeRun(r.scenario, r.repetition, runId));
  const results: ResultsFile = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: 'loopbench',
    runId,
    suite: plan.suite.name,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:10:00.000Z',
    status: 'complete',
    machine: m,
    options: { suite: plan.suite.name, repetitions: plan.repetitions, outDir: 'reports', ...o.options },
    scenarios: plan.scenarios,
    runs,
    summaries: summarizeAll(plan.scenarios, runs),
    ...(o.sharding ? { sharding: o.sharding } : {}),
    ...(o.segment ? { segment: o.segment } : {}),
    producedBy: { hostname: m.hostname, cpuModel: m.cpuModel, argv: [] },
  };
  const judged = judgeAll(results);
  results.claims = judged.verdicts;
  results.comparisons = judged.comparisons;
  return results;
}
