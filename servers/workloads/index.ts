import { cpu } from './cpu.js';
import { db } from './db.js';
import { file } from './file.js';
import { noop } from './noop.js';
import { sleep } from './sleep.js';
import type { Workload, WorkloadParams } from './types.js';
import { upstream } from './upstream.js';

/** The registry: its keys are the valid `--filter`/suite workload names. One line per workload. */
export const workloads = {
  noop,
  sleep,
  cpu,
  db,
  upstream,
  file,
} satisfies Record<string, Workload>;

export type WorkloadName = keyof typeof workloads;
export const workloadNames = Object.keys(workloads) as WorkloadName[];

export function isWorkloadName(name: string): name is WorkloadName {
  return Object.hasOwn(workloads, name);
}

export function getWorkload(name: string): Workload {
  if (!isWorkloadName(name)) {
    throw new Error(`unknown workload '${name}'; allowed: ${workloadNames.join(', ')}`);
  }
  return workloads[name];
}

/** The workload of that name, or undefined for a name outside the registry (`external` targets). */
export function findWorkload(name: string): Workload | undefined {
  return isWorkloadName(name) ? workloads[name] : undefined;
}

/** Whether a scenario's work per request comes from the machine's calibration (cpu without a fixed `cpuIterations`). */
export function usesCalibration(workloadName: string, params: WorkloadParams): boolean {
  return findWorkload(workloadName)?.usesCalibration?.(params) ?? false;
}
