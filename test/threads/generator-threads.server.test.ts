/**
 * `--threads 2` end to end on loopback (127.0.0.1): two generator worker_threads against one
 * node:http server. Needs `npm run build` (the thread code is loaded from dist/; `npm test`
 * builds first). Counts only, no timing thresholds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrivalOffsetsMs } from '../../bench/drivers/open-model/arrival-schedule.js';
import { runClosedThreaded, runOpenModelThreaded } from '../../bench/drivers/threads/generator-threads.js';
import { LatencyHistogram } from '../../bench/drivers/latency-histogram.js';
import { noopExpectedBody } from '../../bench/run/validate-response.js';
import { idOf, startServer, type TestServer } from '../open-model/helpers.js';

let server: TestServer;
const seenIds: number[] = [];
beforeAll(async () => {
  server = await startServer((req, res) => {
    const id = idOf(req);
    seenIds.push(id);
    res.setHeader('content-type', 'application/json');
    res.end(id % 50 === 0 ? 'nope' : noopExpectedBody(id));
  });
});
afterAll(async () => server?.close());

const check = { kind: 'workload', workload: 'noop', params: {} } as const;

describe('--threads 2', () => {
  it('open model: every arrival of the one schedule sent once, by one of the threads; wrong bodies counted', async () => {
    seenIds.length = 0;
    const opts = { ratePerS: 400, arrival: 'poisson', seed: 5 } as const;
    const { figures: f } = await runOpenModelThreaded({ url: server.url, path: '/work', durationS: 1, maxConnections: 4, threads: 2, check, ...opts });
    const scheduled = arrivalOffsetsMs(opts, 1000).length;
    expect(f.requests + f.errors + f.timeouts).toBe(scheduled);
    expect([...seenIds].sort((a, b) => a - b)).toEqual(Array.from({ length: scheduled }, (_, i) => i + 1));
    expect(f.wrongBodies).toBe(Math.floor(scheduled / 50));
    expect(LatencyHistogram.decode(f.latencyHistogram!).count).toBe(f.requests);
    expect(f.perSecond![0]!.completed).toBeGreaterThan(0);
    expect(f.perSecond![0]!.completed).toBeLessThanOrEqual(f.requests - f.wrongBodies);
  });

  it('closed model: both threads load, disjoint ids, one merged histogram', async () => {
    seenIds.length = 0;
    const f = await runClosedThreaded({ url: server.url, pathTemplate: { before: '/work?id=', after: '' }, connections: 4, durationS: 0.5, threads: 2, check });
    expect(f.requests).toBeGreaterThan(10);
    // The histogram also holds the answers that arrived in the bounded grace after the window
    // (lean-closed-driver.ts): counted apart, never in requests.
    expect(LatencyHistogram.decode(f.latencyHistogram!).count).toBe(f.requests + (f.answeredInGrace ?? 0));
    expect(new Set(seenIds).size).toBe(seenIds.length);
    expect(seenIds.some((id) => id > 100_000_000)).toBe(true); // the second thread's range
    expect(seenIds.some((id) => id < 100_000_000)).toBe(true);
  });
});
