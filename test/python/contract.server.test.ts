/**
 * The Python servers keep the Node.js servers' contract: ready on port 0, the same answer
 * bodies (validated by bench/run/validate-response.ts unchanged), telemetry, a clean stop
 * with no process left, and bad parameters refused with a clear error.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isAlive, processTree } from '../../bench/run/proc-tree.js';
import { startServer } from '../../bench/run/start-server.js';
import { validateOnce } from '../../bench/run/validate-response.js';
import { LOCAL_DATABASE_URL } from '../../bench/run/resources/db.js';
import { PYTHON_STRATEGIES, pyConfig, requirePython, waitUntil } from './helpers.js';

beforeAll(requirePython);

describe('Python servers: contract', () => {
  for (const strategy of PYTHON_STRATEGIES) {
    it(`${strategy}: ready, answers, validates, reports telemetry, stops leaving no process`, async () => {
      const server = await startServer(pyConfig(strategy, 'sleep', { sleepMs: 5 }));
      let pids: number[] = [];
      try {
        expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(server.facts?.['pythonVersion']).toMatch(/^3\./);
        server.send({ type: 'reset' });
        // The reset travels over the server's stdin (and on to prefork workers): let it land
        // before the counted requests, as the harness opens its window well inside the load.
        await new Promise((resolve) => setTimeout(resolve, 300));
        const work = await fetch(`${server.url}/work?id=7`);
        expect(work.headers.get('content-type')).toMatch(/^application\/json/);
        expect(await work.text()).toBe('{"workload":"sleep","id":7,"value":"7:5"}');
        expect(await (await fetch(`${server.url}/noop?id=3`)).text()).toBe('{"workload":"noop","id":3,"value":3}');
        expect(await (await fetch(`${server.url}/health`)).text()).toBe('{"ok":true}');
        await validateOnce(server.url, 'sleep', { sleepMs: 5 });
        const telemetry = await server.collectTelemetry();
        expect(telemetry?.requestsServed).toBeGreaterThanOrEqual(4);
        expect(telemetry?.serverProcesses).toBe(strategy === 'py-prefork' ? 2 : 1);
        expect(telemetry?.eventLoopDelayMs.max).toBeGreaterThanOrEqual(0);
        expect(telemetry?.eventLoopUtilization).toBeGreaterThanOrEqual(0);
        pids = server.rememberTree();
        // Pools and prefork workers are processes of the tree (the main process plus 2).
        if (strategy === 'py-processes' || strategy === 'py-prefork') expect(processTree(server.pid).length).toBeGreaterThanOrEqual(3);
      } finally {
        const report = await server.stop();
        expect(report.leftoverPids).toEqual([]);
        expect(report.killed).toBe(false);
      }
      expect(pids.filter(isAlive)).toEqual([]);
    });
  }

  it('cpu: pure-Python bytecode and hashlib PBKDF2 answers pass the harness validation', async () => {
    for (const [strategy, params] of [
      ['py-asyncio', { cpuMs: 1, cpuIterations: 50_000, cpuKind: 'bytecode' }],
      ['py-threads', { cpuMs: 1, cpuIterations: 50_000, cpuKind: 'bytecode' }],
      ['py-processes', { cpuMs: 1, cpuIterations: 3_000, cpuKind: 'native' }],
      ['py-blocking', { cpuMs: 1, cpuIterations: 3_000, cpuKind: 'native' }],
    ] as const) {
      const server = await startServer(pyConfig(strategy, 'cpu', params));
      try {
        await validateOnce(server.url, 'cpu', params);
      } finally {
        expect((await server.stop()).leftoverPids).toEqual([]);
      }
    }
  });

  it('a wrong answer fails the validation (the check can fail)', async () => {
    const server = await startServer(pyConfig('py-asyncio', 'cpu', { cpuMs: 1, cpuIterations: 1000, cpuKind: 'bytecode' }));
    try {
      await expect(validateOnce(server.url, 'cpu', { cpuMs: 1, cpuIterations: 1001, cpuKind: 'bytecode' })).rejects.toThrow(/not what cpu computes/);
    } finally {
      await server.stop();
    }
  });

  it('bad parameters and unsupported workloads are refused with a clear error', async () => {
    await expect(startServer(pyConfig('py-asyncio', 'kv', {}))).rejects.toThrow(/do not implement workload 'kv'; implemented: noop, sleep, cpu, db, upstream, file/);
    await expect(startServer(pyConfig('py-asyncio', 'db', { dbKind: 'sqlite', dbPath: '/nonexistent.db' }))).rejects.toThrow(/dbPath '\/nonexistent.db' is not a file/);
    await expect(startServer(pyConfig('py-asyncio', 'sleep', { sleepMs: -1 }))).rejects.toThrow(/sleepMs must be a number/);
    await expect(startServer(pyConfig('py-threads', 'cpu', { cpuMs: 1 }))).rejects.toThrow(/cpuIterations must be a positive integer/);
    await expect(startServer(pyConfig('py-threads', 'cpu', { cpuIterations: 10, cpuKind: 'gpu' }))).rejects.toThrow(/cpuKind must be one of bytecode, native/);
  });

  it('no orphan: when the server process is killed outright, its pool processes die with it', async () => {
    for (const strategy of ['py-processes', 'py-prefork']) {
      const server = await startServer(pyConfig(strategy, 'noop', {}));
      const pids = processTree(server.pid);
      expect(pids.length).toBeGreaterThanOrEqual(3);
      process.kill(server.pid, 'SIGKILL'); // not the group: only the kernel's parent-death signal reaches the children
      expect(await waitUntil(() => pids.every((pid) => !isAlive(pid)), 5000)).toBe(true);
      await server.stop();
    }
  });

  it('no orphan: the server stops by itself when the harness closes its channel (stdin)', async () => {
    const server = await startServer(pyConfig('py-threads', 'sleep', { sleepMs: 5 }));
    const pids = processTree(server.pid);
    server.child.stdin?.end();
    expect(await waitUntil(() => pids.every((pid) => !isAlive(pid)), 5000)).toBe(true);
    await server.stop();
  });
});

describe('Python servers: real I/O', () => {
  it('db (SQLite), upstream (requests / aiohttp gather / sequential / thread pool) and file answers pass the harness validation', async () => {
    const { resourceFor } = await import('../../bench/run/resources/index.js');
    const { defineScenario, closedLoad } = await import('../../bench/suites/scenario.js');
    const cases = [
      ['upstream', 'py-blocking', { upstreamMs: 5 }],
      ['upstream', 'py-asyncio', { upstreamMs: 5, mode: 'concurrent' }],
      ['upstream', 'py-asyncio', { upstreamMs: 5, mode: 'sequential' }],
      ['upstream', 'py-threads', { upstreamMs: 5 }],
      ['db', 'py-blocking', { dbKind: 'sqlite', query: 'fast' }],
      ['db', 'py-asyncio', { dbKind: 'sqlite', query: 'slow' }],
      ['db', 'py-threads', { dbKind: 'sqlite', query: 'fast' }],
      ['file', 'py-blocking', {}],
      ['file', 'py-asyncio', {}],
      ['file', 'py-processes', {}],
    ] as const;
    for (const [workload, strategy, extra] of cases) {
      const scenario = defineScenario({ workload, strategy, params: extra, load: closedLoad(1, 1, 0) });
      const resource = await resourceFor(workload)!.prepare(scenario);
      const params = { ...scenario.params, ...resource.params };
      try {
        const server = await startServer(pyConfig(strategy, workload, params));
        try {
          await validateOnce(server.url, workload, params);
          if (workload === 'db') await validateOnce(server.url, workload, params, params.query === 'fast' ? 'slow' : 'fast');
        } finally {
          expect((await server.stop()).leftoverPids).toEqual([]);
        }
      } finally {
        await resource.close();
      }
    }
  });
});

describe('Python servers: PostgreSQL (DATABASE_URL, else the local cluster npm run setup provisions)', () => {
  it('psycopg2 (py-blocking, py-threads) and asyncpg (py-asyncio) answers pass the harness validation', async () => {
    const { seedPostgres } = await import('../../bench/run/resources/db.js');
    const databaseUrl = process.env['DATABASE_URL'] || LOCAL_DATABASE_URL;
    // The rows the set-up step seeds (seeding is a no-op then; another count would reseed the shared database).
    const rows = 200_000;
    await seedPostgres(databaseUrl, rows);
    for (const strategy of ['py-blocking', 'py-asyncio', 'py-threads']) {
      const params = { dbKind: 'postgres', databaseUrl, dbRows: rows, slowRows: 5000, query: 'fast' };
      const server = await startServer(pyConfig(strategy, 'db', params));
      try {
        await validateOnce(server.url, 'db', params, 'fast');
        await validateOnce(server.url, 'db', params, 'slow');
      } finally {
        expect((await server.stop()).leftoverPids).toEqual([]);
      }
    }
  });
});
