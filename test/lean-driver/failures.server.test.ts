/**
 * The lean closed driver when things go wrong, against small node:http servers on
 * 127.0.0.1: wrong bodies and non-2xx are counted (chunked answers included), a server
 * that drops or closes connections is survived with errors counted, a server that never
 * answers gives timeouts, a refused port gives errors, abort stops at once; every run ends
 * on time and leaves no socket or timer behind.
 */
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLeanClosedLoad } from '../../bench/drivers/lean/closed.js';
import { bodyCheckFor, expectedBodyFor, workPath } from '../../bench/run/validate-response.js';
import { clientResources, expectNothingOpen, idOf, noopBody, startHttpServer, type TestServer } from './helpers.js';

const noop = { pathFor: (id: number) => workPath(id), check: bodyCheckFor('noop', {}), expectedBody: expectedBodyFor('noop', {}) };

let faulty: TestServer;
let dropping: TestServer;
let closing: TestServer;
let hanging: TestServer;
const held: http.ServerResponse[] = [];

beforeAll(async () => {
  // id % 10: 0 → 500; 1 → a 200 with another request's id; 2, 5, 8 → a right answer sent chunked; else right.
  faulty = await startHttpServer((req, res) => {
    const id = idOf(req);
    res.setHeader('content-type', 'application/json');
    if (id % 10 === 0) res.statusCode = 500;
    const body = noopBody(id % 10 === 1 ? id + 1 : id);
    if (id % 3 === 2) {
      res.write(body.slice(0, 10));
      setImmediate(() => res.end(body.slice(10)));
    } else res.end(body);
  });
  // Every 5th request: the socket is destroyed without an answer.
  dropping = await startHttpServer((req, res) => {
    const id = idOf(req);
    if (id % 5 === 0) req.socket.destroy();
    else res.end(noopBody(id));
  });
  // Every answer says Connection: close (a clean close, not an error).
  closing = await startHttpServer((req, res) => {
    res.setHeader('connection', 'close');
    res.end(noopBody(idOf(req)));
  });
  hanging = await startHttpServer((_req, res) => void held.push(res));
});

afterAll(async () => {
  for (const res of held) res.destroy();
  await Promise.all([faulty, dropping, closing, hanging].map((s) => s?.close()));
});

describe('lean closed driver, failures', () => {
  it('counts non-2xx and wrong bodies (chunked answers read correctly) and keeps the first problem', async () => {
    const before = clientResources();
    const f = await runLeanClosedLoad({ url: faulty.url, ...noop, connections: 8, durationS: 1, warmupS: 0.2, staggerS: 0.05 });
    const total = f.requests + f.non2xx;
    expect(total).toBeGreaterThan(200);
    expect(f.non2xx / total).toBeGreaterThan(0.07);
    expect(f.non2xx / total).toBeLessThan(0.13);
    expect(f.wrongBodies / total).toBeGreaterThan(0.07);
    expect(f.wrongBodies / total).toBeLessThan(0.13);
    expect(f.firstWrongBody).toMatch(/^id \d+ instead of \d+$/);
    expect([f.errors, f.timeouts]).toEqual([0, 0]);
    await expectNothingOpen(faulty, before);
  });

  it('survives a server that drops connections mid-request: errors counted, reconnects, goes on', async () => {
    const before = clientResources();
    const acceptedBefore = dropping.accepted();
    const t0 = performance.now();
    const f = await runLeanClosedLoad({ url: dropping.url, ...noop, connections: 4, durationS: 1 });
    // Ends on its own: bounds an order above the window, so a busy machine cannot break them.
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(f.requests).toBeGreaterThan(100);
    expect(f.errors).toBeGreaterThan(0);
    // One request in five is dropped (ids are shared by the connections, so about a fifth).
    expect(f.errors / (f.errors + f.requests)).toBeGreaterThan(0.12);
    expect(f.errors / (f.errors + f.requests)).toBeLessThan(0.28);
    // Every error led to a reconnect, except at most one per connection when the window
    // closed: one still waiting to reconnect (its back-off timer, or the immediate), or one
    // whose request in flight was cut short in the in-flight grace. The load stops without it.
    expect(dropping.accepted() - acceptedBefore).toBeGreaterThanOrEqual(4 + f.errors - 4);
    expect([f.timeouts, f.non2xx, f.wrongBodies]).toEqual([0, 0, 0]);
    await expectNothingOpen(dropping, before);
  });

  it('reconnects without an error after Connection: close', async () => {
    const before = clientResources();
    const f = await runLeanClosedLoad({ url: closing.url, ...noop, connections: 4, durationS: 1 });
    expect(f.requests).toBeGreaterThan(50);
    expect([f.errors, f.timeouts, f.non2xx, f.wrongBodies]).toEqual([0, 0, 0, 0]);
    await expectNothingOpen(closing, before);
  });

  it('counts timeouts against a server that never answers, and ends on time', async () => {
    const before = clientResources();
    const t0 = performance.now();
    const f = await runLeanClosedLoad({ url: hanging.url, ...noop, connections: 4, durationS: 1, timeoutS: 0.3 });
    const elapsedMs = performance.now() - t0;
    expect(elapsedMs).toBeLessThan(5000);
    expect(f.requests).toBe(0);
    // 4 connections, a 0.3 s timeout in a 1 s window: at most 4 rounds of 4 (timers never
    // fire early), at least one (a busy machine only delays them).
    expect(f.timeouts).toBeGreaterThanOrEqual(4);
    expect(f.timeouts).toBeLessThanOrEqual(16);
    expect(f.errors).toBe(0);
    expect(f.rps).toBe(0);
    for (const res of held.splice(0)) res.destroy();
    await expectNothingOpen(hanging, before);
  });

  it('counts refused connections as errors, backs off, and ends on time', async () => {
    const gone = await startHttpServer(() => undefined);
    await gone.close(); // nothing listens on that port any more
    const before = clientResources();
    const t0 = performance.now();
    const f = await runLeanClosedLoad({ url: gone.url, ...noop, connections: 4, durationS: 1 });
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(f.requests).toBe(0);
    expect(f.errors).toBeGreaterThan(4);
    expect(f.errors).toBeLessThan(4 * 20); // the back-off bounds the retries (10, 20, 40 ... ms)
    await expectNothingOpen(undefined, before);
  });

  it('stops at once on abort, the window cut where it was aborted', async () => {
    const before = clientResources();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 400);
    const t0 = performance.now();
    const f = await runLeanClosedLoad({ url: faulty.url, ...noop, connections: 4, durationS: 30, signal: controller.signal });
    // Stopped at once: far from the 30 s it would run without the abort.
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(f.durationS).toBeGreaterThan(0.3);
    expect(f.durationS).toBeLessThan(4);
    expect(f.requests).toBeGreaterThan(0);
    await expectNothingOpen(faulty, before);
  });

  it('starts connections in staggered groups and opens the window after the warm-up', async () => {
    const before = clientResources();
    const acceptedBefore = faulty.accepted();
    const t0 = performance.now();
    let windowAtMs = 0;
    const f = await runLeanClosedLoad({
      url: faulty.url,
      ...noop,
      connections: 20,
      warmupS: 0.5,
      staggerS: 0.2,
      durationS: 0.5,
      onWindowStart: () => (windowAtMs = performance.now() - t0),
    });
    // Window = 10 groups, 20 ms apart: the last starts at 180 ms; the window opens 500 ms after it.
    expect(windowAtMs).toBeGreaterThan(650);
    expect(windowAtMs).toBeLessThan(3000); // a lower bound is physics (timers never fire early); this one only catches a hang
    expect(f.durationS).toBeGreaterThanOrEqual(0.49);
    expect(f.durationS).toBeLessThan(1.5);
    expect(faulty.accepted() - acceptedBefore).toBe(20); // every connection opened once, kept alive
    await expectNothingOpen(faulty, before);
  });

  it('refuses what it cannot do', async () => {
    await expect(runLeanClosedLoad({ url: 'https://127.0.0.1:1', ...noop, connections: 1, durationS: 1 })).rejects.toThrow(/plain http/);
    await expect(runLeanClosedLoad({ url: faulty.url, ...noop, connections: 0, durationS: 1 })).rejects.toThrow(/connections/);
  });
});
