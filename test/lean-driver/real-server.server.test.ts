/**
 * The lean closed driver against real loopbench servers (built dist/, `npx tsc -p .`):
 * Little's law on async sleep, the exact expected bodies match what every strategy's
 * server sends byte for byte (so the string fast path is taken, not the JSON check), and
 * `drive()` uses it by default with autocannon still selectable. Tolerances hold on a
 * noisy 2-core machine.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runLeanClosedLoad } from '../../bench/drivers/lean/closed.js';
import { drive } from '../../bench/drivers/index.js';
import { startServer, stopAllServers, type RunningServer } from '../../bench/run/start-server.js';
import { bodyCheckFor, expectedBodyFor, workPath, type BodyCheck } from '../../bench/run/validate-response.js';
import { clientResources, expectNothingOpen } from './helpers.js';

function countingCheck(check: BodyCheck): { check: BodyCheck; calls: () => number } {
  let calls = 0;
  return { check: (status, body, id) => (calls++, check(status, body, id)), calls: () => calls };
}

async function withServer<T>(strategy: string, workload: string, params: Record<string, number>, use: (server: RunningServer) => Promise<T>): Promise<T> {
  const server = await startServer({ strategy, workload, params, poolSize: 1, host: '127.0.0.1' });
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

afterAll(() => stopAllServers());

describe('lean closed driver against loopbench servers', () => {
  it("async sleep 50 ms at 20 connections: about 400 req/s and p50 about 50 ms (Little's law)", async () => {
    const params = { sleepMs: 50 };
    await withServer('async', 'sleep', params, async (server) => {
      const before = clientResources();
      const counted = countingCheck(bodyCheckFor('sleep', params));
      const f = await runLeanClosedLoad({
        url: server.url,
        pathFor: (id) => workPath(id),
        connections: 20,
        warmupS: 0.5,
        staggerS: 0.25,
        durationS: 3,
        check: counted.check,
        expectedBody: expectedBodyFor('sleep', params)!,
      });
      expect(f.rps).toBeGreaterThan(400 * 0.5); // C/S is the ceiling; a busy machine only lowers it
      expect(f.rps).toBeLessThan(400 * 1.03);
      expect(f.latencyMs.p50).toBeGreaterThanOrEqual(49.5);
      expect(f.latencyMs.p50).toBeLessThan(150);
      expect(f.durationS).toBeGreaterThanOrEqual(2.99);
      expect(f.durationS).toBeLessThan(4);
      expect([f.errors, f.timeouts, f.non2xx, f.wrongBodies]).toEqual([0, 0, 0, 0]);
      // Every body equalled the expected string: the JSON check never ran.
      expect(counted.calls()).toBe(0);
      await expectNothingOpen(undefined, before);
    });
  });

  it('the exact expected bodies match every strategy byte for byte (noop, sleep)', async () => {
    const cases: [string, string, Record<string, number>][] = [
      ['async', 'noop', {}],
      ['blocking', 'noop', {}],
      ['async', 'sleep', { sleepMs: 0.5 }],
      ['blocking', 'sleep', { sleepMs: 2 }],
      ['worker-threads', 'sleep', { sleepMs: 2 }],
      ['child-process', 'sleep', { sleepMs: 2 }],
      ['cluster', 'noop', {}],
    ];
    for (const [strategy, workload, params] of cases) {
      await withServer(strategy, workload, params, async (server) => {
        for (const id of [1, 123_456_789]) {
          const body = await (await fetch(`${server.url}${workPath(id)}`)).text();
          expect(body, `${strategy}/${workload}`).toBe(expectedBodyFor(workload, params)!(id));
        }
        const counted = countingCheck(bodyCheckFor(workload, params));
        const f = await runLeanClosedLoad({
          url: server.url,
          pathFor: (id) => workPath(id),
          connections: 4,
          durationS: 0.3,
          check: counted.check,
          expectedBody: expectedBodyFor(workload, params)!,
        });
        expect(f.requests, `${strategy}/${workload}`).toBeGreaterThan(10);
        expect(f.wrongBodies).toBe(0);
        expect(counted.calls(), `${strategy}/${workload}: JSON checks`).toBe(0);
      });
    }
  });

  it('drive() uses the lean driver by default and autocannon on request, with the same figures', async () => {
    const params = { sleepMs: 20 };
    await withServer('async', 'sleep', params, async (server) => {
      const load = { kind: 'closed', connections: 10, durationS: 1.5, warmupS: 0.3 } as const;
      const common = { url: server.url, basePath: '/work', pathFor: (id: number) => workPath(id), check: bodyCheckFor('sleep', params), durationS: 1.5, warmupS: 0.3 };
      for (const closedDriver of [undefined, 'lean', 'autocannon'] as const) {
        const f = await drive(load, { ...common, ...(closedDriver ? { closedDriver } : {}), expectedBody: expectedBodyFor('sleep', params)! });
        // 10 connections / 20 ms = 500 req/s at most.
        expect(f.rps, String(closedDriver)).toBeGreaterThan(500 * 0.5);
        expect(f.rps).toBeLessThan(500 * 1.03);
        expect(f.latencyMs.p50).toBeGreaterThanOrEqual(19.5);
        expect([f.errors, f.timeouts, f.non2xx, f.wrongBodies]).toEqual([0, 0, 0, 0]);
      }
    });
  });
});
