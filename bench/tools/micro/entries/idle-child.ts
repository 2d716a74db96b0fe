/**
 * A forked child that does nothing: says `ready` as its first IPC message, then stays
 * idle (the IPC channel keeps it alive). It exits when its parent disconnects or goes
 * away, so it cannot outlive whoever forked it.
 */
import { getHeapStatistics } from 'node:v8';
import type { IdleReply, IdleRequest } from './protocol.js';

if (!process.send) throw new Error('idle-child must be forked with an IPC channel');

function reply(message: IdleReply): void {
  process.send?.(message);
}

process.on('message', (message: IdleRequest) => {
  if (message?.type === 'heap') reply({ type: 'heap', usedHeapBytes: getHeapStatistics().used_heap_size });
});
process.on('disconnect', () => process.exit(0));
reply({ type: 'ready' });
