import type { WorkBody, WorkloadParams, WorkRequest } from '../workloads/types.js';

/** Parent → child: one task, tagged with a sequence number. */
export interface ChildTaskMessage {
  type: 'task';
  seq: number;
  req: WorkRequest;
}

/** Child → parent. */
export type ChildReplyMessage =
  | { type: 'ready' }
  | { type: 'done'; seq: number; body: WorkBody }
  | { type: 'failed'; seq: number; message: string };

/** What a child is told at start (argv[2], JSON). */
export interface ChildStartConfig {
  workloadName: string;
  params: WorkloadParams;
}
