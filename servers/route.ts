import Fastify, { type FastifyInstance } from 'fastify';
import type { Handler } from './strategies/types.js';
import type { LoopTelemetry } from './telemetry.js';
import { noop } from './workloads/noop.js';

interface WorkQuery {
  id?: string;
  variant?: string;
}

/** Busy-waits `ms` milliseconds on this thread (spins on performance.now(), no sleep). */
function spin(ms: number): void {
  const endMs = performance.now() + ms;
  while (performance.now() < endMs) {
    // busy: this is the injected cost
  }
}

/**
 * The gate's self-test hook (`--inject-slowdown PCT%`): a measured regression. The time
 * the handler call holds the event loop (its synchronous part: the whole work for
 * blocking and cluster, only the dispatch for async, worker-threads and child-process) is
 * measured per request, and busy work of `pct`% of it is added on the same loop, so
 * loop-bound work costs (1 + pct/100)x what it did. Work that does not hold the loop
 * (timer waits, pool tasks) is not stretched: spinning for a share of a timer's wait
 * would add loop time the request never used.
 */
export function withInjectedSlowdown(handle: Handler, pct: number | undefined): Handler {
  if (!pct || pct <= 0) return handle;
  return (req) => {
    const startMs = performance.now();
    const answer = handle(req);
    spin(((performance.now() - startMs) * pct) / 100);
    return answer;
  };
}

function requestIdOf(query: WorkQuery): number {
  const id = Number(query.id ?? 0);
  return Number.isSafeInteger(id) ? id : 0;
}

/**
 * The HTTP surface every strategy shares:
 * - `GET /work?id=N[&variant=V]`: the scenario's workload, run where the strategy says;
 * - `GET /noop?id=N`: the cheap route, answered at once on this process's event loop
 *   (the victim in head-of-line experiments);
 * - `GET /health`.
 */
export function buildApp(handle: Handler, telemetry: LoopTelemetry, injectSlowdownPct?: number): FastifyInstance {
  const work = withInjectedSlowdown(handle, injectSlowdownPct);
  const app = Fastify({ logger: false, keepAliveTimeout: 120_000, requestTimeout: 0 });
  // Counted on the raw server, not with a fastify hook: an async hook would add a promise
  // to every request, a cost the strategies' noop comparison with bare fastify would show.
  app.server.on('request', () => {
    telemetry.requestsServed++;
  });
  app.get<{ Querystring: WorkQuery }>('/work', async (request) => {
    const { variant } = request.query;
    return work({ id: requestIdOf(request.query), ...(variant ? { variant } : {}) });
  });
  app.get<{ Querystring: WorkQuery }>('/noop', async (request) => noop.runNonBlocking({}, { id: requestIdOf(request.query) }));
  app.get('/health', async () => ({ ok: true }));
  return app;
}
