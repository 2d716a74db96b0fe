import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A node:http server on 127.0.0.1, port 0 (loopback only, always). */
export async function startServer(handler: http.RequestListener): Promise<TestServer> {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The `id` query parameter of a request URL. */
export function idOf(req: http.IncomingMessage): number {
  return Number(new URL(req.url ?? '/', 'http://x').searchParams.get('id'));
}

/** The shape the loopbench servers answer: `{"workload","id","value"}`. */
export function workBody(id: number): string {
  return JSON.stringify({ workload: 'sleep', id, value: 0 });
}

export function validWorkBody(status: number, body: string, id: number): boolean {
  const parsed = JSON.parse(body) as { workload?: unknown; id?: unknown };
  return status === 200 && parsed.workload === 'sleep' && parsed.id === id;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
