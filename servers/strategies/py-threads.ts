import { PYTHON_WORKLOADS } from './python-workloads.js';
import type { PythonStrategy } from './types.js';

/** FastAPI on uvicorn, blocking code in a ThreadPoolExecutor of W threads (run_in_executor): waits overlap, pure-Python CPU is serialised by the GIL */
export const pyThreads: PythonStrategy = {
  name: 'py-threads',
  runtime: 'python',
  role: 'threads',
  mode: 'threads',
  order: 102,
  colour: '#006B4F',
  memoryUnit: { unit: 'Python thread', countedBy: 'pool' },
  core: true,
  description: 'FastAPI on uvicorn, blocking code in a ThreadPoolExecutor of W threads (run_in_executor): waits overlap, pure-Python CPU is serialised by the GIL',
  usesPool: true,
  runsBlockingImplementation: true,
  executors: (poolSize) => poolSize,
  workloads: PYTHON_WORKLOADS,
};
