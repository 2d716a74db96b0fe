/**
 * Diagnostic-only closed-model drivers on bare autocannon, used to take loopbench's
 * closed driver (bench/drivers/autocannon/closed.ts, left unchanged) apart: the same autocannon
 * instance and the same µs HDR latency recording, minus one feature at a time.
 *   fresh-id: setupRequest gives a fresh ?id=N (autocannon rebuilds the request buffer per
 *             request) but no onResponse (no body validation, no header-object rebuild);
 *   static:   one fixed path: autocannon's prebuilt request, the cheapest it can do.
 * The bodies are not checked here; that is the point of the variants.
 */
import autocannon from 'autocannon';
import type { ClientFigures } from '../../types.js';
import { LatencyHistogram } from '../../drivers/latency-histogram.js';

export interface BareAutocannonOptions {
  url: string;
  pathFor(id: number): string;
  mode: 'fresh-id' | 'static';
  connections: number;
  durationS: number;
  timeoutS?: number;
  signal?: AbortSignal;
}

export async function runBareAutocannon(options: BareAutocannonOptions): Promise<ClientFigures> {
  const latency = LatencyHistogram.empty();
  let nextId = 1;
  let responses2xx = 0;
  let non2xx = 0;
  const request: autocannon.Request =
    options.mode === 'fresh-id'
      ? {
          method: 'GET',
          setupRequest: (req: autocannon.Request) => ({ ...req, path: options.pathFor(nextId++) }),
        }
      : { method: 'GET', path: options.pathFor(1) };
  const startedAtMs = performance.now();
  let finish: (result: autocannon.Result) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: options.url,
      connections: options.connections,
      duration: options.durationS,
      timeout: options.timeoutS ?? 10,
      requests: [request],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
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
  const durationS = Math.min((performance.now() - startedAtMs) / 1000, options.durationS);
  return {
    requests: responses2xx,
    durationS,
    rps: responses2xx / durationS,
    latencyMs: latency.figures(),
    errors: Math.max(0, result.errors - result.timeouts),
    timeouts: result.timeouts,
    non2xx,
    wrongBodies: 0,
  };
}
