import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { expect } from 'vitest';

export interface TestServer {
  url: string;
  /** Connections accepted so far. */
  accepted(): number;
  /** Connections open now. */
  open(): Promise<number>;
  close(): Promise<void>;
}

/** A node:http server on 127.0.0.1, port 0 (loopback only). */
export async function startHttpServer(handler: http.RequestListener): Promise<TestServer> {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 30_000;
  let accepted = 0;
  server.on('connection', (_socket: Socket) => void accepted++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accepted: () => accepted,
    open: () => new Promise((resolve, reject) => server.getConnections((error, n) => (error ? reject(error) : resolve(n)))),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function idOf(req: http.IncomingMessage): number {
  return Number(new URL(req.url ?? '/', 'http://x').searchParams.get('id'));
}

export const noopBody = (id: number) => `{"workload":"noop","id":${id},"value":${id}}`;

/** Client sockets and timers this process holds (the driver must leave none behind). */
export function clientResources(): { sockets: number; timers: number } {
  const info = process.getActiveResourcesInfo();
  return { sockets: info.filter((r) => r === 'TCPSocketWrap').length, timers: info.filter((r) => r === 'Timeout').length };
}

/** After a load: no client socket left, the server sees no open connection (it may take a moment to notice). */
export async function expectNothingOpen(server: { open(): Promise<number> } | undefined, before: { timers: number }): Promise<void> {
  const deadline = performance.now() + 2000;
  while (server && (await server.open()) > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  if (server) expect(await server.open()).toBe(0);
  const after = clientResources();
  expect(after.sockets).toBe(0);
  expect(after.timers).toBeLessThanOrEqual(before.timers);
}
