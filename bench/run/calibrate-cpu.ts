/**
 * Calibrates the cpu workload on this machine: how many CPU ns one PBKDF2-SHA256 round
 * costs, so that `cpuIterations = cpuMs / nsPerIteration` makes one request cost cpuMs.
 * The minimum over several trials is taken: interference from other processes only ever
 * makes a trial slower, so the minimum is the closest to the machine's true cost.
 * Thread CPU time (not wall time) is measured where Node offers it.
 */
import { hashChain, iterationsCosting } from '../../servers/workloads/cpu.js';
import type { CpuCalibration, SpeedSample } from '../types.js';

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

const SPEED_ITERATIONS = 50_000;

/**
 * The cpu workload's own kernel speed now: PBKDF2 rounds per CPU ms of this thread, over
 * 50,000 rounds (~10 ms on a 2020s core), taken before and after every CPU-bound run. The
 * mean, not the fastest of short trials: a noisy neighbour slows the work in bursts, and
 * the fastest trial slips between them (tried: the best of 3 x 2 ms read 0.95 of the
 * calibration while the run it preceded served 0.68 of its rate). On a shared host the
 * same work can cost twice the CPU for tens of seconds (measured: cpu/async/c50 needed
 * 26.6, then 48.4, then 31.4 CPU ms per 20 ms request within 6 minutes, with the server's
 * CPU time unchanged) while a floating-point spin loop ran at one speed throughout, so the
 * speed is measured on the work itself.
 */
export function measureKernelSpeed(): SpeedSample {
  const startNs = cpuNowNs();
  hashChain(7, SPEED_ITERATIONS);
  const nsPerIteration = Number(cpuNowNs() - startNs) / SPEED_ITERATIONS;
  return { measuredAt: new Date().toISOString(), workPerMs: 1e6 / nsPerIteration };
}
