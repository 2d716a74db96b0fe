/**
 * Entry of the `thread-per-request` strategy: one fresh worker thread per request runs the
 * workload's blocking implementation once, posts the answer and ends. The thread's whole
 * life (start, module loading, init, work, teardown) is the cost under test (claim C5).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkBody, Workload, WorkloadParams, WorkRequest } from '../workloads/types.js';

export interface ThreadPerRequestData {
  workloadName: string;
  params: WorkloadParams;
  req: WorkRequest;
}

export type ThreadPerRequestMessage = { body: WorkBody } | { error: string };

/**
 * Loads only the workload's own module (file name = registry key), not the registry with
 * every workload and its drivers: the least a new thread must load to do the work.
 */
async function loadWorkload(name: string): Promise<Workload> {
  const module = (await import(new URL(`../workloads/${name}.js`, import.meta.url).href)) as Record<string, unknown>;
  const found = Object.values(module).find((v): v is Workload => typeof v === 'object' && v !== null && (v as Workload).name === name);
  if (!found) throw new Error(`thread-per-request: servers/workloads/${name}.js exports no workload named '${name}'`);
  return found;
}

const { workloadName, params, req } = workerData as ThreadPerRequestData;
let workload: Workload | undefined;
try {
  workload = await loadWorkload(workloadName);
  await workload.init?.({ params });
  parentPort!.postMessage({ body: workload.runBlocking(params, req) } satisfies ThreadPerRequestMessage);
} catch (error) {
  parentPort!.postMessage({ error: String((error as Error)?.stack ?? error) } satisfies ThreadPerRequestMessage);
} finally {
  await workload?.close?.();
}
