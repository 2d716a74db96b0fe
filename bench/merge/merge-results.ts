/**
 * Shards (`--shard i/n`) and segments (`--segment i/n`) → one results file, as if one
 * machine had run it all: runs concatenated (segments of one run joined first,
 * segments.ts), then summaries, ideals, comparisons and verdicts recomputed on the merged
 * set by the same code the suite uses (summarize.ts, claims/). Pure: no files.
 *
 * Refuses (MergeError, exit 2), naming the difference: files not made with --shard or
 * --segment, other suites, commits, schema, options or plans, the same shard or segment
 * twice, and missing ones (unless allowPartial: then it merges what is there and says what
 * is missing).
 */
import { judgeAll } from '../claims/index.js';
import { machineKey } from '../provenance.js';
import { summarizeAll } from '../summarize.js';
import type { ResultsFile, RunRecord, Scenario, ScenarioSummary } from '../types.js';
import { checkCompatible, MergeError, missingParts, shardOf, type LoadedInput } from './compatibility.js';
import { mergeMicro } from './micro.js';
import { mergeSegmentRuns } from './segments.js';
import type { MergeInfo, MergeInput } from './types.js';

export { MergeError, type LoadedInput } from './compatibility.js';

export interface MergeOptions {
  allowPartial: boolean;
  /** The merged file's run id. */
  runId: string;
  now?: Date;
}

function inputInfo(input: LoadedInput): MergeInput {
  const r = input.results;
  const machine = r.producedBy ?? { hostname: r.machine.hostname, cpuModel: r.machine.cpuModel };
  return {
    path: input.path,
    runId: r.runId,
    ...(r.sharding ? { shard: shardOf(r) } : {}),
    ...(r.segment ? { segment: { segment: r.segment.segment, of: r.segment.of } } : {}),
    hostname: machine.hostname,
    cpuModel: machine.cpuModel,
    ...(r.producedBy?.runner ? { runner: r.producedBy.runner } : {}),
    status: r.status,
    scenarioIds: r.scenarios.map((s) => s.id),
    ...(r.harnessCeilingRps !== undefined ? { harnessCeilingRps: r.harnessCeilingRps } : {}),
    ...(r.calibration ? { calibration: r.calibration } : {}),
  };
}

const STATUS_RANK: Record<ResultsFile['status'], number> = { complete: 0, running: 1, interrupted: 2, failed: 3 };

/** The worst status of the parts; a part still `running` (its process died) makes the merge `failed`. */
function worstStatus(statuses: readonly ResultsFile['status'][]): ResultsFile['status'] {
  const worst = statuses.reduce((w, s) => (STATUS_RANK[s] > STATUS_RANK[w] ? s : w), 'complete' as ResultsFile['status']);
  return worst === 'running' ? 'failed' : worst;
}

/** One shard's segments → one results file of that shard (runs joined per scenario and repetition). */
function joinSegments(parts: readonly LoadedInput[], runId: string, notes: string[]): ResultsFile {
  const sorted = [...parts].sort((a, b) => a.results.segment!.segment - b.results.segment!.segment);
  const count = sorted[0]!.results.segment!.of;
  const bySegment: (ResultsFile | undefined)[] = Array.from({ length: count }, (_, k) => sorted.find((p) => p.results.segment!.segment === k + 1)?.results);
  const base = sorted[0]!.results;
  const runs: RunRecord[] = [];
  const inexact = new Set<string>();
  for (const scenario of base.scenarios) {
    const reps = [...new Set(sorted.flatMap((p) => p.results.runs.filter((r) => r.scenarioId === scenario.id).map((r) => r.repetition)))].sort((a, b) => a - b);
    for (const repetition of reps) {
      const records = bySegment.map((r) => r?.runs.find((run) => run.scenarioId === scenario.id && run.repetition === repetition));
      const present = bySegment.map((r, k) => (r ? records[k] : null)).filter((r) => r !== null);
      const { record, exactLatency } = mergeSegmentRuns(scenario, present, runId, base.machine.usableCores);
      if (!exactLatency) inexact.add(scenario.id);
      runs.push(record);
    }
  }
  if (inexact.size > 0) {
    notes.push(`latency percentiles of ${[...inexact].join(', ')} are upper bounds (the largest segment's): some segment runs carry no latency histogram to merge exactly`);
  }
  return {
    ...base,
    runs,
    status: worstStatus(sorted.map((p) => p.results.status)),
    startedAt: sorted.map((p) => p.results.startedAt).sort()[0]!,
    ...(sorted.every((p) => p.results.finishedAt) ? { finishedAt: sorted.map((p) => p.results.finishedAt!).sort().at(-1)! } : {}),
  };
}

/** Merges shards and/or segments into one results file (see the module header). */
export function mergeResults(inputs: readonly LoadedInput[], opts: MergeOptions): ResultsFile {
  checkCompatible(inputs);
  const missing = missingParts(inputs);
  if (missing.length > 0 && !opts.allowPartial) {
    throw new MergeError(`missing ${missing.join(', ')}: pass every part's results folder, or --allow-partial to merge only the ${inputs.length} given (the merged file is then marked failed)`);
  }
  const notes: string[] = [];
  const first = inputs[0]!.results;
  const kind: MergeInfo['kind'] = first.segment ? (shardOf(first).of > 1 ? 'shards of segments' : 'segments') : 'shards';

  // Per shard: one results file (segments joined), with the machines its runs came from.
  const shardNumbers = [...new Set(inputs.map((i) => shardOf(i.results).shard))].sort((a, b) => a - b);
  const shards = shardNumbers.map((shard) => {
    const parts = inputs.filter((i) => shardOf(i.results).shard === shard);
    const results = first.segment ? joinSegments(parts, opts.runId, notes) : parts[0]!.results;
    const machines = [...new Set(parts.map((p) => machineKey(p.results.producedBy ?? p.results.machine)))].sort();
    return { shard, results, machines };
  });

  // Scenarios in the whole plan's order (a shard records it), runs A B A B by repetition.
  const planOrder = first.sharding?.planScenarioIds ?? first.scenarios.map((s) => s.id);
  const position = new Map(planOrder.map((id, i) => [id, i]));
  const byId = new Map<string, Scenario>();
  for (const { results } of shards) for (const s of results.scenarios) byId.set(s.id, s);
  const scenarios = [...byId.values()].sort((a, b) => (position.get(a.id) ?? Infinity) - (position.get(b.id) ?? Infinity));
  const runs = shards
    .flatMap((s) => s.results.runs)
    .sort((a, b) => a.repetition - b.repetition || (position.get(a.scenarioId) ?? Infinity) - (position.get(b.scenarioId) ?? Infinity));
  const seenRun = new Set<string>();
  for (const run of runs) {
    const key = `${run.scenarioId}#${run.repetition}`;
    if (seenRun.has(key)) throw new MergeError(`${run.scenarioId} repetition ${run.repetition} is in two shards: these files were not split from one plan by --shard`);
    seenRun.add(key);
  }

  // Summaries per shard with that shard's harness ceiling (its generator's limit), in plan order.
  const summaryById = new Map<string, ScenarioSummary>();
  for (const { results } of shards) {
    for (const summary of summarizeAll(results.scenarios, results.runs, results.harnessCeilingRps)) summaryById.set(summary.scenarioId, summary);
  }
  const machinesByScenario: Record<string, string[]> = {};
  for (const { results, machines } of shards) for (const s of results.scenarios) machinesByScenario[s.id] = machines;

  const ceilings = shards.flatMap((s) => (s.results.harnessCeilingRps !== undefined ? [s.results.harnessCeilingRps] : []));
  const calibrations = shards.flatMap((s) => (s.results.calibration ? [s.results.calibration] : []));
  if (new Set(calibrations.map((c) => c.nsPerIteration)).size > 1) {
    notes.push(`each shard calibrated the cpu workload on its own machine (${calibrations.map((c) => c.nsPerIteration.toFixed(1)).join(', ')} ns/iteration); the file records the first, the inputs each their own`);
  }
  if (ceilings.length > 1) notes.push(`harness ceilings per shard: ${ceilings.map((c) => c.toFixed(0)).join(', ')} req/s; each scenario is flagged against its own shard's, the file records the lowest`);
  const micro = mergeMicro(shards.map((s) => s.results.micro));
  const noise = shards.find((s) => s.results.noise !== undefined)?.results.noise;
  if (shards.filter((s) => s.results.noise !== undefined).length > 1) notes.push('each shard ran its own A/A check; the file records the first shard\'s');
  // The parallelism control (C6, C10, C11): the shard that delivered the fewest cores, so a
  // busy runner cannot hide behind an idle one.
  const controls = shards.flatMap((s) => (s.results.parallelism ? [s.results.parallelism] : []));
  const parallelism = controls.length > 0 ? controls.reduce((low, c) => (c.deliveredCores < low.deliveredCores ? c : low)) : undefined;
  if (controls.length > 1) notes.push(`each shard ran its own parallelism control (${controls.map((c) => c.deliveredCores.toFixed(2)).join(', ')} cores delivered); the file records the lowest`);
  const status = missing.length > 0 ? 'failed' : worstStatus(shards.map((s) => s.results.status));
  const options = { ...first.options };
  delete options['shard'];
  delete options['segment'];

  const merged: ResultsFile = {
    schemaVersion: first.schemaVersion,
    tool: 'loopbench',
    runId: opts.runId,
    suite: first.suite,
    startedAt: shards.map((s) => s.results.startedAt).sort()[0]!,
    ...(shards.every((s) => s.results.finishedAt) ? { finishedAt: shards.map((s) => s.results.finishedAt!).sort().at(-1)! } : {}),
    status,
    machine: shards[0]!.results.machine,
    options,
    ...(calibrations[0] ? { calibration: calibrations[0] } : {}),
    scenarios,
    runs,
    summaries: scenarios.flatMap((s) => (summaryById.has(s.id) ? [summaryById.get(s.id)!] : [])),
    ...(micro !== undefined ? { micro } : {}),
    ...(noise !== undefined ? { noise } : {}),
    ...(parallelism !== undefined ? { parallelism } : {}),
    ...(ceilings.length > 0 ? { harnessCeilingRps: Math.min(...ceilings) } : {}),
    merged: {
      kind,
      mergedAt: (opts.now ?? new Date()).toISOString(),
      inputs: inputs.map(inputInfo),
      missing,
      machinesByScenario,
      notes,
    },
  };
  const judged = judgeAll(merged);
  merged.claims = judged.verdicts;
  merged.comparisons = judged.comparisons;
  return merged;
}
