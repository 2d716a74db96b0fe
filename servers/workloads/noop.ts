import type { Workload } from './types.js';

/** The exact body of a noop answer (the `/noop` route, and `/work` on a noop server). */
export const noopBody = (id: number): string => `{"workload":"noop","id":${id},"value":${id}}`;

/** Answer at once: the ceiling of the harness (routing + HTTP + JSON, no work). */
export const noop: Workload = {
  name: 'noop',
  description: 'answers at once: the ceiling of server + load generator',
  defaults: {},
  paramSpecs: {},
  runBlocking: (_params, req) => ({ workload: 'noop', id: req.id, value: req.id }),
  runNonBlocking: async (_params, req) => ({ workload: 'noop', id: req.id, value: req.id }),
  expectedValue: (_params, req) => req.id,
  exactBody: () => noopBody,
};
