/**
 * Calibrates the cpu workload on this machine: how many CPU ns one PBKDF2-SHA256 round
 * costs, so that `cpuIterations = cpuMs / nsPerIteration` makes one request cost cpuMs.
 * The minimum over several trials is taken: interference from other processes only ever
 * makes a trial slower, so the minimum is the closest to the machine's true cost.
 * Thread CPU time (not wall time) is measured where Node offers it.
 */
import { hashChain, iterationsCosting } from '../../servers/workloads/cpu.js';
import type { CpuCalibration } from '../types.js';

const TRIAL_ITERATIONS = 30_000;
const TRIALS = 7;

function cpuNowNs(): bigint {
  // process.threadCpuUsage is newer than Node 20; fall back to process CPU (the harness is idle here).
  const threadUsage = (process as unknown as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage;
  const usage = threadUsage ? threadUsage() : process.cpuUsage();
  return BigInt(usage.user + usage.system) * 1000n;
}

export function calibrateCpu(): CpuCalibration {
  hashChain(1, TRIAL_ITERATIONS); // warm the JIT
  let bestNsPerIteration = Infinity;
  for (let trial = 0; trial < TRIALS; trial++) {
    const startNs = cpuNowNs();
    hashChain(trial, TRIAL_ITERATIONS);
    const spentNs = Number(cpuNowNs() - startNs);
    bestNsPerIteration = Math.min(bestNsPerIteration, spentNs / TRIAL_ITERATIONS);
  }
  return { nsPerIteration: bestNsPerIteration, measuredAt: new Date().toISOString() };
}

export function cpuIterationsFor(cpuMs: number, calibration: CpuCalibration): number {
  return iterationsCosting(cpuMs, calibration.nsPerIteration);
}
