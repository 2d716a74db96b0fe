import { beforeAll, describe, expect, it } from 'vitest';
import { runMicroBenchmarks } from '../../bench/tools/micro/run.js';
import type { MicroResults } from '../../bench/tools/micro/types.js';
import { leftoverProcesses, requireBuild } from './helpers.js';

describe('memory-per-unit and startup (claim C5)', () => {
  let results: MicroResults;
  beforeAll(async () => {
    requireBuild();
    results = await runMicroBenchmarks({ only: ['startup', 'memory-per-unit'] });
  });

  it('runs both without errors', () => {
    expect(results.errors).toEqual([]);
    expect(results.schemaVersion).toBe(1);
    expect(results.kind).toBe('loopbench-micro');
  });

  // Orders of magnitude apart on any machine: ~1 KB per pending call, MBs per thread
  // (a V8 isolate), tens of MB per process (a whole Node runtime).
  it('costs more per child process than per worker thread, and more per thread than per pending async call', () => {
    const m = results.results['memory-per-unit']!;
    expect(m.gcExposed).toBe(true);
    expect(m.pendingAsyncCall.rssBytesPerUnit).toBeGreaterThan(0);
    expect(m.workerThread.rssBytesPerUnit).toBeGreaterThan(100 * m.pendingAsyncCall.rssBytesPerUnit);
    expect(m.childProcess.rssBytesPerUnit).toBeGreaterThan(m.workerThread.rssBytesPerUnit);
    expect(m.pendingAsyncCall.heapUsedBytesPerUnit).toBeGreaterThan(0);
    expect(m.pendingAsyncCall.heapUsedBytesPerUnit).toBeLessThan(64 * 1024);
  });

  it('times both kinds of start-up', () => {
    const s = results.results.startup!;
    expect(s.worker.samples).toBeGreaterThan(0);
    expect(s.fork.samples).toBeGreaterThan(0);
    expect(s.workerStartMs).toBeGreaterThan(0);
    expect(s.forkStartMs).toBeGreaterThan(0);
  });

  it('leaves no worker, child or probe process behind', () => {
    expect(leftoverProcesses()).toEqual([]);
  });
});
