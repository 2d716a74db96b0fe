/**
 * Segments (`--segment i/n`) of one load → one run per (scenario, repetition): what n
 * generators sent together to one server. Counts and rates add up (the segments' windows
 * run at the same time, from `--start-at`); the latency histogram is the union of the
 * segments' (exact); percentiles come from it. Without histograms (a driver that does not
 * record one) the percentiles can only be bounded: the largest segment's, flagged in a note.
 */
import { idealFor, withEfficiency } from '../ideal.js';
import { runRecordOf } from '../run/run-outcome.js';
import type { ClientFigures, LatencyFigures, PerSecondPoint, RunMeasurement, RunRecord, RunState, Scenario } from '../types.js';
import { mergeEncodedHistograms } from './histograms.js';

const STATE_RANK: Record<RunState, number> = { ok: 0, invalid: 1, errored: 2 };

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function maxFigures(all: readonly LatencyFigures[]): LatencyFigures {
  const pick = (k: keyof LatencyFigures) => Math.max(...all.map((f) => f[k]));
  return { mean: pick('mean'), p50: pick('p50'), p90: pick('p90'), p99: pick('p99'), p999: pick('p999'), max: pick('max') };
}

function sumOptional(values: readonly (number | undefined)[]): number | undefined {
  return values.every((v) => v === undefined) ? undefined : sum(values.map((v) => v ?? 0));
}

/** Per-second points summed by second (counts exact; per-second percentiles bounded by the largest segment's). */
function mergePerSecond(series: readonly (PerSecondPoint[] | undefined)[]): PerSecondPoint[] | undefined {
  const present = series.filter((s): s is PerSecondPoint[] => s !== undefined);
  if (present.length === 0) return undefined;
  const byT = new Map<number, PerSecondPoint>();
  for (const points of present) {
    for (const p of points) {
      const seen = byT.get(p.tS);
      if (!seen) byT.set(p.tS, { ...p });
      else {
        seen.completed += p.completed;
        seen.errors += p.errors;
        seen.p50Ms = Math.max(seen.p50Ms, p.p50Ms);
        seen.p99Ms = Math.max(seen.p99Ms, p.p99Ms);
      }
    }
  }
  return [...byT.values()].sort((a, b) => a.tS - b.tS);
}

export interface MergedClient {
  client: ClientFigures;
  /** False when some segment had no histogram: latency percentiles are upper bounds. */
  exactLatency: boolean;
}

/** The client figures of n segments that ran at the same time against one server. */
export function mergeSegmentClients(parts: readonly ClientFigures[]): MergedClient {
  const histogram = mergeEncodedHistograms(parts.map((p) => p.latencyHistogram));
  const uncorrected = parts.some((p) => p.uncorrectedLatencyMs) ? mergeEncodedHistograms(parts.map((p) => p.uncorrectedLatencyHistogram)) : undefined;
  const client: ClientFigures = {
    requests: sum(parts.map((p) => p.requests)),
    // The windows overlap: the joint window is the longest, and the rates add up.
    durationS: Math.max(...parts.map((p) => p.durationS)),
    rps: sum(parts.map((p) => p.rps)),
    latencyMs: histogram ? histogram.figures() : maxFigures(parts.map((p) => p.latencyMs)),
    errors: sum(parts.map((p) => p.errors)),
    timeouts: sum(parts.map((p) => p.timeouts)),
    non2xx: sum(parts.map((p) => p.non2xx)),
    wrongBodies: sum(parts.map((p) => p.wrongBodies)),
  };
  const firstWrongBody = parts.find((p) => p.firstWrongBody)?.firstWrongBody;
  if (firstWrongBody) client.firstWrongBody = firstWrongBody;
  if (parts.some((p) => p.uncorrectedLatencyMs)) {
    client.uncorrectedLatencyMs = uncorrected ? uncorrected.figures() : maxFigures(parts.flatMap((p) => (p.uncorrectedLatencyMs ? [p.uncorrectedLatencyMs] : [])));
  }
  const requested = sumOptional(parts.map((p) => p.requestedRatePerS));
  if (requested !== undefined) client.requestedRatePerS = requested;
  const late = sumOptional(parts.map((p) => p.lateSends));
  if (late !== undefined) client.lateSends = late;
  if (histogram) client.latencyHistogram = histogram.encode();
  if (uncorrected) client.uncorrectedLatencyHistogram = uncorrected.encode();
  const perSecond = mergePerSecond(parts.map((p) => p.perSecond));
  if (perSecond) client.perSecond = perSecond;
  return { client, exactLatency: histogram !== undefined };
}

/**
 * One run from its segments' records (same scenario and repetition): `segments[k]` is
 * segment k+1's record, undefined when that segment has no such run.
 */
export function mergeSegmentRuns(scenario: Scenario, segments: readonly (RunRecord | undefined)[], runId: string, usableCores: number): { record: RunRecord; exactLatency: boolean } {
  const present = segments.filter((r): r is RunRecord => r !== undefined);
  const first = present[0]!;
  const reasons: string[] = [];
  let state: RunState = 'ok';
  segments.forEach((r, k) => {
    if (!r) {
      state = 'errored';
      reasons.push(`segment ${k + 1}/${segments.length} has no run of ${scenario.id} repetition ${first.repetition}`);
      return;
    }
    if (STATE_RANK[r.state] > STATE_RANK[state]) state = r.state;
    for (const reason of r.reasons) reasons.push(`segment ${k + 1}/${segments.length}: ${reason}`);
  });
  const measured: Partial<RunMeasurement> = {};
  const clients = present.flatMap((r) => (r.client ? [r.client] : []));
  let exactLatency = true;
  if (clients.length > 0) {
    const merged = mergeSegmentClients(clients);
    measured.client = merged.client;
    exactLatency = merged.exactLatency;
    const ideal = idealFor(scenario, usableCores);
    if (ideal) measured.ideal = withEfficiency(ideal, merged.client.rps);
  }
  const loadgen = present.flatMap((r) => (r.loadgen ? [r.loadgen.cpuPct] : []));
  // Each generator's own CPU: the busiest one says whether any was saturated.
  if (loadgen.length > 0) measured.loadgen = { cpuPct: Math.max(...loadgen) };
  const worst = state;
  const problems = worst === 'ok' ? [] : reasons.map((reason) => ({ state: worst, reason }));
  const startedAt = present.map((r) => r.startedAt).sort()[0]!;
  const record = runRecordOf({ runId, scenarioId: scenario.id, repetition: first.repetition, startedAt }, problems, measured);
  return { record, exactLatency };
}
