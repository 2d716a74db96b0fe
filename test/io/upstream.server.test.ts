/**
 * `upstream` against a real upstream process: K=5 calls of 50 ms take ~250 ms in a row
 * (sequential awaits, or a sync client) and ~50 ms with Promise.all; the answers are
 * the sum of what the upstream returned; an upstream that dies is reported by failure().
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpstream, upstreamResource, type UpstreamProcess } from '../../bench/run/resources/upstream.js';
import type { PreparedResource } from '../../bench/run/resources/types.js';
import { expectedUpstreamValue, upstream, upstreamValueOf } from '../../servers/workloads/upstream.js';
import type { WorkloadParams } from '../../servers/workloads/types.js';
import { closedLoad, getWork, medianLatencyMs, startServer, stopAll } from './helpers.js';

const K = 5;
const UPSTREAM_MS = 50;

let prepared: PreparedResource;
let params: WorkloadParams;

beforeAll(async () => {
  const base = { ...upstream.defaults, fanout: K, upstreamMs: UPSTREAM_MS };
  prepared = await upstreamResource.prepare({
    id: 'upstream/test',
    workload: 'upstream',
    strategy: 'async',
    params: base,
    load: { kind: 'closed', connections: 1, durationS: 1, warmupS: 0 },
  });
  params = { ...base, ...prepared.params };
});
afterAll(async () => {
  await stopAll();
  await prepared?.close();
});

describe('upstream server', () => {
  it('answers after the requested delay with a value computable from the query', async () => {
    const url = String(params['upstreamUrl']);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(prepared.pids).toHaveLength(1);
    const started = performance.now();
    const response = await fetch(`${url}/?q=12345&ms=80`);
    const elapsed = performance.now() - started;
    expect(await response.text()).toBe(String(upstreamValueOf(12345)));
    expect(elapsed).toBeGreaterThanOrEqual(78);
    expect(elapsed).toBeLessThan(300);
  });
});

describe('fan-out K=5 x 50 ms', () => {
  it('async, Promise.all: about 50 ms per request', async () => {
    const server = await startServer({ strategy: 'async', workload: 'upstream', params: { ...params, mode: 'concurrent' } });
    await medianLatencyMs(server.url, 3); // warm-up: connections to the upstream
    const ms = await medianLatencyMs(server.url, 15);
    console.log(`upstream concurrent: ${ms.toFixed(1)} ms per request`);
    expect(ms).toBeGreaterThanOrEqual(48);
    expect(ms).toBeLessThan(100);
    for (const id of [0, 1, 99, 1_000_003]) expect((await getWork(server.url, id)).value).toBe(expectedUpstreamValue(params, { id }));
    await server.stop();
  });

  it('httpClient undici (undici.request): same answers and timings, blocking and async', async () => {
    for (const [strategy, low, high] of [['async', 48, 100], ['blocking', 248, 350]] as const) {
      const server = await startServer({ strategy, workload: 'upstream', params: { ...params, httpClient: 'undici' } });
      await medianLatencyMs(server.url, 2);
      const ms = await medianLatencyMs(server.url, 5);
      expect(ms).toBeGreaterThanOrEqual(low);
      expect(ms).toBeLessThan(high);
      for (const id of [0, 77]) expect((await getWork(server.url, id)).value).toBe(expectedUpstreamValue(params, { id }));
      await server.stop();
    }
  });

  it('async, sequential awaits: about 250 ms per request', async () => {
    const server = await startServer({ strategy: 'async', workload: 'upstream', params: { ...params, mode: 'sequential' } });
    const ms = await medianLatencyMs(server.url, 7);
    console.log(`upstream sequential: ${ms.toFixed(1)} ms per request`);
    expect(ms).toBeGreaterThanOrEqual(248);
    expect(ms).toBeLessThan(350);
    for (const id of [0, 42]) expect((await getWork(server.url, id)).value).toBe(expectedUpstreamValue(params, { id }));
    // Sequential awaits still overlap *between* requests: 4 connections, ~4 x 1000/250 req/s.
    const { rps, failures } = await closedLoad(server.url, 4, 2000);
    expect(failures).toEqual([]);
    expect(rps).toBeGreaterThan(16 * 0.65);
    await server.stop();
  });

  it('blocking (sync HTTP client): about 250 ms per request, and it holds the loop', async () => {
    const server = await startServer({ strategy: 'blocking', workload: 'upstream', params });
    const ms = await medianLatencyMs(server.url, 5);
    console.log(`upstream blocking: ${ms.toFixed(1)} ms per request`);
    expect(ms).toBeGreaterThanOrEqual(248);
    expect(ms).toBeLessThan(350);
    // 4 connections, but one request at a time: ~1000/250 = 4 req/s.
    const { rps, failures } = await closedLoad(server.url, 4, 2500, (body, id) => body.value === expectedUpstreamValue(params, { id }));
    console.log(`upstream blocking, 4 connections: ${rps.toFixed(2)} req/s`);
    expect(failures).toEqual([]);
    expect(rps).toBeGreaterThan(4 * 0.65);
    expect(rps).toBeLessThan(4 * 1.35);
    await server.stop();
  });

  it.each(['worker-threads', 'child-process'])('%s runs the sync client in each pool member', async (strategy) => {
    const server = await startServer({ strategy, workload: 'upstream', params });
    const bodies = await Promise.all([3, 4, 5, 6].map((id) => getWork(server.url, id)));
    for (const body of bodies) expect(body.value).toBe(expectedUpstreamValue(params, { id: body.id }));
    await server.stop();
  });
});

describe('upstream dying', () => {
  it('is reported by failure(), and the server answers errors instead of hanging', async () => {
    const own: UpstreamProcess = await startUpstream({ upstreamMs: 10 });
    const server = await startServer({ strategy: 'async', workload: 'upstream', params: { ...params, upstreamUrl: own.url, upstreamMs: 10 } });
    await getWork(server.url, 1);
    expect(own.failure()).toBeUndefined();
    own.child.kill('SIGKILL');
    await new Promise((resolve) => own.child.once('exit', resolve));
    expect(own.failure()).toMatch(/upstream server \(pid \d+\) exited during the run/);
    await expect(getWork(server.url, 2)).rejects.toThrow(/500/);
    await server.stop();
    await own.close();
    await own.close(); // idempotent
  });

  it('close() stops the process', async () => {
    const own = await startUpstream();
    const pid = own.pids[0]!;
    await own.close();
    expect(() => process.kill(pid, 0)).toThrow();
    expect(own.failure()).toBeUndefined();
  });
});
