import { strategiesOfRuntime } from '../../../servers/strategies/index.js';
import { claimScenariosOn } from '../../claims/index.js';
import type { Scenario } from '../../types.js';
import { closedLoad, defineScenario } from '../scenario.js';
import type { Timing } from './timing.js';

const CONNECTIONS = 50;
const CPU_CONNECTIONS = 10;
/** As bench/suites/parts/io.ts: real I/O at 10 connections. */
const IO_CONNECTIONS = 10;

/**
 * The article's own runtime. Scenario ids follow the claims' mapping (bench/claims/runtimes.ts:
 * `cpu/worker-threads/c50` is `cpu/py-threads/c50` on Python), so the claims judge them.
 * On Python `cpu` is pure-Python bytecode unless `cpuKind=native` (hashlib's PBKDF2, which
 * releases the GIL): the difference is a finding of its own.
 *
 * The full suite: every claim's scenario on Python, and every Python strategy
 * (`core: true`) × noop, sleep, cpu (bytecode, and native for blocking/threads/processes at
 * 10 connections), db, upstream fan-out and file reads as bench/suites/parts/io.ts does.
 */
export function pythonScenarios({ durationS, warmupS }: Timing): Scenario[] {
  const load = closedLoad(CONNECTIONS, durationS, warmupS);
  // The article's two comparisons first: time.sleep vs asyncio.sleep, threads vs processes on pure-Python CPU.
  const first = [
    ...['py-blocking', 'py-asyncio'].map((strategy) => defineScenario({ workload: 'sleep', strategy, load })),
    ...['py-blocking', 'py-threads', 'py-processes'].map((strategy) => defineScenario({ workload: 'cpu', strategy, load })),
  ];
  const strategies = strategiesOfRuntime('python').filter((s) => s.core);
  const io = closedLoad(IO_CONNECTIONS, durationS, warmupS);
  const cpuLoad = closedLoad(CPU_CONNECTIONS, durationS, warmupS);
  const cpu = (strategy: string, cpuKind: 'bytecode' | 'native') => defineScenario({ workload: 'cpu', strategy, load: cpuLoad, params: { cpuKind } });
  const claims = claimScenariosOn('python');
  return [
    ...first,
    ...['noop', 'sleep', 'cpu'].flatMap((workload) => strategies.map((s) => defineScenario({ workload, strategy: s.name, load }))),
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
    ...claims,
  ];
}

/**
 * Every Python strategy (the registry's, core or not) × every workload the Python servers
 * implement (servers/strategies/python-workloads.ts), once each: noop, sleep and cpu
 * (pure-Python bytecode) at 50 connections, db (the fast query), upstream fan-out and
 * file reads at 10, as the Node.js parts load them. The python-only quick suite runs it.
 */
export function pythonMatrixScenarios({ durationS, warmupS }: Timing): Scenario[] {
  const load = closedLoad(CONNECTIONS, durationS, warmupS);
  const io = closedLoad(IO_CONNECTIONS, durationS, warmupS);
  return strategiesOfRuntime('python').flatMap((strategy) =>
    (strategy.runtime === 'python' ? strategy.workloads : []).map((workload) =>
      defineScenario({
        workload,
        strategy: strategy.name,
        ...(workload === 'db' ? { variant: 'fast' } : {}),
        load: ['noop', 'sleep', 'cpu'].includes(workload) ? load : io,
        ...(['db', 'upstream', 'file'].includes(workload) ? { tags: workload === 'upstream' ? ['io', 'fan-out'] : ['io'] } : {}),
      }),
    ),
  );
}
