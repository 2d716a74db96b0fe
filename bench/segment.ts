/**
 * `--segment i/n`: one load split across n generator processes or hosts aimed at one
 * server (k6's execution segments), exactly:
 * - open model: segment i sends the arrivals of the full schedule whose index k has
 *   k mod n = i - 1 (bench/drivers/open-model/arrival-schedule.ts), so the union of the segments is the
 *   full schedule, with nothing lost or sent twice, whatever the arrival process;
 * - closed model: the C connections are dealt out: segment i gets floor(C / n), plus one
 *   when i <= C mod n (the shares sum to C).
 * `--start-at` gives every segment the same start: each waits until then before its first
 * load. `npm run merge` joins the segments' runs into one (bench/merge/segments.ts).
 */
import { UsageError } from './errors.js';
import type { BenchOptions } from './options.js';
import type { PartSpec } from './shard.js';

/** Connections of segment `spec.index` of a closed load of `connections` (floor/ceil; they sum to `connections`). */
export function segmentConnections(connections: number, spec: PartSpec): number {
  const base = Math.floor(connections / spec.count);
  return base + (spec.index <= connections % spec.count ? 1 : 0);
}

/** Whether arrival `k` (0-based index in the full schedule) belongs to segment `spec`. */
export function inSegment(k: number, spec: PartSpec): boolean {
  return k % spec.count === spec.index - 1;
}

/** What a segment's results file records (`results.segment`). */
export interface SegmentInfo {
  segment: number;
  of: number;
  /** The agreed start (ISO), when `--start-at` was given. */
  startAt?: string;
}

/** How far in the past a start time may be (clock skew, a slow start) before it is refused. */
export const START_AT_PAST_TOLERANCE_MS = 1000;
const START_AT_MAX_AHEAD_MS = 24 * 3600 * 1000;

/** `--start-at`: ISO 8601 with a time zone, or epoch ms → epoch ms; UsageError when malformed, past or too far ahead. */
export function parseStartAt(raw: string | undefined, nowMs = Date.now()): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  const how = 'give an ISO time with a zone (e.g. 2026-01-02T15:04:05Z) or epoch milliseconds (e.g. $(( $(date +%s) * 1000 + 30000 )))';
  let ms: number;
  if (/^\d{10,16}$/.test(text)) ms = Number(text);
  else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) ms = Date.parse(text);
  else throw new UsageError(`--start-at: cannot read '${raw}': ${how}`);
  if (!Number.isFinite(ms)) throw new UsageError(`--start-at: '${raw}' is not a valid time: ${how}`);
  if (ms < nowMs - START_AT_PAST_TOLERANCE_MS) {
    throw new UsageError(`--start-at ${new Date(ms).toISOString()} is ${((nowMs - ms) / 1000).toFixed(1)} s in the past: segments could not start together; pick a time far enough ahead for every segment to start`);
  }
  if (ms > nowMs + START_AT_MAX_AHEAD_MS) throw new UsageError(`--start-at ${new Date(ms).toISOString()} is more than 24 h ahead: check the time (epoch milliseconds, not seconds)`);
  return ms;
}

/** Waits until epoch ms `atMs` (at once when past); an abort ends the wait early. */
export async function waitUntil(atMs: number, signal?: AbortSignal): Promise<void> {
  const delayMs = atMs - Date.now();
  if (delayMs <= 0 || signal?.aborted) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, delayMs);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** `results.segment` for a run with `--segment`. */
export function segmentInfo(options: Pick<BenchOptions, 'segment' | 'startAtMs'>): SegmentInfo {
  const spec = options.segment!;
  return { segment: spec.index, of: spec.count, ...(options.startAtMs !== undefined ? { startAt: new Date(options.startAtMs).toISOString() } : {}) };
}
