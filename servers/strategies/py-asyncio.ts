import { PYTHON_WORKLOADS } from './python-workloads.js';
import type { PythonStrategy } from './types.js';

/** FastAPI on uvicorn, awaited non-blocking code (asyncio.sleep, asyncpg, aiohttp gather): waits overlap, CPU does not */
export const pyAsyncio: PythonStrategy = {
  name: 'py-asyncio',
  runtime: 'python',
  role: 'async',
  mode: 'asyncio',
  order: 101,
  colour: '#004C78',
  memoryUnit: { unit: 'pending coroutine', countedBy: 'connections' },
  core: true,
  description: 'FastAPI on uvicorn, awaited non-blocking code (asyncio.sleep, asyncpg, aiohttp gather): waits overlap, CPU does not',
  usesPool: false,
  runsBlockingImplementation: false,
  executors: () => 1,
  workloads: PYTHON_WORKLOADS,
};
