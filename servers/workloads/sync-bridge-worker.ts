/**
 * The worker side of SyncBridge (sync-bridge.ts): builds the async handler named by
 * workerData.target, then answers each request on the call port. After posting a reply
 * it sets cell 0 and wakes the blocked caller; on exit it sets cell 1, so a caller never
 * waits for a worker that is gone.
 */
import { workerData } from 'node:worker_threads';
import type { BridgeHandler, BridgeHandlerFactory, BridgeReply, BridgeRequest, BridgeWorkerData } from './sync-bridge.js';

const { target, signal, port } = workerData as BridgeWorkerData;

function wake(): void {
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function reply(message: BridgeReply): void {
  port.postMessage(message);
  wake();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message || String(error) : String(error);
}

process.on('exit', () => {
  Atomics.store(signal, 1, 1);
  wake();
});

let handler: BridgeHandler;
try {
  const module = (await import(target.module)) as Record<string, unknown>;
  const factory = module[target.factory] as BridgeHandlerFactory | undefined;
  if (typeof factory !== 'function') throw new Error(`${target.module} has no export '${target.factory}'`);
  handler = await factory(target.options);
} catch (error) {
  reply({ seq: 0, ok: false, error: messageOf(error) });
  port.close();
  process.exit(1);
}
reply({ seq: 0, ok: true, result: null });

port.on('message', ({ seq, request }: BridgeRequest) => {
  handler(request).then(
    (result) => reply({ seq, ok: true, result }),
    (error: unknown) => reply({ seq, ok: false, error: messageOf(error) }),
  );
});
