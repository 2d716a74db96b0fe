import { PYTHON_WORKLOADS } from './python-workloads.js';
import type { PythonStrategy } from './types.js';

/** FastAPI on uvicorn, blocking code in a ProcessPoolExecutor of W processes: CPU in parallel past the GIL, pays pickling per request */
export const pyProcesses: PythonStrategy = {
  name: 'py-processes',
  runtime: 'python',
  role: 'processes',
  mode: 'processes',
  order: 104,
  colour: '#8E4A78',
  memoryUnit: { unit: 'Python process', countedBy: 'pool' },
  core: true,
  description: 'FastAPI on uvicorn, blocking code in a ProcessPoolExecutor of W processes: CPU in parallel past the GIL, pays pickling per request',
  usesPool: true,
  runsBlockingImplementation: true,
  executors: (poolSize) => poolSize,
  workloads: PYTHON_WORKLOADS,
};
