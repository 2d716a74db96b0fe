/**
 * Messages between the micro-benchmarks and their idle entries (idle-worker, idle-child):
 * an idle unit says `ready` once, then answers `heap` requests until it is ended.
 */
export type IdleRequest = { type: 'heap' };

export type IdleReply = { type: 'ready' } | { type: 'heap'; usedHeapBytes: number };

export function isReady(message: unknown): message is { type: 'ready' } {
  return (message as IdleReply | undefined)?.type === 'ready';
}

export function isHeapReply(message: unknown): message is { type: 'heap'; usedHeapBytes: number } {
  return (message as IdleReply | undefined)?.type === 'heap';
}
