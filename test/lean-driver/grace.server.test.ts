/**
 * The lean closed driver's in-flight grace, against a node:http server that answers one
 * request at a time, 40 ms each (a blocked event loop in miniature): at the window's end
 * every connection has a request queued, and those answers, which wait up to C·S, join
 * the histogram and are counted, but not the window's requests/s. Plus the per-second
 * series and the encoded histogram every run now keeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../bench/drivers/latency-histogram.js';
import { runLeanClosedLoad } from '../../bench/drivers/lean/closed.js';
import { bodyCheckFor, expectedBodyFor, workPath } from '../../bench/run/validate-response.js';
import { clientResources, expectNothingOpen, idOf, noopBody, startHttpServer, type TestServer } from './helpers.js';

const SERVICE_MS = 40;
const CONNECTIONS = 8;
const noop = { pathFor: (id: number) => workPath(id), check: bodyCheckFor('noop', {}), expectedBody: expectedBodyFor('noop', {}) };

let serial: TestServer;
beforeAll(async () => {
  let busyUntil = 0;
  serial = await startHttpServer((req, res) => {
    const now = performance.now();
    busyUntil = Math.max(busyUntil, now) + SERVICE_MS;
    setTimeout(() => res.end(noopBody(idOf(req))), busyUntil - now);
  });
});
afterAll(() => serial?.close());

describe('lean closed driver, in-flight grace', () => {
  it('waits for the queued requests after the window, counts them apart, and keeps their latency', async () => {
    const before = clientResources();
    const f = await runLeanClosedLoad({ url: serial.url, ...noop, connections: CONNECTIONS, durationS: 0.5, timeoutS: 5 });
    // Every connection had a request waiting in the server's queue when the window closed.
    expect(f.inFlightAtEnd).toBe(CONNECTIONS);
    expect(f.answeredInGrace).toBe(CONNECTIONS);
    const histogram = LatencyHistogram.decode(f.latencyHistogram!);
    // The histogram holds the window's answers and the grace's; requests only the window's.
    expect(histogram.count).toBe(f.requests + f.answeredInGrace!);
    expect(f.rps).toBeCloseTo(f.requests / f.durationS, 6);
    // The last queued answer waited behind the whole queue: C - 1 service times at least.
    expect(histogram.percentileMs(100)).toBeGreaterThanOrEqual((CONNECTIONS - 1) * SERVICE_MS);
    expect(f.latencyMs.max).toBeGreaterThanOrEqual((CONNECTIONS - 1) * SERVICE_MS);
    await expectNothingOpen(serial, before);
  });

  it('keeps a per-second series whose counts add up to the window', async () => {
    const f = await runLeanClosedLoad({ url: serial.url, ...noop, connections: 2, durationS: 2, timeoutS: 5 });
    expect(f.perSecond!.map((p) => p.tS)).toEqual([0, 1]);
    expect(f.perSecond!.reduce((n, p) => n + p.completed, 0)).toBe(f.requests);
    for (const p of f.perSecond!) if (p.completed > 0) expect(p.p99Ms).toBeGreaterThanOrEqual(p.p50Ms);
  });
});
