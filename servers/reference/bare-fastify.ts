/**
 * The reference point for the strategy layer's cost: a bare fastify hello-world that
 * answers the noop body straight from the route, with none of loopbench's layers (no
 * strategy, no workload registry, no telemetry hook). It speaks the same start-up
 * protocol as servers/serve.ts so the harness measures it the same way.
 */
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import type { ServerConfig } from '../protocol.js';

const config = JSON.parse(process.argv[2] ?? '{}') as Partial<ServerConfig>;
const app = Fastify({ logger: false });
app.get<{ Querystring: { id?: string } }>('/work', async (request) => {
  const id = Number(request.query.id ?? 0);
  return { workload: 'noop', id, value: id };
});
await app.listen({ host: config.host ?? '127.0.0.1', port: 0 });
const { port } = app.server.address() as AddressInfo;
const stop = () => {
  app.server.closeAllConnections?.();
  void app.close().then(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('disconnect', stop);
process.on('message', (message: { type: string }) => {
  if (message.type === 'collect') {
    const zero = { mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
    process.send?.({ type: 'telemetry', telemetry: { eventLoopDelayMs: zero, eventLoopUtilization: 0, requestsServed: 0, serverProcesses: 1 } });
  }
});
process.send?.({ type: 'ready', url: `http://${config.host ?? '127.0.0.1'}:${port}`, pid: process.pid });
