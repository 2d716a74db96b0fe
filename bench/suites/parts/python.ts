import { strategiesOfRuntime } from '../../../servers/strategies/index.js';
import type { Scenario } from '../../types.js';
import { closedLoad, defineScenario } from '../scenario.js';
import type { Timing } from './timing.js';

const CONNECTIONS = 50;
const CPU_CONNECTIONS = 10;
/** As bench/suites/parts/io.ts: real I/O at 10 connections. */
const IO_CONNECTIONS = 10;

/**
 * The article's own runtime: Python strategies over the workloads they implement, at the
 * core suites' 50 connections so they sit next to the Node.js ones. cpu runs twice:
 * `cpuKind=bytecode` (pure-Python, holds the GIL: threads cannot add a core) and
 * `cpuKind=native` (hashlib's PBKDF2, releases the GIL: threads can).
 *
 * `all`: every Python strategy (`core: true`) × noop, sleep, cpu bytecode, and cpu native
 * for blocking/threads/processes; db queries, upstream fan-out and file reads as bench/suites/parts/io.ts
 * does for Node.js: db (fast/slow), upstream fan-out, file. `few`, for a first-run suite: the article's two
 * comparisons only (time.sleep vs asyncio.sleep; threads vs processes on pure-Python CPU).
 */
export function pythonScenarios({ durationS, warmupS }: Timing, size: 'all' | 'few' = 'all'): Scenario[] {
  const load = closedLoad(CONNECTIONS, durationS, warmupS);
  // 10 connections for cpu: asyncio's chunked CPU shares the loop among every request in
  // flight, so at 50 each takes 50 x cpuMs and a short window could see none complete.
  const cpuLoad = closedLoad(CPU_CONNECTIONS, durationS, warmupS);
  const cpu = (strategy: string, cpuKind: 'bytecode' | 'native') => defineScenario({ workload: 'cpu', strategy, load: cpuLoad, params: { cpuKind } });
  if (size === 'few') {
    return [
      ...['py-blocking', 'py-asyncio'].map((strategy) => defineScenario({ workload: 'sleep', strategy, load })),
      ...['py-blocking', 'py-threads', 'py-processes'].map((strategy) => cpu(strategy, 'bytecode')),
    ];
  }
  const strategies = strategiesOfRuntime('python').filter((s) => s.core);
  const io = closedLoad(IO_CONNECTIONS, durationS, warmupS);
  return [
    ...['noop', 'sleep'].flatMap((workload) => strategies.map((s) => defineScenario({ workload, strategy: s.name, load }))),
    ...strategies.map((s) => cpu(s.name, 'bytecode')),
    ...strategies.filter((s) => ['blocking', 'threads', 'processes'].includes(s.role)).map((s) => cpu(s.name, 'native')),
    // The article's database example: psycopg2 / sqlite3 in async def, asyncpg (aiosqlite-style on SQLite), a thread pool.
    ...['fast', 'slow'].flatMap((variant) => ['py-blocking', 'py-asyncio', 'py-threads'].map((strategy) => defineScenario({ workload: 'db', strategy, variant, load: io, tags: ['io'] }))),
    // The article's scraping example: requests.get in async def, aiohttp + gather, awaits in a row, a thread pool.
    defineScenario({ workload: 'upstream', strategy: 'py-blocking', load: io, tags: ['io', 'fan-out'] }),
    defineScenario({ workload: 'upstream', strategy: 'py-asyncio', params: { mode: 'concurrent' }, load: io, tags: ['io', 'fan-out'] }),
    defineScenario({ workload: 'upstream', strategy: 'py-asyncio', params: { mode: 'sequential' }, load: io, tags: ['io', 'fan-out'] }),
    defineScenario({ workload: 'upstream', strategy: 'py-threads', load: io, tags: ['io', 'fan-out'] }),
    ...['py-blocking', 'py-asyncio', 'py-threads'].map((strategy) => defineScenario({ workload: 'file', strategy, load: io, tags: ['io'] })),
  ];
}
