/**
 * Open-model (arrival-rate) load driver, on the same lean HTTP/1.1 connection code as the
 * closed driver (http1-connection.ts, http1-response-parser.ts: prebuilt requests with the
 * id spliced in, one reused read buffer, the minimal parser, the exact-body fast path).
 *
 * Why not autocannon's rate mode (`overallRate` / `connectionRate`)? It is unfit for
 * open-model latency, three ways (see DESIGN.md, "Known traps"):
 * 1. its coordinated-omission correction is given `Math.ceil(1 / rate)` ms as the expected
 *    interval between samples — always 1 ms — so every slow sample is padded with
 *    synthetic ones down to 1 ms, inflating the sample count about fiftyfold;
 * 2. its limiter releases each second's quota as a burst instead of spacing arrivals;
 * 3. it records latency in whole milliseconds.
 * And why not undici's Pool any more (this driver's first version)? It cost ~90 µs of
 * generator CPU per request against the lean closed driver's ~14 µs (issue 12), so the
 * generator saturated at ~10,000 requests/s, before most servers did.
 *
 * Here, as in wrk2, the schedule is fixed in advance (arrival-schedule.ts); request i is
 * sent at its intended time whatever the server does, through at most maxConnections
 * keep-alive connections opened on demand (due requests queue client-side when all are
 * busy), and latency is timed from the intended send time ("corrected") as well as from
 * the actual send ("uncorrected", the coordinated-omission view), both at µs resolution.
 *
 * Counting: `requests` is every answer (2xx or not); `rps` counts only the right answers
 * (2xx, body validated) to requests scheduled inside the window that came by its end plus
 * a bounded grace (`countsTowardRate`, `rateGraceMs`), over the window; non-2xx and wrong bodies are counted
 * separately. 2xx answers are recorded in both histograms and in the per-second series
 * (as the closed driver does; a fast 500 must not make latency look better). A socket
 * error or a close that cuts a request short (a refused connect included) counts that
 * request as an error; a request older than timeoutMs (a sweep every tenth of it) counts
 * as a timeout and its connection is replaced. Everything is bounded: after the window,
 * still queued or in-flight requests get a grace period of timeoutMs (they are still sent
 * and timed), then count as timeouts — none is silently dropped, so requests + errors +
 * timeouts always equals the number of arrivals the schedule put in the window.
 *
 * Pacing (see `PacingOptions`): the scheduler sleeps with setTimeout until about a timer's
 * granularity before the next send, then polls the event loop with setImmediate (which
 * still reads answers) until the send is due, within a budget of wall time; and every
 * answer read also sends whatever has fallen due. Above ~1,000 arrivals/s (gaps shorter
 * than the timer's granularity) it does not poll at all: the sends ride on the answers'
 * wake-ups and on the 1 ms timer, a lag the corrected latency includes.
 *
 * Threads: `shard` gives this driver arrivals i with i % count == index of the one schedule
 * (generator-threads.ts runs one per worker thread and merges them exactly).
 */
import { performance } from 'node:perf_hooks';
import type { ClientFigures } from '../../types.js';
import type { PartSpec } from '../../shard.js';
import { createShardSchedule, type ArrivalProcess } from './arrival-schedule.js';
import type { ArrivalRamp } from '../../types.js';
import { endpointOf, Http1Connection, requestTemplate, type ConnectionEvents } from '../lean/http1-connection.js';
import { LatencyHistogram } from '../latency-histogram.js';
import { PerSecondSeries, type ExportedPerSecond } from '../per-second-series.js';

export interface PacingOptions {
  /**
   * Wake this long before a due send with setTimeout (whose granularity is 1 ms: it fires
   * up to ~1 ms early or late), then poll until it is due. Default SLEEP_MARGIN_MS.
   */
  sleepMarginMs?: number;
  /** Send what fell due after reading every ready answer of a loop pass (default), not inside each answer's callback. */
  batchSends?: boolean;
  /**
   * Polling is capped at this fraction of wall time; past it the scheduler only sleeps.
   * Default SPIN_BUDGET_FRACTION when arrivals (of this shard) are more than sleepMarginMs
   * apart, else 0.
   */
  spinBudgetFraction?: number;
}

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
  /** Called for 2xx answers that differ from `expectedBody`; false (or a throw) counts as a wrong body. */
  validate?: (status: number, body: string, id: number) => boolean;
  /** The exact body of a right answer to request id, when known: compared as a string first (the fast path). */
  expectedBody?: (id: number) => string | undefined;
  /** Poisson only: the same seed gives the same schedule. */
  seed?: number;
  /** Ramping arrival rate: from ratePerS to ramp.toRatePerS over ramp.durationS (arrival-schedule.ts). */
  ramp?: ArrivalRamp;
  /** `--segment i/n`: send only this segment's arrivals of the full schedule (arrival-schedule.ts). */
  segment?: PartSpec;
  /** Stops early (Ctrl-C): the window ends at once, the grace is capped at ABORT_GRACE_MS. */
  signal?: AbortSignal;
  /** This driver's share of the schedule (one generator thread of `count`); default the whole schedule. */
  shard?: { index: number; count: number };
  /** When the window starts, on the performance.now() clock (threads share one start); default now. */
  startAtMs?: number;
  pacing?: PacingOptions;
}

/** What a shard returns: its figures and its per-second series as data (to merge). */
export interface OpenModelShardResult {
  figures: ClientFigures;
  perSecond: ExportedPerSecond;
  /** Right answers to requests scheduled inside the window, by its end plus the rate grace (`rps` × window). */
  goodInWindow: number;
  /** Time spent polling for a due send, ms (the pacing's cost). */
  spinMs: number;
}

/** A send more than this after its intended time counts as a late send. */
export const LATE_SEND_THRESHOLD_MS = 1;
/**
 * setTimeout fires on libuv's whole-ms clock: anywhere from ~1 ms before to ~1 ms after the
 * asked delay. Waking this long before a due send keeps most sends on time; the rest of the
 * wait is polled (setImmediate, which reads answers in between).
 */
export const SLEEP_MARGIN_MS = 1;
/**
 * Polling burns the core the server shares, so it is capped at this fraction of wall
 * time (the first driver's value: ~1-2 ms of polling per send gives full precision up to
 * ~100 requests/s); past the cap the scheduler sleeps only and the extra lateness shows
 * in lateSends and in the gap between corrected and uncorrected latency. Only below
 * ~1,000 requests/s: faster, the driver does not poll (see `spinBudgetFraction`).
 */
export const SPIN_BUDGET_FRACTION = 0.15;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const ABORT_GRACE_MS = 1_000;
/**
 * The achieved rate counts a right answer when its request was scheduled inside the window
 * and the answer came by the window's end plus this share of the window (at least
 * MIN_RATE_GRACE_MS, at most timeoutMs), as k6 counts an arrival-rate iteration started in
 * its stage that ends within the graceful stop. Counting answers by arrival time inside the
 * window instead (this driver's first rule) dropped the answers to the window's last S
 * seconds of arrivals, so at 30/s and S = 50 ms a 1 s window could reach only 29/30 (97%)
 * and failed the 98% validity bar by construction. The grace is bounded so an overloaded
 * server cannot pass: with capacity K below the rate R, it answers at most K × (window +
 * grace) by then, so it still fails when K < 0.98 R / 1.1 (e.g. the blocked loop's 20/s at
 * 30/s and 60/s, or 25/s in the full sweep). Later answers still count as requests and in
 * the latency histograms (their latency shows the queue); only the rate leaves them out.
 */
export const RATE_GRACE_FRACTION = 0.1;
export const MIN_RATE_GRACE_MS = 100;

/** The grace after the window within which an answer still counts toward the achieved rate, ms. */
export function rateGraceMs(durationS: number, timeoutMs = DEFAULT_TIMEOUT_MS): number {
  return Math.min(timeoutMs, Math.max(MIN_RATE_GRACE_MS, RATE_GRACE_FRACTION * durationS * 1000));
}

/** Whether a right answer counts toward the achieved rate: scheduled inside the window, answered by its end plus the grace. */
export function countsTowardRate(intendedAtMs: number, answeredAtMs: number, windowEndAtMs: number, graceMs: number): boolean {
  return intendedAtMs < windowEndAtMs && answeredAtMs <= windowEndAtMs + graceMs;
}

class OpenConnection extends Http1Connection {
  /** The request bound to this connection (waiting for the connect, or in flight), -1 when none. */
  boundId = -1;
  intendedAtMs = 0;
}

export async function runOpenModel(opts: OpenModelOptions): Promise<ClientFigures> {
  return (await runOpenModelShard(opts)).figures;
}

export async function runOpenModelShard(opts: OpenModelOptions): Promise<OpenModelShardResult> {
  const { ratePerS, durationS, maxConnections, validate, expectedBody, signal } = opts;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(Number.isFinite(durationS) && durationS > 0)) throw new RangeError(`durationS must be > 0, got ${durationS}`);
  if (!(Number.isInteger(maxConnections) && maxConnections >= 1)) throw new RangeError(`maxConnections must be an integer >= 1, got ${maxConnections}`);
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new RangeError(`timeoutMs must be > 0, got ${timeoutMs}`);
  const shardIndex = opts.shard?.index ?? 0;
  const shardCount = opts.shard?.count ?? 1;
  const sleepMarginMs = opts.pacing?.sleepMarginMs ?? SLEEP_MARGIN_MS;
  const batchSends = opts.pacing?.batchSends ?? true;
  // Polling pays only when arrivals are farther apart than the timer's granularity: closer
  // together, the scheduler would want to poll all the time, a budget spreads that thin
  // where it buys nothing, and the answers' wake-ups send what is due anyway (measured:
  // docs/load-generators.md, `npm run bench:peer -- --pacing`).
  const meanGapMs = (1000 * shardCount * (opts.segment?.count ?? 1)) / ratePerS;
  const spinBudgetFraction = opts.pacing?.spinBudgetFraction ?? (meanGapMs > sleepMarginMs ? SPIN_BUDGET_FRACTION : 0);
  const scheduleOptions = { ratePerS, arrival: opts.arrival, ...(opts.seed !== undefined ? { seed: opts.seed } : {}), ...(opts.segment ? { segment: opts.segment } : {}), ...(opts.ramp ? { ramp: opts.ramp } : {}) };
  // This shard's arrivals of the one schedule (ids g + 1 of the whole); checks rate and shard now.
  const nextArrival = createShardSchedule(scheduleOptions, shardIndex, shardCount);

  const endpoint = endpointOf(opts.url);
  const prefix = new URL(opts.url).pathname.replace(/\/+$/, '');
  const separator = opts.path.includes('?') ? '&' : '?';
  const build = requestTemplate((id) => `${prefix}${opts.path}${separator}id=${id}`, endpoint.hostHeader);

  const corrected = LatencyHistogram.empty();
  const uncorrected = LatencyHistogram.empty();
  let requests = 0, goodInWindow = 0, errors = 0, timeouts = 0, non2xx = 0, wrongBodies = 0, lateSends = 0;
  let spinMs = 0;

  let startAt = opts.startAtMs ?? performance.now();
  let windowEndAt = startAt + durationS * 1000;
  let perSecond = new PerSecondSeries(startAt, durationS);
  const result = (windowS: number): OpenModelShardResult => ({
    figures: {
      requests,
      durationS: windowS,
      rps: windowS > 0 ? goodInWindow / windowS : 0,
      latencyMs: corrected.figures(),
      errors,
      timeouts,
      non2xx,
      wrongBodies,
      uncorrectedLatencyMs: uncorrected.figures(),
      requestedRatePerS: ratePerS,
      lateSends,
      latencyHistogram: corrected.encode(),
      uncorrectedLatencyHistogram: uncorrected.encode(),
      perSecond: perSecond.points(),
    },
    perSecond: perSecond.export(),
    goodInWindow,
    spinMs,
  });
  if (signal?.aborted) return result(0);
  if (opts.startAtMs !== undefined) {
    await sleepUntil(opts.startAtMs);
    if (signal?.aborted) return result(0);
  } else {
    startAt = performance.now();
    windowEndAt = startAt + durationS * 1000;
    perSecond = new PerSecondSeries(startAt, durationS);
  }

  // Due requests waiting for a connection, FIFO: parallel arrays with a moving head.
  let queueIds: number[] = [];
  let queueAt: number[] = [];
  let head = 0;
  let bound = 0; // requests bound to a connection (connecting or in flight)
  const conns = new Set<OpenConnection>();
  const idle: OpenConnection[] = [];
  let phase: 'window' | 'grace' | 'done' = 'window';

  let nextAt = 0;
  let nextId = 0;
  const advance = (): void => {
    const arrival = nextArrival();
    nextAt = startAt + arrival.offsetMs;
    nextId = arrival.id;
  };
  advance();

  /** Every request whose intended time has passed joins the queue, however late this is. */
  const admitDue = (now: number): void => {
    while (nextAt <= now && nextAt < windowEndAt) {
      queueIds.push(nextId);
      queueAt.push(nextAt);
      advance();
    }
  };

  const sendOn = (conn: OpenConnection): void => {
    const id = conn.boundId;
    conn.send(id, build(id));
    if (conn.sentAtMs - conn.intendedAtMs > LATE_SEND_THRESHOLD_MS) lateSends++;
  };

  const dispatch = (): void => {
    while (head < queueIds.length) {
      let conn = idle.pop();
      if (conn && !conn.ready) continue; // closed meanwhile (onClosed dropped it from `conns`)
      if (!conn) {
        if (conns.size >= maxConnections) break;
        conn = new OpenConnection(endpoint, timeoutMs, events);
        conns.add(conn);
        conn.boundId = queueIds[head]!;
        conn.intendedAtMs = queueAt[head++]!;
        bound++;
        conn.connect(); // onReady sends it
        continue;
      }
      conn.boundId = queueIds[head]!;
      conn.intendedAtMs = queueAt[head++]!;
      bound++;
      sendOn(conn);
    }
    if (head > 1024 && head * 2 > queueIds.length) {
      queueIds = queueIds.slice(head);
      queueAt = queueAt.slice(head);
      head = 0;
    }
  };
  const outstanding = (): number => bound + queueIds.length - head;
  let flush: NodeJS.Immediate | undefined;
  const flushBatch = (): void => {
    flush = undefined;
    if (phase === 'done') return;
    if (phase === 'window') admitDue(performance.now());
    dispatch();
    settle();
  };
  const settle = (): void => {
    if (phase === 'grace' && outstanding() === 0) finish();
  };

  const events: ConnectionEvents = {
    onReady(c) {
      const conn = c as OpenConnection;
      if (phase === 'done') return;
      if (conn.boundId >= 0) sendOn(conn);
      else {
        idle.push(conn);
        dispatch();
      }
    },
    onAnswer(c, status, body, id, sentAtMs) {
      const conn = c as OpenConnection;
      if (phase === 'done') return;
      const now = performance.now();
      const intendedAt = conn.intendedAtMs;
      conn.boundId = -1;
      bound--;
      requests++;
      if (status >= 200 && status < 300) {
        const latencyMs = now - intendedAt;
        corrected.recordMs(latencyMs);
        uncorrected.recordMs(now - sentAtMs);
        if (body === expectedBody?.(id) || !validate || safeValidate(validate, status, body, id)) {
          if (countsTowardRate(intendedAt, now, windowEndAt, rateGraceMs((windowEndAt - startAt) / 1000, timeoutMs))) goodInWindow++;
          perSecond.recordAnswer(now, latencyMs);
        } else {
          wrongBodies++;
          perSecond.recordError(now);
        }
      } else {
        non2xx++;
        perSecond.recordError(now);
      }
      if (conn.ready) idle.push(conn);
      if (batchSends) {
        // What fell due is sent once this loop pass has read every ready answer (see
        // lean-closed-driver.ts: the server is woken once per batch, not per request).
        flush ??= setImmediate(flushBatch);
      } else {
        if (phase === 'window') admitDue(now);
        dispatch();
      }
      settle();
    },
    onClosed(c, problem) {
      const conn = c as OpenConnection;
      conns.delete(conn);
      if (phase === 'done') return;
      if (conn.boundId >= 0) {
        // The request it carried (or waited to send after the connect) is lost.
        conn.boundId = -1;
        bound--;
        errors++;
        perSecond.recordError(performance.now());
      }
      // A connection lost while idle cost no request (and a problem then is the connect's,
      // which always carries a bound request): nothing to count.
      void problem;
      dispatch();
      settle();
    },
  };

  const sweeper = setInterval(
    () => {
      const now = performance.now();
      for (const conn of conns) {
        if (now <= conn.deadlineMs) continue;
        if (conn.boundId >= 0) {
          conn.boundId = -1;
          bound--;
          timeouts++;
          perSecond.recordError(now);
        }
        void conn.close(); // onClosed drops it; dispatch opens another on demand
      }
      settle();
    },
    Math.min(1000, Math.max(5, timeoutMs / 10)),
  );

  let timer: { kind: 'timeout'; handle: NodeJS.Timeout } | { kind: 'immediate'; handle: NodeJS.Immediate } | undefined;
  let graceTimer: NodeJS.Timeout | undefined;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));

  let spinFrom: number | undefined;
  const tick = (): void => {
    timer = undefined;
    if (phase !== 'window') return;
    const now = performance.now();
    if (spinFrom !== undefined) spinMs += now - spinFrom;
    spinFrom = undefined;
    admitDue(now);
    dispatch();
    const waitMs = nextAt - now;
    if (nextAt >= windowEndAt) timer = { kind: 'timeout', handle: setTimeout(() => endWindow(), Math.max(0, windowEndAt - now)) };
    else if (waitMs > sleepMarginMs) timer = { kind: 'timeout', handle: setTimeout(tick, waitMs - sleepMarginMs) };
    else if (spinMs < spinBudgetFraction * (now - startAt)) {
      spinFrom = now;
      timer = { kind: 'immediate', handle: setImmediate(tick) };
    } else timer = { kind: 'timeout', handle: setTimeout(tick, waitMs) };
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
    clearInterval(sweeper);
    if (flush) clearImmediate(flush);
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
    phase = 'done';
    clearInterval(sweeper);
    await Promise.all([...conns].map((conn) => conn.close()));
  }
  return result((windowEndAt - startAt) / 1000);
}

/** Waits for a moment on the performance.now() clock: a timer, then polling for the last ms. */
async function sleepUntil(atMs: number): Promise<void> {
  const waitMs = atMs - performance.now();
  if (waitMs > 2) await new Promise((resolve) => setTimeout(resolve, waitMs - 2));
  while (performance.now() < atMs) await new Promise((resolve) => setImmediate(resolve));
}

function safeValidate(validate: NonNullable<OpenModelOptions['validate']>, status: number, body: string, id: number): boolean {
  try {
    return validate(status, body, id);
  } catch {
    return false;
  }
}
