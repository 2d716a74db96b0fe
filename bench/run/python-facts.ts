/**
 * The Python runtime's facts for a run with py-* scenarios: `serve.py --facts` reports the
 * interpreter and package versions and calibrates the pure-Python cpu loop (cpuKind=bytecode)
 * on this machine, the Python counterpart of bench/run/calibrate-cpu.ts.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { iterationsCosting } from '../../servers/workloads/cpu.js';
import { pythonServerEntryPath } from '../paths.js';
import { PYTHON_EXECUTABLE } from '../setup/parts/python.js';
import type { PythonFacts } from '../types.js';

const run = promisify(execFile);

export async function pythonFacts(): Promise<PythonFacts> {
  const { stdout } = await run(PYTHON_EXECUTABLE, [pythonServerEntryPath(), '--facts'], { timeout: 60_000 });
  const facts = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as PythonFacts;
  if (!(facts.bytecodeNsPerIteration > 0)) throw new Error(`${PYTHON_EXECUTABLE} serve.py --facts: no bytecode calibration in ${stdout.slice(0, 200)}`);
  return facts;
}

/** Bytecode loop steps that cost `cpuMs` of CPU, from the calibration. */
export function bytecodeIterationsFor(cpuMs: number, facts: PythonFacts): number {
  return iterationsCosting(cpuMs, facts.bytecodeNsPerIteration);
}
