/** The workloads servers/python/serve.py implements (the same names and answers as the Node.js ones). */
export const PYTHON_WORKLOADS: readonly string[] = ['noop', 'sleep', 'cpu', 'db', 'upstream', 'file'];
