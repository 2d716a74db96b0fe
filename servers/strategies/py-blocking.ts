import { PYTHON_WORKLOADS } from './python-workloads.js';
import type { PythonStrategy } from './types.js';

/** FastAPI on uvicorn, blocking code inside async def (time.sleep, a sync driver, pure-Python CPU): the article's mistake, one request at a time */
export const pyBlocking: PythonStrategy = {
  name: 'py-blocking',
  runtime: 'python',
  role: 'blocking',
  mode: 'blocking',
  order: 100,
  colour: '#8B3A00',
  core: true,
  description: "FastAPI on uvicorn, blocking code inside async def (time.sleep, a sync driver, pure-Python CPU): the article's mistake, one request at a time",
  usesPool: false,
  runsBlockingImplementation: true,
  executors: () => 1,
  workloads: PYTHON_WORKLOADS,
};
