import { pbkdf2Sync } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Calibrations, Workload, WorkloadParams } from './types.js';

/**
 * Real CPU work: a chain of PBKDF2-SHA256 rounds (OpenSSL, native, allocation-free apart
 * from one 32-byte digest per chunk, so the garbage collector adds no hidden CPU) seeded
 * by the request id. Its length
 * (`cpuIterations`) is calibrated by the harness on the machine it runs on so that one
 * request costs `cpuMs` of CPU (see bench/run/calibrate-cpu.ts); the calibration is
 * recorded with the results. The answer is the chain's final digest, which the client
 * can recompute, so a skipped or truncated computation is detected.
 */
/** PBKDF2 rounds per chunk; the non-blocking implementation yields between chunks (~0.5 ms). */
const CHUNK_ITERATIONS = 1000;
const SALT = Buffer.from('loopbench');

function chunk(digest: Buffer, iterations: number): Buffer {
  return pbkdf2Sync(digest, SALT, iterations, 32, 'sha256');
}

export function hashChain(seed: number, iterations: number): Buffer {
  let digest: Buffer = Buffer.from(String(seed));
  for (let done = 0; done < iterations; done += CHUNK_ITERATIONS) {
    digest = chunk(digest, Math.min(CHUNK_ITERATIONS, iterations - done));
  }
  return digest;
}

function iterationsOf(params: WorkloadParams): number {
  const iterations = Number(params['cpuIterations']);
  if (!Number.isFinite(iterations) || iterations < 1) {
    throw new Error('cpu workload: cpuIterations is not set; the harness calibrates it from cpuMs');
  }
  return iterations;
}

/**
 * `cpuKind=bytecode` (the Python servers only): a 32-bit linear congruential generator
 * stepped cpuIterations times, which CPython runs as pure bytecode holding the GIL
 * (servers/python/serve.py bytecode_steps); here only to check the answers.
 */
export function bytecodeValue(seed: number, iterations: number): string {
  let x = seed >>> 0;
  for (let i = 0; i < iterations; i++) x = (Math.imul(x, 1103515245) + 12345) >>> 0;
  return x.toString(16).padStart(8, '0');
}

/** `native` (default on Node.js): the PBKDF2 chain; `bytecode`: pure-Python, Python servers only. */
export type CpuKind = 'native' | 'bytecode';

export function cpuKindOf(params: WorkloadParams): CpuKind {
  return params['cpuKind'] === 'bytecode' ? 'bytecode' : 'native';
}

function refuseBytecode(params: WorkloadParams): void {
  if (cpuKindOf(params) === 'bytecode') {
    throw new Error('cpu workload: cpuKind=bytecode (pure-Python CPU that holds the GIL) is implemented by the Python servers only (py-* strategies); Node.js strategies run cpuKind=native');
  }
}

/** Iterations (PBKDF2 rounds or bytecode steps) that cost `cpuMs` of CPU at `nsPerIteration` each. */
export function iterationsCosting(cpuMs: number, nsPerIteration: number): number {
  return Math.max(1, Math.round((cpuMs * 1e6) / nsPerIteration));
}

/**
 * `cpuIterations` from `cpuMs` and the runtime's calibration. Python's cpu is pure bytecode
 * (holds the GIL) unless the scenario asks for native; native is PBKDF2 on both runtimes.
 */
function calibrated(params: WorkloadParams, calibrations: Calibrations): WorkloadParams {
  const next: WorkloadParams = { ...params };
  if (calibrations.runtime === 'python') {
    next['cpuKind'] ??= 'bytecode';
    if (next['cpuKind'] === 'bytecode' && next['cpuIterations'] === undefined) {
      if (calibrations.bytecodeNsPerIteration === undefined) throw new Error('cpu workload on Python needs the bytecode calibration (serve.py --facts)');
      next['cpuIterations'] = iterationsCosting(Number(next['cpuMs']), calibrations.bytecodeNsPerIteration);
    }
  }
  if (next['cpuIterations'] === undefined) {
    if (calibrations.nsPerIteration === undefined) throw new Error('cpu workload needs a CPU calibration');
    next['cpuIterations'] = iterationsCosting(Number(next['cpuMs']), calibrations.nsPerIteration);
  }
  return next;
}

function valueOf(digest: Buffer): string {
  return digest.toString('hex').slice(0, 16);
}

export const cpu: Workload = {
  name: 'cpu',
  description: 'pure CPU: a PBKDF2-SHA256 chain calibrated to cost cpuMs per request',
  defaults: { cpuMs: 20 },
  paramSpecs: {
    cpuMs: { kind: 'number', min: 0.1, max: 10_000, description: 'CPU time one request costs, in ms' },
    cpuIterations: { kind: 'integer', min: 1, max: 1e9, description: 'PBKDF2 rounds (native) or bytecode loop steps per request (set by calibration)' },
    cpuKind: {
      kind: 'string',
      oneOf: ['native', 'bytecode'],
      description: 'native: PBKDF2 in OpenSSL (releases the GIL on Python); bytecode: a pure-Python loop holding the GIL (Python servers; their default)',
    },
  },
  init: ({ params }) => refuseBytecode(params),
  runBlocking(params, req) {
    refuseBytecode(params);
    return { workload: 'cpu', id: req.id, value: valueOf(hashChain(req.id, iterationsOf(params))) };
  },
  // The async analog of CPU work under asyncio: the same work inside an async function,
  // yielding to the loop between chunks. It still runs on the one event-loop thread, so
  // it cannot be faster than blocking; it only lets other requests interleave.
  async runNonBlocking(params, req) {
    refuseBytecode(params);
    const iterations = iterationsOf(params);
    let digest: Buffer = Buffer.from(String(req.id));
    for (let done = 0; done < iterations; done += CHUNK_ITERATIONS) {
      if (done > 0) await yieldToLoop();
      digest = chunk(digest, Math.min(CHUNK_ITERATIONS, iterations - done));
    }
    return { workload: 'cpu', id: req.id, value: valueOf(digest) };
  },
  usesCalibration: (params) => params['cpuIterations'] === undefined,
  calibrated,
  cpuBound: true,
  verifyValue: (params, req, value) =>
    value === (cpuKindOf(params) === 'bytecode' ? bytecodeValue(req.id, iterationsOf(params)) : valueOf(hashChain(req.id, iterationsOf(params)))),
};
