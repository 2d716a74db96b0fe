/**
 * The upstream of the `upstream` workload (the websites of the article's scraping
 * example): a plain node:http server in its own process.
 *
 * `GET /?q=N&ms=D` answers after D ms (default: the configured upstreamMs) with the
 * decimal text of `upstreamValueOf(N)`, so the caller's result can be checked.
 * `GET /health` answers at once.
 *
 * Forked by the harness (bench/run/resources/upstream.ts) with an UpstreamConfig in
 * argv[2] and an IPC channel: it listens on 127.0.0.1 port 0, reports
 * `{type:'ready', url, pid}`, and exits on SIGTERM or when the IPC channel closes.
 * Run by hand (`npm run upstream [-- '{"port":8081}']`) it prints its URL on stdout.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { upstreamValueOf } from './workloads/upstream.js';

export interface UpstreamConfig {
  host?: string;
  port?: number;
  /** Delay when a request names none, in ms. */
  upstreamMs?: number;
}

export type UpstreamToParent = { type: 'ready'; url: string; pid: number };

const config = JSON.parse(process.argv[2] ?? '{}') as UpstreamConfig;
const host = config.host ?? '127.0.0.1';
const defaultMs = config.upstreamMs ?? 50;

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://upstream');
  if (url.pathname === '/health') {
    response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  const q = Number(url.searchParams.get('q') ?? 0);
  const ms = Number(url.searchParams.get('ms') ?? defaultMs);
  if (url.pathname !== '/' || !Number.isSafeInteger(q) || !(ms >= 0)) {
    response.writeHead(400, { 'content-type': 'text/plain' }).end('usage: GET /?q=<integer>&ms=<delay>');
    return;
  }
  const body = String(upstreamValueOf(q));
  const answer = () => response.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length }).end(body);
  if (ms === 0) answer();
  else setTimeout(answer, ms);
});
// Thousands of connections from the fan-out sweep: keep them open between requests
// (longer than the client's keep-alive), never time a slow request out.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.requestTimeout = 0;
server.maxHeadersCount = 50;

server.listen({ host, port: config.port ?? 0, backlog: 4096 }, () => {
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (process.send) process.send({ type: 'ready', url, pid: process.pid } satisfies UpstreamToParent);
  else process.stdout.write(`${url}\n`);
});

const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
