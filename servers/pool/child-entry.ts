/**
 * Forked pool child: runs the workload's blocking implementation for each task it is
 * sent over IPC, one at a time (the analog of a multiprocessing pool worker). It exits
 * when its parent goes away, so it can never outlive the server that forked it.
 */
import { getWorkload } from '../workloads/index.js';
import type { ChildReplyMessage, ChildStartConfig, ChildTaskMessage } from './child-protocol.js';

const config = JSON.parse(process.argv[2] ?? '{}') as ChildStartConfig;
const workload = getWorkload(config.workloadName);
await workload.init?.({ params: config.params });

function reply(message: ChildReplyMessage): void {
  process.send?.(message);
}

process.on('message', (message: ChildTaskMessage) => {
  if (message.type !== 'task') return;
  try {
    reply({ type: 'done', seq: message.seq, body: workload.runBlocking(config.params, message.req) });
  } catch (error) {
    reply({ type: 'failed', seq: message.seq, message: String((error as Error)?.message ?? error) });
  }
});
process.on('disconnect', () => process.exit(0));
// SIGTERM from the server's own shutdown, or from the harness's process-group signal.
process.on('SIGTERM', () => process.exit(0));
reply({ type: 'ready' });
