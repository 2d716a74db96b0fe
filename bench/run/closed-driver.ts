/**
 * Closed-model load with autocannon: C connections, each sends its next request when the
 * last one answered, for durationS. Every request carries a fresh id and every answer is
 * checked (wrong bodies are counted, not trusted). Latency is recorded from autocannon's
 * per-response float durations into our own µs HDR histogram.
 */
import autocannon from 'autocannon';
import type { ClientFigures } from '../types.js';
import { LatencyHistogram } from './latency-histogram.js';
import type { BodyCheck } from './validate-response.js';

export interface ClosedLoadOptions {
  url: string;
  /** Builds the path for request id N (e.g. `/work?id=N`). */
  pathFor(id: number): string;
  connections: number;
  durationS: number;
  check: BodyCheck;
  /** Per-request timeout, s. */
  timeoutS?: number;
  signal?: AbortSignal;
  /** First request id (so concurrent loads use disjoint ids). */
  firstId?: number;
}

interface RequestContext {
  id?: number;
}

export async function runClosedLoad(options: ClosedLoadOptions): Promise<ClientFigures> {
  const latency = new LatencyHistogram();
  let nextId = options.firstId ?? 1;
  let wrongBodies = 0;
  let firstWrong: string | undefined;
  let responses2xx = 0;
  let non2xx = 0;

  const startedAtMs = performance.now();
  let finish: (result: autocannon.Result) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const options_: autocannon.Options = {
    url: options.url,
    connections: options.connections,
    duration: options.durationS,
    timeout: options.timeoutS ?? 10,
    // autocannon's own latency table is whole ms; ours is recorded below.
    requests: [
      {
        method: 'GET',
        setupRequest: (request: autocannon.Request, context: object) => {
          const id = nextId++;
          (context as RequestContext).id = id;
          return { ...request, path: options.pathFor(id) };
        },
        onResponse: (status: number, body: string, context: object) => {
          const problem = options.check(status, body, (context as RequestContext).id ?? -1);
          if (problem && status >= 200 && status < 300) {
            wrongBodies++;
            firstWrong ??= problem;
          }
        },
      },
    ],
  };
  const instance = autocannon(options_, (error, result) => (error ? fail(error) : finish(result)));

  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
    if (statusCode >= 200 && statusCode < 300) {
      responses2xx++;
      latency.recordMs(responseTimeMs);
    } else non2xx++;
  });
  const onAbort = () => instance.stop();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const result = await done;
  options.signal?.removeEventListener('abort', onAbort);
  const elapsedS = (performance.now() - startedAtMs) / 1000;
  const durationS = Math.min(elapsedS, Math.max(options.durationS, 0.001));

  return {
    requests: responses2xx,
    durationS,
    rps: responses2xx / durationS,
    latencyMs: latency.figures(),
    errors: Math.max(0, result.errors - result.timeouts),
    timeouts: result.timeouts,
    non2xx,
    wrongBodies,
    ...(firstWrong ? { firstWrongBody: firstWrong } : {}),
  };
}
