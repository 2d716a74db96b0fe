/**
 * Coordinated omission, demonstrated: a server whose event loop stalls (busy-wait) for 1 s
 * at t = 1 s and t = 3 s of a 5 s run at 200 requests/s, reached through only 2 connections.
 *
 * The server runs in a worker thread so its stall blocks only its own event loop; the
 * driver keeps its schedule on the test's thread. Loopback only (127.0.0.1).
 *
 * Why corrected and uncorrected latency part ways: during a stall the 2 connections each
 * carry one request the server cannot answer, so the ~200 requests scheduled during the
 * stall queue on the client side (lateSends). When the stall ends they are sent in a burst
 * and answered at once: timed from their ACTUAL send they look fast, which is the
 * coordinated-omission lie a closed-loop tool tells; timed from their INTENDED send they
 * waited up to ~1 s, spread evenly over 0..1 s, i.e. ~40% of all samples, so the
 * corrected p99 is near 1 s. Only the requests in flight when a stall begins (at most
 * maxConnections x 2 stalls = 4 of ~1000, 0.4%) show the stall in the uncorrected view,
 * which leaves its p99 (the 10th-largest sample) at the healthy level. With more
 * connections than 1% of the samples (e.g. 8 at 100/s) the uncorrected p99 would catch
 * the stall too; with unbounded connections every stalled request would be in flight and
 * both views would agree.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrivalOffsetsMs } from '../../bench/drivers/open-model/arrival-schedule.js';
import { runOpenModel } from '../../bench/drivers/open-model/driver.js';
import { validWorkBody } from './helpers.js';

const STALL_AT_MS = [1000, 3000];
const STALL_MS = 1000;

// CommonJS source for an eval'd worker: a node:http server on 127.0.0.1:0 that answers at
// once and, on 'start', schedules its event-loop stalls relative to that moment.
const SERVER_SOURCE = `
const http = require('node:http');
const { parentPort } = require('node:worker_threads');
const server = http.createServer((req, res) => {
  const id = Number(new URL(req.url, 'http://x').searchParams.get('id'));
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ workload: 'sleep', id, value: 0 }));
});
server.keepAliveTimeout = 30000;
const timers = [];
parentPort.on('message', (msg) => {
  if (msg.type === 'start') {
    for (const at of msg.stallAtMs) timers.push(setTimeout(() => {
      const end = Date.now() + msg.stallMs;
      while (Date.now() < end) {} // the whole event loop is blocked
    }, at));
  } else if (msg.type === 'stop') {
    for (const t of timers) clearTimeout(t);
    server.closeAllConnections();
    server.close(() => parentPort.close());
  }
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
`;

let worker: Worker;
let url: string;

beforeAll(async () => {
  worker = new Worker(SERVER_SOURCE, { eval: true });
  const [msg] = (await once(worker, 'message')) as [{ port: number }];
  url = `http://127.0.0.1:${msg.port}`;
});

afterAll(async () => {
  if (!worker) return;
  const exited = once(worker, 'exit');
  worker.postMessage({ type: 'stop' });
  const timeout = setTimeout(() => void worker.terminate(), 2000);
  await exited;
  clearTimeout(timeout);
});

describe('open-model driver, stalling server (coordinated omission)', () => {
  it('corrected p99 shows the 1 s stalls, uncorrected p99 hides them', async () => {
    const ratePerS = 200;
    const durationS = 5;
    worker.postMessage({ type: 'start', stallAtMs: STALL_AT_MS, stallMs: STALL_MS });
    const f = await runOpenModel({
      url, path: '/work', ratePerS, durationS, arrival: 'uniform', maxConnections: 2, validate: validWorkBody,
    });
    const scheduled = arrivalOffsetsMs({ ratePerS, arrival: 'uniform' }, durationS * 1000).length;
    console.log('stall:', JSON.stringify({ rps: f.rps, requests: f.requests, lateSends: f.lateSends, corrected: f.latencyMs, uncorrected: f.uncorrectedLatencyMs }));

    expect(f.requests + f.errors + f.timeouts).toBe(scheduled);
    expect([f.errors, f.timeouts, f.non2xx, f.wrongBodies]).toEqual([0, 0, 0, 0]);
    const corrected = f.latencyMs;
    const uncorrected = f.uncorrectedLatencyMs!;
    expect(corrected.p99).toBeGreaterThanOrEqual(300);
    expect(uncorrected.p99).toBeLessThan(corrected.p99 / 3);
    // The stall is still visible at the top of the uncorrected view (the in-flight requests).
    expect(uncorrected.max).toBeGreaterThan(300);
    // ~2 x 200 requests were due during the stalls but had no free connection.
    expect(f.lateSends!).toBeGreaterThan(200);
    // The queue drains after each stall, so the achieved rate still about matches (5%: on a
    // loaded machine the second drain can spill past the end of the window).
    expect(Math.abs(f.rps - ratePerS) / ratePerS).toBeLessThanOrEqual(0.05);
  });
});
