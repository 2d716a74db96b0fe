/**
 * Open-model (arrival-rate) load driver, written by hand on undici.
 *
 * Why not autocannon's rate mode (`overallRate` / `connectionRate`)? It is unfit for
 * open-model latency, three ways (see DESIGN.md, "Known traps"):
 * 1. its coordinated-omission correction is given `Math.ceil(1 / rate)` ms as the expected
 *    interval between samples — always 1 ms — so every slow sample is padded with
 *    synthetic ones down to 1 ms, inflating the sample count about fiftyfold;
 * 2. its limiter releases each second's quota as a burst instead of spacing arrivals;
 * 3. it records latency in whole milliseconds.
 *
 * Here, as in wrk2, the schedule is fixed in advance (arrival-schedule.ts); request i is
 * sent at its intended time whatever the server does, through at most maxConnections
 * keep-alive connections (due requests queue client-side when all are busy), and latency
 * is timed from the intended send time ("corrected") as well as from the actual send
 * ("uncorrected", the coordinated-omission view), both at microsecond resolution.
 *
 * Every completed response (2xx or not) is recorded in both histograms; errors and
 * timeouts are counted, not recorded. Everything is bounded: after the window, still
 * queued or in-flight requests get a grace period of timeoutMs (they are still sent and
 * timed), then count as timeouts — none is silently dropped, so requests + errors +
 * timeouts always equals the number of arrivals the schedule put in the window.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import type { ClientFigures } from '../types.js';
import type { PartSpec } from '../shard.js';
import { createArrivalSchedule, type ArrivalProcess } from './arrival-schedule.js';
import { LatencyHistogram } from './latency-histogram.js';

export interface OpenModelOptions {
  /** Base URL, e.g. `http://127.0.0.1:PORT`; requests go to `${url}${path}`. */
  url: string;
  /** E.g. `/work`; the driver appends `?id=N` (or `&id=N`) with a fresh N per request. */
  path: string;
  ratePerS: number;
  durationS: number;
  arrival: ArrivalProcess;
  /** Bound on sockets. */
  maxConnections: number;
  /** Per request, and the grace period after the window; default 10 000. */
  timeoutMs?: number;
  /** Called for 2xx answers; false (or a throw) counts as a wrong body. */
  validate?: (status: number, body: string, id: number) => boolean;
  /** Poisson only: the same seed gives the same schedule. */
  seed?: number;
  /** `--segment i/n`: send only this segment's arrivals of the full schedule (arrival-schedule.ts). */
  segment?: PartSpec;
  /** Stops early (Ctrl-C): the window ends at once, the grace is capped at ABORT_GRACE_MS. */
  signal?: AbortSignal;
}

/** A send more than this after its intended time counts as a late send. */
export const LATE_SEND_THRESHOLD_MS = 1;
/**
 * The scheduler sleeps with setTimeout until about this long before the next due send,
 * then spins (setImmediate) until it is due: setTimeout alone has 1 ms granularity and
 * sends ~0.6 ms late on average, a bias that would dwarf sub-ms latencies.
 */
export const SPIN_WINDOW_MS = 1;
/**
 * Spinning burns the core the server shares, so it is capped at this fraction of wall
 * time (~R x 0.5 ms: full precision up to ~300 requests/s); past the cap the scheduler
 * sleeps with setTimeout only and the extra lateness shows in lateSends and in the gap
 * between corrected and uncorrected latency.
 */
export const SPIN_BUDGET_FRACTION = 0.15;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const ABORT_GRACE_MS = 1_000;

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

interface Arrival {
  id: number;
  intendedAt: number;
}

export async function runOpenModel(opts: OpenModelOptions): Promise<ClientFigures> {
  const { ratePerS, durationS, maxConnections, validate, signal } = opts;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(Number.isFinite(durationS) && durationS > 0)) throw new RangeError(`durationS must be > 0, got ${durationS}`);
  if (!(Number.isInteger(maxConnections) && maxConnections >= 1)) throw new RangeError(`maxConnections must be an integer >= 1, got ${maxConnections}`);
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new RangeError(`timeoutMs must be > 0, got ${timeoutMs}`);
  const nextOffsetMs = createArrivalSchedule({ ratePerS, arrival: opts.arrival, ...(opts.seed !== undefined ? { seed: opts.seed } : {}), ...(opts.segment ? { segment: opts.segment } : {}) });

  const base = new URL(opts.url);
  const prefix = base.pathname.replace(/\/+$/, '');
  const separator = opts.path.includes('?') ? '&' : '?';
  const pathOf = (id: number): string => `${prefix}${opts.path}${separator}id=${id}`;

  const corrected = LatencyHistogram.empty();
  const uncorrected = LatencyHistogram.empty();
  let requests = 0, completedInWindow = 0, errors = 0, timeouts = 0, non2xx = 0, wrongBodies = 0, lateSends = 0;

  const figures = (windowS: number): ClientFigures => ({
    requests,
    durationS: windowS,
    rps: windowS > 0 ? completedInWindow / windowS : 0,
    latencyMs: corrected.figures(),
    errors,
    timeouts,
    non2xx,
    wrongBodies,
    uncorrectedLatencyMs: uncorrected.figures(),
    requestedRatePerS: ratePerS,
    lateSends,
  });
  if (signal?.aborted) return figures(0);

  const pool = new Pool(base.origin, {
    connections: maxConnections,
    pipelining: 1,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connectTimeout: timeoutMs,
  });

  // Due requests waiting for a free connection, FIFO (an array with a moving head).
  let queue: Arrival[] = [];
  let head = 0;
  let inFlight = 0;
  let nextId = 1;
  let phase: 'window' | 'grace' | 'done' = 'window';
  let timer: { kind: 'timeout'; handle: NodeJS.Timeout } | { kind: 'immediate'; handle: NodeJS.Immediate } | undefined;
  let graceTimer: NodeJS.Timeout | undefined;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));

  const startAt = performance.now();
  let windowEndAt = startAt + durationS * 1000;
  let nextAt = startAt + nextOffsetMs();
  const outstanding = (): number => inFlight + queue.length - head;

  const settle = (): void => {
    pump();
    if (phase === 'grace' && outstanding() === 0) finish();
  };

  const send = (arrival: Arrival): void => {
    const sentAt = performance.now();
    if (sentAt - arrival.intendedAt > LATE_SEND_THRESHOLD_MS) lateSends++;
    inFlight++;
    pool
      .request({ method: 'GET', path: pathOf(arrival.id) })
      .then(async (res) => ({ status: res.statusCode, body: await res.body.text() }))
      .then(
        ({ status, body }) => {
          if (phase === 'done') return;
          const now = performance.now();
          inFlight--;
          requests++;
          corrected.recordMs(now - arrival.intendedAt);
          uncorrected.recordMs(now - sentAt);
          // req/s counts correct answers only (2xx and validated), as the closed drivers do.
          let correct = true;
          if (status < 200 || status > 299) (non2xx++, (correct = false));
          else if (validate && !safeValidate(validate, status, body, arrival.id)) (wrongBodies++, (correct = false));
          if (correct && now <= windowEndAt) completedInWindow++;
          settle();
        },
        (err: unknown) => {
          if (phase === 'done') return;
          inFlight--;
          if (TIMEOUT_CODES.has((err as { code?: string } | null)?.code ?? '')) timeouts++;
          else errors++;
          settle();
        },
      );
  };

  function pump(): void {
    while (inFlight < maxConnections && head < queue.length) send(queue[head++]!);
    if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
  }

  let spinMs = 0;
  let spinFrom: number | undefined;
  const tick = (): void => {
    timer = undefined;
    if (phase !== 'window') return;
    if (spinFrom !== undefined) spinMs += performance.now() - spinFrom;
    spinFrom = undefined;
    // Every request whose intended time has passed joins the queue, however late this tick is.
    for (let now = performance.now(); nextAt <= now && nextAt < windowEndAt; nextAt = startAt + nextOffsetMs()) {
      queue.push({ id: nextId++, intendedAt: nextAt });
    }
    pump();
    const now = performance.now();
    const waitMs = nextAt - now;
    const maySpin = spinMs < SPIN_BUDGET_FRACTION * (now - startAt);
    if (nextAt >= windowEndAt) timer = { kind: 'timeout', handle: setTimeout(() => endWindow(), Math.max(0, windowEndAt - now)) };
    else if (!maySpin) timer = { kind: 'timeout', handle: setTimeout(tick, waitMs) };
    else if (waitMs > SPIN_WINDOW_MS) timer = { kind: 'timeout', handle: setTimeout(tick, waitMs - SPIN_WINDOW_MS) };
    else {
      spinFrom = now;
      timer = { kind: 'immediate', handle: setImmediate(tick) };
    }
  };

  function endWindow(graceMs = timeoutMs): void {
    if (phase !== 'window') return;
    phase = 'grace';
    clearTimer();
    if (outstanding() === 0) return finish();
    graceTimer = setTimeout(finish, graceMs);
  }

  function finish(): void {
    if (phase === 'done') return;
    phase = 'done';
    clearTimer();
    if (graceTimer) clearTimeout(graceTimer);
    // Still queued or in flight after the grace: owed answers that never came.
    timeouts += outstanding();
    resolveDone();
  }

  function clearTimer(): void {
    if (timer?.kind === 'timeout') clearTimeout(timer.handle);
    else if (timer?.kind === 'immediate') clearImmediate(timer.handle);
    timer = undefined;
  }

  const onAbort = (): void => {
    if (phase === 'window') {
      windowEndAt = Math.min(windowEndAt, performance.now());
      endWindow(Math.min(timeoutMs, ABORT_GRACE_MS));
    } else if (phase === 'grace') {
      finish();
    }
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  tick();
  try {
    await done;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await (inFlight > 0 ? pool.destroy() : pool.close()).catch(() => undefined);
  }
  return figures((windowEndAt - startAt) / 1000);
}

function safeValidate(validate: NonNullable<OpenModelOptions['validate']>, status: number, body: string, id: number): boolean {
  try {
    return validate(status, body, id);
  } catch {
    return false;
  }
}
