import { Worker } from 'node:worker_threads';
import { poolEntryPath } from '../pool/paths.js';
import type { ThreadPerRequestData, ThreadPerRequestMessage } from '../pool/thread-per-request-entry.js';
import type { WorkBody } from '../workloads/types.js';
import type { NodeStrategy } from './types.js';

/**
 * One new worker thread per request, which runs the sync implementation and ends (the
 * analog of a thread per connection). Waits overlap as on `async`, but every request pays
 * a thread's start-up CPU and memory (claim C5).
 */
export const threadPerRequest: NodeStrategy = {
  name: 'thread-per-request',
  runtime: 'node',
  order: 3,
  colour: '#56B4E9',
  memoryUnit: { unit: 'thread per request', countedBy: 'connections' },
  core: false,
  role: 'thread-per-request',
  description: 'a new worker thread per request runs the sync implementation: overlaps waits, pays a thread start per request',
  topology: 'single',
  usesPool: false,
  runsBlockingImplementation: true,
  // No bound: every request has its own thread (ideal: C for waits, cores for CPU).
  executors: () => Number.POSITIVE_INFINITY,
  async createHandler({ workloadName, params }) {
    const entry = poolEntryPath('thread-per-request-entry.js');
    const live = new Set<Worker>();
    return {
      handle: (req) =>
        new Promise<WorkBody>((resolve, reject) => {
          const worker = new Worker(entry, { workerData: { workloadName, params, req } satisfies ThreadPerRequestData });
          live.add(worker);
          let settled = false;
          worker.once('message', (message: ThreadPerRequestMessage) => {
            settled = true;
            if ('body' in message) resolve(message.body);
            else reject(new Error(message.error));
          });
          worker.once('error', (error) => {
            settled = true;
            reject(error);
          });
          worker.once('exit', (code) => {
            live.delete(worker);
            if (!settled) reject(new Error(`request thread exited with code ${code} before answering`));
          });
        }),
      close: async () => {
        await Promise.allSettled([...live].map((worker) => worker.terminate()));
      },
    };
  },
};
