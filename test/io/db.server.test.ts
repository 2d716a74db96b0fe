/**
 * `db` on SQLite against the real seeded file: correct answers for both query kinds on
 * every strategy, and the blocking slow query capping the server at ~1000/queryMs req/s.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbResource } from '../../bench/run/resources/db.js';
import type { PreparedResource } from '../../bench/run/resources/types.js';
import type { Scenario } from '../../bench/types.js';
import { db, expectedDbValue } from '../../servers/workloads/db.js';
import type { WorkloadParams } from '../../servers/workloads/types.js';
import { sampleTree } from '../../bench/run/proc-tree.js';
import { closedLoad, getWork, startServer, stopAll } from './helpers.js';

const scenario = (params: WorkloadParams): Scenario => ({
  id: 'db/test',
  workload: 'db',
  strategy: 'blocking',
  params,
  load: { kind: 'closed', connections: 1, durationS: 1, warmupS: 0 },
});

let prepared: PreparedResource;
let params: WorkloadParams;

beforeAll(async () => {
  prepared = await dbResource.prepare(scenario({ ...db.defaults, dbKind: 'sqlite' }));
  params = { ...db.defaults, ...prepared.params };
});
afterAll(async () => {
  await stopAll();
  await prepared?.close();
});

describe('db resource (SQLite)', () => {
  it('states the seeded file', () => {
    expect(prepared.params['dbKind']).toBe('sqlite');
    expect(prepared.facts).toMatchObject({ kind: 'sqlite', rows: 200_000 });
    expect(prepared.facts['bytes']).toBeGreaterThan(10_000_000);
    expect(prepared.failure()).toBeUndefined();
  });
});

describe.each(['blocking', 'async', 'worker-threads', 'child-process', 'cluster'])('db on SQLite, %s', (strategy) => {
  it('answers fast and slow queries with values derived from the rows', async () => {
    const server = await startServer({ strategy, workload: 'db', params });
    for (const id of [0, 1, 7, 199_999, 200_000, 123_456_789]) {
      for (const variant of ['fast', 'slow']) {
        const body = await getWork(server.url, id, variant);
        expect(body).toEqual({ workload: 'db', id, value: expectedDbValue(params, { id, variant }) });
      }
    }
    // The variant defaults to the `query` param.
    expect((await getWork(server.url, 42)).value).toBe(expectedDbValue(params, { id: 42, variant: 'fast' }));
    // A smaller slow window scans fewer rows at an id-dependent offset.
    await server.stop();
  });
});

it('slow windows move with the id and stay inside the table', () => {
  const small = { ...db.defaults, slowRows: 1000 };
  const values = new Set([1, 2, 3, 4].map((id) => expectedDbValue(small, { id, variant: 'slow' })));
  expect(values.size).toBe(4);
  for (const value of values) expect(String(value)).toMatch(/^1000:\d+$/);
});

it('a smaller slowRows is answered correctly by the server', async () => {
  const small = { ...params, slowRows: 5000 };
  const server = await startServer({ strategy: 'async', workload: 'db', params: small });
  for (const id of [3, 99, 12_345]) {
    expect((await getWork(server.url, id, 'slow')).value).toBe(expectedDbValue(small, { id, variant: 'slow' }));
  }
  await server.stop();
});

describe('blocking slow query caps the server', () => {
  it('at no more than 1000/queryCpuMs req/s (one thread), and more connections do not raise it', async () => {
    // The query's CPU cost, measured here in this process: CPU time, not wall time, so a busy
    // machine (which stretches wall time) does not change it much.
    const handle = new Database(String(params['dbPath']), { readonly: true });
    const statement = handle.prepare('SELECT count(*) AS n, sum(amount) AS total FROM items WHERE id > ? AND id <= ?');
    statement.get(0, 200_000); // warm the page cache
    const samples = 20;
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < samples; i++) statement.get(0, 200_000);
    const cpu = process.cpuUsage(cpuBefore);
    handle.close();
    const queryCpuMs = (cpu.user + cpu.system) / 1000 / samples;
    expect(queryCpuMs).toBeGreaterThan(1);
    expect(queryCpuMs).toBeLessThan(200);

    const server = await startServer({ strategy: 'blocking', workload: 'db', params: { ...params, query: 'slow' } });
    const check = (body: { value: unknown }, id: number) => body.value === expectedDbValue(params, { id, variant: 'slow' });
    await closedLoad(server.url, 4, 300); // warm-up
    // Side by side, same server, same minute: 1 connection, then 8.
    const one = await closedLoad(server.url, 1, 1500, check);
    const cpuBeforeEight = sampleTree(server.child.pid!);
    const eightStartedMs = performance.now();
    const eight = await closedLoad(server.url, 8, 1500, check);
    const eightWallS = (performance.now() - eightStartedMs) / 1000;
    const serverCoresAtEight = (sampleTree(server.child.pid!).cpuS - cpuBeforeEight.cpuS) / eightWallS;
    await server.stop();
    const cap = 1000 / queryCpuMs;
    console.log(`db slow: queryCpuMs=${queryCpuMs.toFixed(1)} cap=${cap.toFixed(1)} req/s; blocking c1 ${one.rps.toFixed(1)}, c8 ${eight.rps.toFixed(1)} req/s`);
    expect(one.failures).toEqual([]);
    expect(eight.failures).toEqual([]);
    expect(eight.rps).toBeGreaterThan(1);
    // One thread cannot spend more than 1000 ms of CPU a second: a server that ran the
    // queries in parallel (2 cores) would reach ~2x the cap.
    expect(eight.rps).toBeLessThan(cap * 1.4);
    // A blocked loop serves one query at a time: 8 connections queue, they do not overlap.
    // Asserted on CPU time, which a busy machine cannot inflate: the server's whole process
    // tree used at most about one core while 8 connections waited on it (a server that ran
    // the queries in parallel would use ~2 on 2 cores). The throughput ratio c8 / c1 used to
    // be asserted here (< 1.5) and failed at load 7, when c1's idle gaps between round trips
    // stretched (1.73): wall-clock ratios of two runs in a row are not physics.
    console.log(`db slow: blocking server used ${serverCoresAtEight.toFixed(2)} cores at c8 (c8/c1 = ${(eight.rps / one.rps).toFixed(2)})`);
    expect(serverCoresAtEight).toBeLessThan(1.3);
    expect(eight.rps).toBeGreaterThan(one.rps * 0.5);
  });
});
