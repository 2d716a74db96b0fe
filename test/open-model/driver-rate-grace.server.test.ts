/**
 * The open-model driver's achieved rate on a short window, against node:http servers in
 * this process (loopback only): answers to the window's last arrivals come after it and
 * still count (by scheduled time, within the grace); an overloaded server still fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrivalOffsetsMs } from '../../bench/drivers/open-model/arrival-schedule.js';
import { runOpenModel } from '../../bench/drivers/open-model/driver.js';
import { invalidReasons } from '../../bench/run/validity.js';
import { idOf, startServer, validWorkBody, workBody, type TestServer } from './helpers.js';

const SERVICE_MS = 50;
let overlapping: TestServer;
let oneAtATime: TestServer;

beforeAll(async () => {
  // Awaited 50 ms: answers overlap, any rate is served.
  overlapping = await startServer((req, res) => {
    setTimeout(() => res.end(workBody(idOf(req))), SERVICE_MS);
  });
  // A blocked server in miniature: one request at a time, 50 ms each (20/s at most).
  let freeAtMs = 0;
  oneAtATime = await startServer((req, res) => {
    const now = Date.now();
    freeAtMs = Math.max(freeAtMs, now) + SERVICE_MS;
    setTimeout(() => res.end(workBody(idOf(req))), freeAtMs - now);
  });
});

afterAll(async () => {
  await overlapping?.close();
  await oneAtATime?.close();
});

describe('open-model driver, rate on a short window', () => {
  it('60/s for 2 s on a 50 ms server: every scheduled request counts (the window-end rule lost the last 3, 97.5%)', async () => {
    const ratePerS = 60;
    const durationS = 2;
    const scheduled = arrivalOffsetsMs({ ratePerS, arrival: 'uniform' }, durationS * 1000).length;
    const f = await runOpenModel({ url: overlapping.url, path: '/work', ratePerS, durationS, arrival: 'uniform', maxConnections: 64, validate: validWorkBody });
    expect(f.requests + f.errors + f.timeouts).toBe(scheduled);
    expect([f.errors, f.timeouts, f.non2xx, f.wrongBodies]).toEqual([0, 0, 0, 0]);
    expect(Math.round(f.rps * durationS)).toBe(scheduled);
    expect(invalidReasons(f, 0)).toEqual([]);
  });

  it('60/s for 1 s on a server of 20/s: far below the rate, invalid, and every request still answered', async () => {
    const ratePerS = 60;
    const f = await runOpenModel({ url: oneAtATime.url, path: '/work', ratePerS, durationS: 1, arrival: 'uniform', maxConnections: 64, validate: validWorkBody });
    expect(f.requests).toBe(ratePerS);
    // By the window's end plus its 0.1 s grace it cannot have answered more than 1.1 s / 50 ms.
    expect(f.rps).toBeLessThanOrEqual(22);
    expect(invalidReasons(f, 0).join(' ')).toMatch(/below the requested 60\/s/);
  });
});
