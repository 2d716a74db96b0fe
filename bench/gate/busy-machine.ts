/**
 * `npm run baseline` refuses to write a baseline on a busy machine (exit 2, with the
 * reason) unless `--force`: a baseline taken while other processes held the CPU bakes
 * their interference into every figure the gate later compares with (the committed one
 * was taken at load 2.8, with parallel efficiencies of 0.31-0.9).
 *
 * Busy means, measured before the suite and again from the run itself:
 * - the parallelism control delivered fewer than 85% of the usable cores (K CPU-bound
 *   processes at once vs one alone: bench/run/parallelism-control.ts);
 * - before the suite, a 1-minute load average above half the usable cores (something
 *   else is running; the suite itself is not running yet);
 * - the A/A check, when it ran, spread beyond the practical band.
 */
import { loadavg } from 'node:os';
import { MAX_CONTROL_PROCESSES, measureDeliveredCores } from '../run/parallelism-control.js';
import type { ResultsFile } from '../types.js';

export const MIN_DELIVERED_SHARE = 0.85;
export const MAX_IDLE_LOAD_SHARE = 0.5;

export interface MachineState {
  usableCores: number;
  /** Processes the parallelism control ran at once (default: the usable cores). */
  controlProcesses?: number;
  /** Cores the parallelism control measured (median when several samples). */
  deliveredCores?: number;
  /** 1-minute load average before the suite started. */
  loadAverage1mBefore?: number;
  /** The A/A check's spread and band, when it ran. */
  aaSpread?: { spread: number; practicalBand: number };
}

const fmt = (v: number) => v.toFixed(2);

/** Why the machine is too busy for a baseline (empty: it is quiet enough). Pure. */
export function busyMachineReasons(m: MachineState): string[] {
  const reasons: string[] = [];
  const k = m.controlProcesses ?? m.usableCores;
  if (m.deliveredCores !== undefined && m.deliveredCores < MIN_DELIVERED_SHARE * k) {
    reasons.push(`the machine delivered ${fmt(m.deliveredCores)} of ${k} cores (parallelism control; at least ${fmt(MIN_DELIVERED_SHARE * k)} needed)`);
  }
  if (m.loadAverage1mBefore !== undefined && m.loadAverage1mBefore > MAX_IDLE_LOAD_SHARE * m.usableCores) {
    reasons.push(`the 1-minute load average was ${fmt(m.loadAverage1mBefore)} before the suite started (at most ${fmt(MAX_IDLE_LOAD_SHARE * m.usableCores)} on ${m.usableCores} cores)`);
  }
  if (m.aaSpread && m.aaSpread.spread > m.aaSpread.practicalBand) {
    reasons.push(`the A/A check spread ${(m.aaSpread.spread * 100).toFixed(1)}%, beyond the ${(m.aaSpread.practicalBand * 100).toFixed(0)}% band`);
  }
  return reasons;
}

/** The machine before a suite: load average now and one sample of the parallelism control. */
export async function machineBeforeSuite(usableCores: number): Promise<MachineState> {
  const loadAverage1mBefore = loadavg()[0] ?? 0;
  const controlProcesses = Math.min(usableCores, MAX_CONTROL_PROCESSES);
  const sample = await measureDeliveredCores(controlProcesses);
  return { usableCores, controlProcesses, loadAverage1mBefore, deliveredCores: sample.deliveredCores };
}

/** The machine as the run itself measured it (the control interleaved with the cpu runs, the A/A check). */
export function machineDuringRun(results: ResultsFile): MachineState {
  const noise = results.noise && 'spread' in results.noise ? results.noise : undefined;
  return {
    usableCores: results.machine.usableCores,
    ...(results.parallelism ? { deliveredCores: results.parallelism.deliveredCores, controlProcesses: results.parallelism.processes } : {}),
    ...(noise ? { aaSpread: { spread: noise.spread, practicalBand: noise.practicalBand } } : {}),
  };
}
