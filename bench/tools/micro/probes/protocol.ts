import type { MemoryUnitFigures } from '../types.js';

/** What the memory probe measures, one kind of unit per probe process. */
export type MemoryProbeMode = 'pending-async-calls' | 'worker-threads' | 'child-processes';

export const memoryProbeModes: readonly MemoryProbeMode[] = ['pending-async-calls', 'worker-threads', 'child-processes'];

/** Probe → parent. `pids` comes as soon as children are forked, before anything can fail. */
export type MemoryProbeMessage =
  | { type: 'pids'; pids: number[] }
  | { type: 'result'; gcExposed: boolean; figures: MemoryUnitFigures }
  | { type: 'error'; message: string };
