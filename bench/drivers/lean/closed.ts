/**
 * Closed-model load written by hand on raw `node:net` sockets: C keep-alive connections,
 * each sends its next request when the last one answered. The default closed driver;
 * autocannon (closed-driver.ts) stays as `--driver autocannon`. Same options, result and
 * semantics as runClosedLoad: warm-up inside one continuous load, connections started in
 * staggered groups over staggerS, the measured window is the last durationS seconds counted
 * by completion time, every answer checked, latency per answer in a µs HDR histogram.
 *
 * Why by hand: the load generator shares the machine's 2 cores with the server, so every
 * µs it spends per request is taken from the server on a cheap workload. Side by side
 * with wrk (bench/tools/peer, --diagnose), autocannon cost ~31 µs of generator CPU per request
 * against wrk's ~12 µs: its setupRequest rebuilds the whole request each time (~9 µs), its
 * JS HTTP parser, events and histograms (~8 µs), JSON.parse in the body check (~3 µs), and
 * the header object it builds for onResponse (~1 µs). loopbench reached only 0.52-0.63 of
 * wrk's requests/s on noop. Here a request is one string from a prebuilt template with the
 * id spliced in (http1-connection.ts), the parser reads only the status, Content-Length /
 * chunked framing and Connection (http1-response-parser.ts), and a correct body is
 * recognised by comparing it with the exact expected string (`expectedBody`; the full
 * BodyCheck runs only on a mismatch or when no exact body is known).
 *
 * Counting: answers, non-2xx, wrong bodies (the first problem kept), errors (a socket
 * error, a protocol error, or a close that cuts a connect or a request short; the
 * connection reconnects and goes on, backing off up to 1 s while it keeps failing) and
 * timeouts (a connect or request older than timeoutS, found by a sweep every tenth of the
 * timeout, then the connection is replaced) are counted when they happen inside the window.
 * Always bounded in time: everything is closed after the window's grace or on abort.
 *
 * In-flight grace: when the window closes no new request is sent, but the requests still
 * in flight get up to the request timeout to answer (or to time out: counted as
 * timeouts). Their latencies join the histogram, so a blocked server's p99 covers its
 * whole queue rather than only the answers that happened to fit in the window; they are
 * counted (`inFlightAtEnd`, `answeredInGrace`) and never added to `requests` or `rps`,
 * which stay the window's. Without it a queue of C·S longer than the warm-up showed only
 * its first round. The per-second series covers the window only.
 *
 * Not supported, not needed for HTTP/1.1 on loopback: pipelining (one request in flight
 * per connection, as in the closed model), TLS, HTTP/2, request bodies, methods but GET.
 */
import type { ClientFigures } from '../../types.js';
import type { ClosedLoadOptions } from '../autocannon/closed.js';
import { endpointOf, Http1Connection, requestTemplate, type ConnectionEvents } from './http1-connection.js';
import { LatencyHistogram } from '../latency-histogram.js';
import { PerSecondSeries } from '../per-second-series.js';

export interface LeanClosedLoadOptions extends ClosedLoadOptions {
  /**
   * The exact body a correct answer to request `id` has, when it is known byte for byte
   * (validate-response.ts `expectedBodyFor`): compared as a string, the BodyCheck runs
   * only when it differs or is undefined.
   */
  expectedBody?: (id: number) => string | undefined;
}

/** As in closed-driver.ts: connections start in at most this many groups. */
const MAX_STAGGER_GROUPS = 10;
const DEFAULT_TIMEOUT_S = 10;
const MAX_BACKOFF_MS = 1000;

export async function runLeanClosedLoad(options: LeanClosedLoadOptions): Promise<ClientFigures> {
  const { connections, durationS, check, expectedBody, signal } = options;
  if (!(Number.isInteger(connections) && connections >= 1)) throw new RangeError(`connections must be an integer >= 1, got ${connections}`);
  if (!(Number.isFinite(durationS) && durationS > 0)) throw new RangeError(`durationS must be > 0, got ${durationS}`);
  const timeoutMs = (options.timeoutS ?? DEFAULT_TIMEOUT_S) * 1000;
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutS must be > 0, got ${options.timeoutS}`);
  const endpoint = endpointOf(options.url);
  const build = requestTemplate(options.pathFor, endpoint.hostHeader);

  const warmupS = options.warmupS ?? 0;
  const staggerS = connections > 1 ? (options.staggerS ?? 0) : 0;
  const groups = staggerS > 0 ? Math.min(connections, MAX_STAGGER_GROUPS) : 1;
  const groupGapMs = groups > 1 ? (staggerS * 1000) / groups : 0;
  const startMs = performance.now();
  // Every connection stops at the same moment; the window is the last durationS before it.
  const endMs = startMs + groupGapMs * (groups - 1) + (warmupS + durationS) * 1000;
  const windowStartMs = endMs - durationS * 1000;
  const inWindow = (now: number) => now >= windowStartMs && now <= endMs;

  const latency = LatencyHistogram.empty();
  const perSecond = new PerSecondSeries(windowStartMs, durationS);
  let responses2xx = 0, non2xx = 0, errors = 0, timeouts = 0, wrongBodies = 0;
  let firstWrong: string | undefined;
  let nextId = options.firstId ?? 1;
  /** No more requests or reconnects (the window closed, or abort). */
  let stopped = false;
  /** The window closed: in-flight answers still count, into the grace. */
  let inGrace = false;
  let inFlightAtEnd = 0, answeredInGrace = 0;
  let graceSettled: (() => void) | undefined;
  const conns: Http1Connection[] = [];
  const inFlightCount = () => conns.reduce((n, c) => n + (c.inFlightId >= 0 ? 1 : 0), 0);
  const checkGraceDone = () => {
    if (inGrace && inFlightCount() === 0) graceSettled?.();
  };
  const countsNow = (now: number) => inWindow(now) || inGrace;

  const sendNext = (conn: Http1Connection): void => {
    if (stopped || !conn.ready) return;
    const id = nextId++;
    conn.send(id, build(id));
  };
  // The next requests are written once this loop pass has read every answer that was ready
  // (setImmediate runs after the poll phase), as wrk does (it re-arms the write event and
  // writes on the next pass), instead of inside each answer's read callback: the server
  // is then woken once per batch of requests rather than once per request. Side by side
  // on nginx under load (issue 12), batching cut the generator's CPU per request and raised
  // requests/s in 6 of 6 interleaved pairs.
  let batch: Http1Connection[] = [];
  let flush: NodeJS.Immediate | undefined;
  const flushBatch = (): void => {
    flush = undefined;
    const conns = batch;
    batch = [];
    for (const conn of conns) sendNext(conn);
  };
  const sendSoon = (conn: Http1Connection): void => {
    batch.push(conn);
    flush ??= setImmediate(flushBatch);
  };
  const reconnect = (conn: Http1Connection): void => {
    if (!stopped) conn.connect();
  };
  const events: ConnectionEvents = {
    onReady: sendNext,
    onAnswer(conn, status, body, id, sentAtMs) {
      const now = performance.now();
      conn.failures = 0;
      if (now >= windowStartMs) {
        if (now > endMs && !inGrace) return;
        const late = now > endMs;
        if (status >= 200 && status < 300) {
          if (late) answeredInGrace++;
          else responses2xx++;
          latency.recordMs(now - sentAtMs);
          perSecond.recordAnswer(now, now - sentAtMs);
          // Answers in the grace add their latency only; counts (requests, wrong bodies) are the window's.
          if (!late && body !== expectedBody?.(id)) {
            const problem = check(status, body, id);
            if (problem) {
              wrongBodies++;
              firstWrong ??= problem;
              perSecond.recordError(now);
            }
          }
        } else {
          non2xx++;
          perSecond.recordError(now);
        }
      }
      sendSoon(conn);
      checkGraceDone();
    },
    onClosed(conn, problem) {
      if (stopped) {
        // A request cut short in the grace is an error of the window's.
        if (inGrace && problem) errors++;
        checkGraceDone();
        return;
      }
      if (problem) {
        const now = performance.now();
        if (inWindow(now)) {
          errors++;
          perSecond.recordError(now);
        }
        conn.failures++;
      }
      if (conn.failures <= 1) setImmediate(reconnect, conn);
      else conn.retryTimer = setTimeout(reconnect, Math.min(MAX_BACKOFF_MS, 10 * 2 ** (conn.failures - 2)), conn);
    },
  };

  const sweeper = setInterval(
    () => {
      const now = performance.now();
      for (const conn of conns) {
        if (now <= conn.deadlineMs) continue;
        if (countsNow(now)) {
          timeouts++;
          perSecond.recordError(now);
        }
        void conn.close(); // onClosed reconnects it (not in the grace)
      }
    },
    Math.min(1000, Math.max(5, timeoutMs / 10)),
  );
  const timers: NodeJS.Timeout[] = [];
  const startGroup = (group: number): void => {
    const size = Math.floor(connections / groups) + (group < connections % groups ? 1 : 0);
    for (let i = 0; i < size && !stopped; i++) {
      const conn = new Http1Connection(endpoint, timeoutMs, events);
      conns.push(conn);
      conn.connect();
    }
  };

  let stopAtMs = endMs;
  await new Promise<void>((resolve) => {
    const finish = () => {
      stopAtMs = Math.min(performance.now(), endMs);
      resolve();
    };
    if (signal?.aborted) return finish();
    signal?.addEventListener('abort', finish, { once: true });
    timers.push(setTimeout(() => (signal?.removeEventListener('abort', finish), finish()), endMs - startMs));
    if (options.onWindowStart) timers.push(setTimeout(options.onWindowStart, windowStartMs - startMs));
    startGroup(0);
    for (let group = 1; group < groups; group++) timers.push(setTimeout(startGroup, group * groupGapMs, group));
  });
  stopped = true;
  if (flush) clearImmediate(flush);
  for (const timer of timers) clearTimeout(timer);
  for (const conn of conns) clearTimeout(conn.retryTimer);
  inFlightAtEnd = inFlightCount();
  if (inFlightAtEnd > 0 && !signal?.aborted) {
    // Bounded: every request in flight was sent before endMs, so it answers or passes
    // its deadline (the sweeper counts it as a timeout) within timeoutMs.
    inGrace = true;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs + 100);
      const onAbort = () => resolve();
      signal?.addEventListener('abort', onAbort, { once: true });
      graceSettled = () => (clearTimeout(timer), signal?.removeEventListener('abort', onAbort), resolve());
      checkGraceDone();
    });
    inGrace = false;
  }
  clearInterval(sweeper);
  await Promise.all(conns.map((conn) => conn.close()));

  const measuredS = Math.max(0.001, stopAtMs - windowStartMs) / 1000;
  return {
    requests: responses2xx,
    durationS: measuredS,
    rps: responses2xx / measuredS,
    latencyMs: latency.figures(),
    errors,
    timeouts,
    non2xx,
    wrongBodies,
    ...(firstWrong ? { firstWrongBody: firstWrong } : {}),
    latencyHistogram: latency.encode(),
    perSecond: perSecond.points(),
    inFlightAtEnd,
    answeredInGrace,
  };
}
