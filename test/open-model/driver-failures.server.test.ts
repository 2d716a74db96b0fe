/**
 * The driver's accounting when things go wrong: every scheduled request ends up as a
 * response, an error or a timeout, and the driver always stops by itself. Short loads,
 * loopback only (127.0.0.1).
 */
import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrivalOffsetsMs } from '../../bench/drivers/open-model/arrival-schedule.js';
import { runOpenModel } from '../../bench/drivers/open-model/driver.js';
import { idOf, startServer, validWorkBody, workBody, type TestServer } from './helpers.js';

let hanging: TestServer;
let faulty: TestServer;
const held: http.ServerResponse[] = [];
const seenPaths: string[] = [];

beforeAll(async () => {
  // Never answers (until closed).
  hanging = await startServer((_req, res) => void held.push(res));
  // id % 10 == 0: 500; id % 10 == 1: a 200 with someone else's id; otherwise a right answer.
  faulty = await startServer((req, res) => {
    seenPaths.push(req.url ?? '');
    const id = idOf(req);
    res.statusCode = id % 10 === 0 ? 500 : 200;
    res.setHeader('content-type', 'application/json');
    res.end(workBody(id % 10 === 1 ? id + 1 : id));
  });
});

afterAll(async () => {
  for (const res of held) res.destroy();
  await Promise.all([hanging?.close(), faulty?.close()]);
});

describe('open-model driver, failures', () => {
  it('counts unanswered requests as timeouts after a bounded grace, never drops them', async () => {
    const opts = { path: '/work', ratePerS: 40, durationS: 0.5, arrival: 'uniform', maxConnections: 2, timeoutMs: 300 } as const;
    const t0 = performance.now();
    const f = await runOpenModel({ url: hanging.url, ...opts });
    const elapsedMs = performance.now() - t0;
    const scheduled = arrivalOffsetsMs(opts, opts.durationS * 1000).length;
    expect(scheduled).toBe(20);
    expect(f.requests).toBe(0);
    expect(f.errors + f.timeouts).toBe(scheduled);
    expect(f.timeouts).toBeGreaterThan(0);
    expect(f.rps).toBe(0);
    expect(f.latencyMs.p99).toBe(0);
    // window + grace (timeoutMs), plus slack for a loaded machine
    expect(elapsedMs).toBeLessThan(opts.durationS * 1000 + opts.timeoutMs + 4000);
  });

  it('counts non-2xx and wrong bodies separately, and appends a fresh id to the path', async () => {
    seenPaths.length = 0;
    const f = await runOpenModel({
      url: faulty.url, path: '/work?variant=fast', ratePerS: 100, durationS: 1, arrival: 'uniform', maxConnections: 4, validate: validWorkBody,
    });
    expect(f.requests).toBe(100);
    expect(f.non2xx).toBe(10);
    expect(f.wrongBodies).toBe(10);
    expect([f.errors, f.timeouts]).toEqual([0, 0]);
    expect(seenPaths[0]).toBe('/work?variant=fast&id=1');
    expect(new Set(seenPaths).size).toBe(100);
  });

  it('counts refused connections as errors', async () => {
    const closed = await startServer(() => undefined);
    await closed.close(); // nothing listens on that port any more
    const f = await runOpenModel({ url: closed.url, path: '/work', ratePerS: 50, durationS: 0.4, arrival: 'uniform', maxConnections: 2, timeoutMs: 500 });
    expect(f.requests).toBe(0);
    expect(f.errors + f.timeouts).toBe(20);
    expect(f.errors).toBeGreaterThan(0);
  });

  it('stops early on abort, with the window cut where it was aborted', async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 500);
    const t0 = performance.now();
    const f = await runOpenModel({
      url: faulty.url, path: '/work', ratePerS: 100, durationS: 30, arrival: 'poisson', seed: 7, maxConnections: 4, signal: controller.signal,
    });
    clearTimeout(timer);
    // Stopped at once: far from the 30 s it would run without the abort.
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(f.durationS).toBeGreaterThan(0.4);
    expect(f.durationS).toBeLessThan(4);
    expect(f.requests).toBeGreaterThan(20);
    expect(f.errors).toBe(0);
  });

  it('leaves no socket, timer or immediate behind once it returns', async () => {
    await runOpenModel({ url: faulty.url, path: '/work', ratePerS: 100, durationS: 0.3, arrival: 'uniform', maxConnections: 8 });
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the servers see the FINs
    // Only the two listening servers (TCPServerWrap) and vitest's pipes may remain.
    const leftovers = process.getActiveResourcesInfo().filter((r) => ['TCPWrap', 'Timeout', 'Immediate'].includes(r));
    expect(leftovers).toEqual([]);
  });
});

describe('open-model driver, recorded fields', () => {
  it('fills the encoded histograms and the per-second series from the 2xx answers', async () => {
    const { LatencyHistogram } = await import('../../bench/drivers/latency-histogram.js');
    const f = await runOpenModel({
      url: faulty.url, path: '/work', ratePerS: 100, durationS: 1, arrival: 'uniform', maxConnections: 4, validate: validWorkBody,
    });
    const answers2xx = f.requests - f.non2xx;
    expect(LatencyHistogram.decode(f.latencyHistogram!).count).toBe(answers2xx);
    expect(LatencyHistogram.decode(f.uncorrectedLatencyHistogram!).count).toBe(answers2xx);
    expect(f.perSecond).toHaveLength(1);
    // Right answers and failures (non-2xx, wrong bodies) in the window, each counted once.
    const p = f.perSecond![0]!;
    expect(p.completed + p.errors).toBeLessThanOrEqual(f.requests);
    expect(p.errors).toBeGreaterThan(0);
    // rps counts only the right answers: 80 of every 100 here.
    expect(Math.round(f.rps * f.durationS)).toBeLessThanOrEqual(80);
  });
});
