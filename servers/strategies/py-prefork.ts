import { PYTHON_WORKLOADS } from './python-workloads.js';
import type { PythonStrategy } from './types.js';

/** W uvicorn server processes share one listening socket, each running blocking code inside async def (as uvicorn --workers W) */
export const pyPrefork: PythonStrategy = {
  name: 'py-prefork',
  runtime: 'python',
  role: 'prefork',
  mode: 'prefork',
  order: 106,
  colour: '#A66F00',
  memoryUnit: { unit: 'uvicorn worker process', countedBy: 'pool' },
  core: true,
  description: 'W uvicorn server processes share one listening socket, each running blocking code inside async def (as uvicorn --workers W)',
  usesPool: true,
  runsBlockingImplementation: true,
  executors: (poolSize) => poolSize,
  workloads: PYTHON_WORKLOADS,
};
