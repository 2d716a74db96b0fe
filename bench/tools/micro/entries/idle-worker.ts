/**
 * A worker thread that does nothing: says `ready` as its first message, then stays idle
 * (its port keeps it alive) until terminated. Measures what a thread costs by itself.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import type { IdleReply, IdleRequest } from './protocol.js';

if (!parentPort) throw new Error('idle-worker must run as a worker thread');
const port = parentPort;

port.on('message', (message: IdleRequest) => {
  if (message?.type === 'heap') {
    port.postMessage({ type: 'heap', usedHeapBytes: getHeapStatistics().used_heap_size } satisfies IdleReply);
  }
});
port.postMessage({ type: 'ready' } satisfies IdleReply);
