import Fastify, { type FastifyInstance } from 'fastify';
import type { Handler } from './strategies/types.js';
import type { LoopTelemetry } from './telemetry.js';
import { noop } from './workloads/noop.js';

interface WorkQuery {
  id?: string;
  variant?: string;
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
export function buildApp(handle: Handler, telemetry: LoopTelemetry): FastifyInstance {
  const app = Fastify({ logger: false, keepAliveTimeout: 120_000, requestTimeout: 0 });
  // Counted on the raw server, not with a fastify hook: an async hook would add a promise
  // to every request, a cost the strategies' noop comparison with bare fastify would show.
  app.server.on('request', () => {
    telemetry.requestsServed++;
  });
  app.get<{ Querystring: WorkQuery }>('/work', async (request) => {
    const { variant } = request.query;
    return handle({ id: requestIdOf(request.query), ...(variant ? { variant } : {}) });
  });
  app.get<{ Querystring: WorkQuery }>('/noop', async (request) => noop.runNonBlocking({}, { id: requestIdOf(request.query) }));
  app.get('/health', async () => ({ ok: true }));
  return app;
}
