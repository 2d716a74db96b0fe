/**
 * piscina worker entry: runs the workload's blocking implementation on this worker
 * thread. The workload is initialised once per thread (top-level await) from workerData.
 */
import { workerData } from 'node:worker_threads';
import { getWorkload } from '../workloads/index.js';
import type { WorkBody, WorkloadParams, WorkRequest } from '../workloads/types.js';

export interface WorkTask {
  /** Absent on the warm-up task the pool sends to start every thread. */
  req?: WorkRequest;
  warmup?: boolean;
}

const { workloadName, params } = workerData as { workloadName: string; params: WorkloadParams };
const workload = getWorkload(workloadName);
await workload.init?.({ params });

export default function runTask(task: WorkTask): WorkBody | null {
  if (!task.req) return null;
  return workload.runBlocking(params, task.req);
}
