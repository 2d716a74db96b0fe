/**
 * Memory probe, run as `node --expose-gc memory-probe.js <mode> <count>` forked by the
 * memory-per-unit benchmark: a fresh process per kind of unit, so nothing else the
 * harness did is in its heap, and a full GC before each snapshot. It answers one
 * `result` (or `error`) message, ends everything it started and exits.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { isHeapReply, isReady, type IdleRequest } from '../entries/protocol.js';
import { compiledPath } from '../paths.js';
import { exited, firstMessage, readProcKiB } from '../processes.js';
import type { MemoryUnitFigures } from '../types.js';
import { memoryProbeModes, type MemoryProbeMessage, type MemoryProbeMode } from './protocol.js';

/** How long a started unit is left alone before it is measured (its start-up garbage settles). */
const SETTLE_MS = 300;
/** Longer than any run: the pending calls never resolve while measured. */
const HOUR_MS = 3_600_000;

const gc = (globalThis as { gc?: () => void }).gc;

async function fullGc(): Promise<void> {
  if (!gc) return;
  for (let i = 0; i < 3; i++) {
    gc();
    await nextTurn();
  }
}

interface Snapshot {
  rssBytes: number;
  heapUsedBytes: number;
  pssBytes: number | null;
}

async function snapshot(): Promise<Snapshot> {
  await fullGc();
  const usage = process.memoryUsage();
  return { rssBytes: usage.rss, heapUsedBytes: usage.heapUsed, pssBytes: readProcKiB('self', 'smaps_rollup', 'Pss') };
}

function perUnit(after: number | null, before: number | null, count: number): number | null {
  return after === null || before === null ? null : (after - before) / count;
}

function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function meanOrNull(values: (number | null)[]): number | null {
  return values.some((v) => v === null) ? null : mean(values as number[]);
}

async function send(message: MemoryProbeMessage): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    if (!process.send) return reject(new Error('memory probe must be forked with an IPC channel'));
    process.send(message, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

/** N async calls, each suspended at `await` on a timer of its own. */
async function measurePendingAsyncCalls(count: number): Promise<MemoryUnitFigures> {
  // Allocated before the baseline so that only the calls are counted.
  const calls = new Array<Promise<number> | undefined>(count).fill(undefined);
  const timers = new Array<NodeJS.Timeout | undefined>(count).fill(undefined);
  const sleep = (ms: number, slot: number): Promise<void> =>
    new Promise((resolve) => {
      timers[slot] = setTimeout(resolve, ms);
    });
  async function pendingCall(i: number): Promise<number> {
    await sleep(HOUR_MS, i);
    return i;
  }
  const before = await snapshot();
  for (let i = 0; i < count; i++) calls[i] = pendingCall(i);
  const after = await snapshot();
  for (const timer of timers) clearTimeout(timer);
  if (calls.length !== count) throw new Error('unreachable');
  return {
    unitCount: count,
    rssBytesPerUnit: (after.rssBytes - before.rssBytes) / count,
    pssBytesPerUnit: perUnit(after.pssBytes, before.pssBytes, count),
    heapUsedBytesPerUnit: (after.heapUsedBytes - before.heapUsedBytes) / count,
    method: `${count} async calls each awaiting its own timer (promise, suspended frame, Timeout) in one process; delta of process RSS / Pss / V8 heapUsed after full GC, divided by ${count}`,
  };
}

/** K idle worker threads in this process. */
async function measureWorkerThreads(count: number): Promise<MemoryUnitFigures> {
  const entry = compiledPath('bench/tools/micro/entries/idle-worker.js');
  const workers: Worker[] = [];
  try {
    const before = await snapshot();
    await Promise.all(
      Array.from({ length: count }, () => {
        const worker = new Worker(entry, { execArgv: [] });
        workers.push(worker);
        return firstMessage(worker, 'idle worker', isReady);
      }),
    );
    await delay(SETTLE_MS);
    const after = await snapshot();
    const heaps = await Promise.all(
      workers.map((worker) => {
        const reply = firstMessage(worker, 'idle worker', isHeapReply);
        worker.postMessage({ type: 'heap' } satisfies IdleRequest);
        return reply;
      }),
    );
    return {
      unitCount: count,
      rssBytesPerUnit: (after.rssBytes - before.rssBytes) / count,
      pssBytesPerUnit: perUnit(after.pssBytes, before.pssBytes, count),
      heapUsedBytesPerUnit: mean(heaps.map((h) => h.usedHeapBytes)),
      method: `${count} idle worker threads started in one process; delta of process RSS / Pss after full GC of the main isolate, divided by ${count}; heap is each worker isolate's own used heap`,
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** K idle forked children, each measured in /proc/PID. */
async function measureChildProcesses(count: number): Promise<MemoryUnitFigures> {
  const entry = compiledPath('bench/tools/micro/entries/idle-child.js');
  const children: ChildProcess[] = [];
  try {
    for (let i = 0; i < count; i++) {
      children.push(fork(entry, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    }
    // The parent tracks them by PID before anything else can go wrong.
    await send({ type: 'pids', pids: children.map((c) => c.pid).filter((pid): pid is number => pid !== undefined) });
    await Promise.all(children.map((child) => firstMessage(child, 'idle child', isReady)));
    await delay(SETTLE_MS);
    const rss = children.map((child) => readProcKiB(child.pid ?? -1, 'status', 'VmRSS'));
    const pss = children.map((child) => readProcKiB(child.pid ?? -1, 'smaps_rollup', 'Pss'));
    const heaps = await Promise.all(
      children.map((child) => {
        const reply = firstMessage(child, 'idle child', isHeapReply);
        child.send({ type: 'heap' } satisfies IdleRequest);
        return reply;
      }),
    );
    const rssBytesPerUnit = meanOrNull(rss);
    if (rssBytesPerUnit === null) throw new Error('cannot read VmRSS of the children from /proc/PID/status');
    return {
      unitCount: count,
      rssBytesPerUnit,
      pssBytesPerUnit: meanOrNull(pss),
      heapUsedBytesPerUnit: mean(heaps.map((h) => h.usedHeapBytes)),
      method: `${count} idle forked children; mean of each child's VmRSS (/proc/PID/status) and Pss (/proc/PID/smaps_rollup) and its own V8 used heap`,
    };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => exited(child)));
  }
}

const measurers: Record<MemoryProbeMode, (count: number) => Promise<MemoryUnitFigures>> = {
  'pending-async-calls': measurePendingAsyncCalls,
  'worker-threads': measureWorkerThreads,
  'child-processes': measureChildProcesses,
};

async function main(): Promise<void> {
  const mode = process.argv[2] as MemoryProbeMode;
  const count = Number(process.argv[3]);
  if (!memoryProbeModes.includes(mode)) throw new Error(`unknown probe mode '${mode}'; allowed: ${memoryProbeModes.join(', ')}`);
  if (!Number.isInteger(count) || count < 1) throw new Error(`bad unit count '${process.argv[3]}'`);
  const figures = await measurers[mode](count);
  await send({ type: 'result', gcExposed: gc !== undefined, figures });
}

// If the parent goes away, so does the probe; its children (forked here) then get
// 'disconnect' and exit too.
const onParentGone = (): never => process.exit(1);
process.on('disconnect', onParentGone);
try {
  await main();
} catch (error) {
  process.exitCode = 1;
  console.error(error);
  await send({ type: 'error', message: String((error as Error)?.message ?? error) }).catch(() => undefined);
} finally {
  process.off('disconnect', onParentGone);
  process.disconnect?.();
}
