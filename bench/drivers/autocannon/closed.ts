/**
 * Closed-model load with autocannon: C connections, each sends its next request when the
 * last one answered. Every request carries a fresh id and every answer is checked (wrong
 * bodies are counted, not trusted). Latency is recorded from autocannon's per-response
 * float durations into our own µs HDR histogram (autocannon's own table is whole ms).
 *
 * Warm-up and measurement are one continuous load: the measured window is the last
 * `durationS` seconds, so there is no restart in between (a blocked server would
 * otherwise spend the window working off the warm-up's backlog). Connections start in
 * staggered groups over `staggerS` (typically one service time), because C connections
 * that start together stay in lockstep under a constant service time S, and a window of a
 * few S then counts a whole or a missing cycle of C answers: a ±S/D error in requests/s.
 * Unlike the lean driver, requests in flight at the window's end are dropped (autocannon
 * stops its clients at the duration): no in-flight grace here.
 */
import autocannon from 'autocannon';
import type { ClientFigures } from '../../types.js';
import { LatencyHistogram } from '../latency-histogram.js';
import { PerSecondSeries } from '../per-second-series.js';
import type { BodyCheck } from '../../run/validate-response.js';

export interface ClosedLoadOptions {
  url: string;
  /** Builds the path for request id N (e.g. `/work?id=N`). */
  pathFor(id: number): string;
  connections: number;
  /** Load before the measured window (same connections, not counted). */
  warmupS?: number;
  durationS: number;
  /** Spread the connections' start over this long (0: all at once). */
  staggerS?: number;
  check: BodyCheck;
  /** Called when the measured window opens (reset server telemetry, start samplers). */
  onWindowStart?: () => void;
  /** Per-request timeout, s. */
  timeoutS?: number;
  signal?: AbortSignal;
  /** First request id (so concurrent loads use disjoint ids). */
  firstId?: number;
}

interface RequestContext {
  id?: number;
}

const MAX_STAGGER_GROUPS = 10;

class WindowCounters {
  readonly latency = LatencyHistogram.empty();
  constructor(readonly perSecond: PerSecondSeries) {}
  responses2xx = 0;
  non2xx = 0;
  errors = 0;
  timeouts = 0;
  wrongBodies = 0;
  firstWrong: string | undefined;
}

export async function runClosedLoad(options: ClosedLoadOptions): Promise<ClientFigures> {
  const warmupS = options.warmupS ?? 0;
  const staggerS = options.connections > 1 ? (options.staggerS ?? 0) : 0;
  const groups = staggerS > 0 ? Math.min(options.connections, MAX_STAGGER_GROUPS) : 1;
  const groupGapMs = groups > 1 ? (staggerS * 1000) / groups : 0;
  const startMs = performance.now();
  // Every group ends at the same moment; the window is the last durationS before it.
  const endMs = startMs + groupGapMs * (groups - 1) + (warmupS + options.durationS) * 1000;
  const windowStartMs = endMs - options.durationS * 1000;
  const inWindow = () => {
    const now = performance.now();
    return now >= windowStartMs && now <= endMs;
  };
  const counters = new WindowCounters(new PerSecondSeries(windowStartMs, options.durationS));
  let nextId = options.firstId ?? 1;
  const instances: autocannon.Instance[] = [];
  let stopped = false;

  const runGroup = (group: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const groupConnections = Math.floor(options.connections / groups) + (group < options.connections % groups ? 1 : 0);
      const durationS = Math.max(0.001, (endMs - performance.now()) / 1000);
      if (stopped || groupConnections === 0) return resolve();
      const instance = autocannon(
        {
          url: options.url,
          connections: groupConnections,
          duration: durationS,
          timeout: options.timeoutS ?? 10,
          requests: [
            {
              method: 'GET',
              setupRequest: (request: autocannon.Request, context: object) => {
                const id = nextId++;
                (context as RequestContext).id = id;
                return { ...request, path: options.pathFor(id) };
              },
              onResponse: (status: number, body: string, context: object) => {
                if (status < 200 || status >= 300 || !inWindow()) return;
                const problem = options.check(status, body, (context as RequestContext).id ?? -1);
                if (problem) {
                  counters.wrongBodies++;
                  counters.firstWrong ??= problem;
                  counters.perSecond.recordError(performance.now());
                }
              },
            },
          ],
        },
        (error) => (error ? reject(error) : resolve()),
      );
      instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
        if (!inWindow()) return;
        if (statusCode >= 200 && statusCode < 300) {
          counters.responses2xx++;
          counters.latency.recordMs(responseTimeMs);
          counters.perSecond.recordAnswer(performance.now(), responseTimeMs);
        } else {
          counters.non2xx++;
          counters.perSecond.recordError(performance.now());
        }
      });
      instance.on('reqError', (error: Error) => {
        if (!inWindow()) return;
        if (error.message === 'request timed out') counters.timeouts++;
        else counters.errors++;
        counters.perSecond.recordError(performance.now());
      });
      instances.push(instance);
    });

  const onAbort = () => {
    stopped = true;
    for (const instance of instances) instance.stop();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const windowTimer = options.onWindowStart ? setTimeout(options.onWindowStart, windowStartMs - startMs) : undefined;
  try {
    await Promise.all(
      Array.from({ length: groups }, (_, group) =>
        group === 0 ? runGroup(0) : new Promise<void>((resolve) => setTimeout(resolve, group * groupGapMs)).then(() => runGroup(group)),
      ),
    );
  } finally {
    clearTimeout(windowTimer);
    options.signal?.removeEventListener('abort', onAbort);
  }
  const measuredS = Math.max(0.001, Math.min(performance.now(), endMs) - windowStartMs) / 1000;
  return {
    requests: counters.responses2xx,
    durationS: measuredS,
    rps: counters.responses2xx / measuredS,
    latencyMs: counters.latency.figures(),
    errors: counters.errors,
    timeouts: counters.timeouts,
    non2xx: counters.non2xx,
    wrongBodies: counters.wrongBodies,
    ...(counters.firstWrong ? { firstWrongBody: counters.firstWrong } : {}),
    latencyHistogram: counters.latency.encode(),
    perSecond: counters.perSecond.points(),
  };
}
