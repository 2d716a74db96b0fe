import { describe, expect, it } from 'vitest';
import { claims } from '../../bench/claims/index.js';
import type { MemoryPerUnitResult, MemoryUnitFigures } from '../../bench/tools/micro/types.js';
import { around, emptyResults, ResultsBuilder, scenarioOf, verdictOf } from './helpers.js';

const asyncSleep = scenarioOf(claims.C5, 'sleep/async/c10');
const threadPerRequest = scenarioOf(claims.C5, 'sleep/thread-per-request/c10');

function unit(rssBytesPerUnit: number): MemoryUnitFigures {
  return { unitCount: 4, rssBytesPerUnit, pssBytesPerUnit: null, heapUsedBytesPerUnit: null, method: 'fixture' };
}

function memory(asyncCall: number, thread: number, child: number): MemoryPerUnitResult {
  return {
    gcExposed: true,
    pendingAsyncCall: unit(asyncCall),
    workerThread: unit(thread),
    childProcess: unit(child),
    workerOverAsyncCallRssRatio: thread / asyncCall,
    childOverWorkerRssRatio: child / thread,
  };
}

/** async: 190 req/s on 80 MB with 0.3 s CPU; thread-per-request: 16 req/s on 170 MB with 1.5 s CPU. */
function runs(tprRssMb = 170, tprCpuS = 1.5): ResultsBuilder {
  return new ResultsBuilder()
    .add(asyncSleep, around(80).map((rssMb) => ({ rps: 190, rssMb, cpuS: 0.3 })))
    .add(threadPerRequest, around(tprRssMb).map((rssMb) => ({ rps: 16, rssMb, cpuS: tprCpuS })));
}

describe('C5: lightweight async vs threads', () => {
  it('is supported when a pending call costs less memory and CPU than a thread', () => {
    const v = verdictOf('C5', runs().withMicro('memory-per-unit', memory(150, 2_500_000, 40_000_000)).build());
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toMatch(/memory: async 76.3 MiB RSS vs thread-per-request 162 MiB RSS, 2.1\d× lower/);
    expect(v.evidence).toMatch(/CPU: async 0.526 ms CPU\/request vs thread-per-request 31.2 ms CPU\/request/);
    expect(v.evidence).toContain('micro, RSS per unit: pending async call 150 B, worker thread 2.38 MiB (16,700×), child process 38.1 MiB');
  });

  it('is refuted when a thread costs no more than a pending call', () => {
    expect(verdictOf('C5', runs(80, 0.3).withMicro('memory-per-unit', memory(150, 2_500_000, 40_000_000)).build()).verdict).toBe('refuted');
    expect(verdictOf('C5', runs().withMicro('memory-per-unit', memory(3000, 2000, 40_000_000)).build()).verdict).toBe('refuted');
  });

  it('is inconclusive when the micro-benchmark is between the margins, or missing', () => {
    expect(verdictOf('C5', runs().withMicro('memory-per-unit', memory(1000, 1500, 40_000_000)).build()).verdict).toBe('inconclusive');
    const v = verdictOf('C5', runs().build());
    expect(v.verdict).toBe('inconclusive');
    expect(v.evidence).toContain('not measured in this run: micro memory-per-unit');
  });

  it('is not measured when neither the servers nor the micro-benchmark ran', () => {
    expect(verdictOf('C5', emptyResults()).verdict).toBe('not-measured');
  });
});
