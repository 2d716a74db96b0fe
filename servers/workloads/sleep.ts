import { setTimeout as sleepAsync } from 'node:timers/promises';
import type { Workload, WorkloadParams } from './types.js';

// One shared cell per thread; Atomics.wait on a value that never changes is a pure,
// CPU-free wait that holds the thread: the exact analog of Python's time.sleep().
const cell = new Int32Array(new SharedArrayBuffer(4));

function sleepMsOf(params: WorkloadParams): number {
  return Number(params['sleepMs']);
}

/** The answer's value: the request id and the wait, `${id}:${sleepMs}` (nothing JSON escapes). */
function valueOf(id: number, sleepMs: number): string {
  return `${id}:${sleepMs}`;
}

/** Wait without using CPU. Blocking: Atomics.wait. Non-blocking: timers/promises setTimeout. */
export const sleep: Workload = {
  name: 'sleep',
  description: 'waits sleepMs without using CPU (Atomics.wait vs timers/promises)',
  defaults: { sleepMs: 50 },
  paramSpecs: {
    sleepMs: { kind: 'number', min: 0.1, max: 60_000, description: 'time one request waits, in ms' },
  },
  runBlocking(params, req) {
    const sleepMs = sleepMsOf(params);
    Atomics.wait(cell, 0, 0, sleepMs);
    return { workload: 'sleep', id: req.id, value: valueOf(req.id, sleepMs) };
  },
  async runNonBlocking(params, req) {
    const sleepMs = sleepMsOf(params);
    await sleepAsync(sleepMs);
    return { workload: 'sleep', id: req.id, value: valueOf(req.id, sleepMs) };
  },
  expectedValue: (params, req) => valueOf(req.id, sleepMsOf(params)),
  exactBody(params) {
    const sleepMs = sleepMsOf(params);
    return (id) => `{"workload":"sleep","id":${id},"value":"${valueOf(id, sleepMs)}"}`;
  },
};
