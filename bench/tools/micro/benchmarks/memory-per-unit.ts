/**
 * memory-per-unit (claim C5): memory one concurrent unit costs: a pending async call
 * (awaiting a timer of its own) vs an idle worker thread vs an idle child process. Not a
 * timing: each kind is measured in a fresh `node --expose-gc` probe process
 * (bench/tools/micro/probes/memory-probe.ts) so the harness's own heap is not in the figures.
 *
 * Pss splits each shared page among the processes that map it: a child's Pss is below
 * its RSS because the node binary and libraries are shared with its siblings, the probe,
 * and every other node process on the machine, so it depends on what else runs.
 */
import { fork } from 'node:child_process';
import { compiledPath } from '../paths.js';
import { exited, firstMessage, withTimeout } from '../processes.js';
import type { MemoryProbeMessage, MemoryProbeMode } from '../probes/protocol.js';
import type { MemoryPerUnitResult, MemoryUnitFigures, MicroBenchmark, MicroContext, MicroRow } from '../types.js';

/** Many, so that heap growth in whole pages is negligible per call. */
const PENDING_CALLS = 100_000;
const WORKER_THREADS = 4;
const CHILD_PROCESSES = 4;
const PROBE_TIMEOUT_MS = 30_000;

type ProbeResult = Extract<MemoryProbeMessage, { type: 'result' }>;

async function runProbe({ reaper, log }: MicroContext, mode: MemoryProbeMode, count: number): Promise<ProbeResult> {
  const probeEntry = compiledPath('bench/tools/micro/probes/memory-probe.js');
  const childEntry = compiledPath('bench/tools/micro/entries/idle-child.js');
  const probe = fork(probeEntry, [mode, String(count)], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  reaper.track(probe.pid, probeEntry);
  const grandchildren: number[] = [];
  probe.on('message', (message: MemoryProbeMessage) => {
    if (message.type !== 'pids') return;
    for (const pid of message.pids) {
      reaper.track(pid, childEntry);
      grandchildren.push(pid);
    }
  });
  try {
    const answer = await firstMessage(
      probe,
      `memory probe (${mode})`,
      (m): m is Exclude<MemoryProbeMessage, { type: 'pids' }> =>
        (m as MemoryProbeMessage).type === 'result' || (m as MemoryProbeMessage).type === 'error',
      PROBE_TIMEOUT_MS,
    );
    if (answer.type === 'error') throw new Error(`memory probe (${mode}) failed: ${answer.message}`);
    // The probe ends its units, then exits by itself.
    await withTimeout(exited(probe), 10_000, `memory probe (${mode}) exit`);
    return answer;
  } finally {
    if (probe.exitCode === null && probe.signalCode === null) {
      probe.kill('SIGKILL');
      await exited(probe);
    }
    reaper.release(probe.pid);
    // Normally the probe has ended its children already; if it could not, kill them by PID.
    const killed = reaper.kill(grandchildren);
    if (killed.length > 0) log(`memory-per-unit: killed ${killed.length} leftover child process(es) of the ${mode} probe`);
  }
}

function rowsOf(item: string, f: MemoryUnitFigures): Omit<MicroRow, 'benchmark'>[] {
  const rows: Omit<MicroRow, 'benchmark'>[] = [
    { item: `${item}.rss`, unit: 'bytes/unit', value: f.rssBytesPerUnit, rmePct: null, samples: f.unitCount },
  ];
  if (f.pssBytesPerUnit !== null) {
    rows.push({ item: `${item}.pss`, unit: 'bytes/unit', value: f.pssBytesPerUnit, rmePct: null, samples: f.unitCount });
  }
  if (f.heapUsedBytesPerUnit !== null) {
    rows.push({ item: `${item}.heap-used`, unit: 'bytes/unit', value: f.heapUsedBytesPerUnit, rmePct: null, samples: f.unitCount });
  }
  return rows;
}

export const memoryPerUnit: MicroBenchmark<MemoryPerUnitResult> = {
  name: 'memory-per-unit',
  description: `memory per pending async call (${PENDING_CALLS}) vs idle worker thread (${WORKER_THREADS}) vs idle child process (${CHILD_PROCESSES})`,
  claim: 'C5',
  async run(ctx) {
    // One probe at a time: each measures a process that is otherwise idle.
    const calls = await runProbe(ctx, 'pending-async-calls', PENDING_CALLS);
    const threads = await runProbe(ctx, 'worker-threads', WORKER_THREADS);
    const children = await runProbe(ctx, 'child-processes', CHILD_PROCESSES);
    return {
      gcExposed: calls.gcExposed && threads.gcExposed && children.gcExposed,
      pendingAsyncCall: calls.figures,
      workerThread: threads.figures,
      childProcess: children.figures,
      workerOverAsyncCallRssRatio: threads.figures.rssBytesPerUnit / calls.figures.rssBytesPerUnit,
      childOverWorkerRssRatio: children.figures.rssBytesPerUnit / threads.figures.rssBytesPerUnit,
    };
  },
  rows: (r) => [
    ...rowsOf('pending-async-call', r.pendingAsyncCall),
    ...rowsOf('worker-thread', r.workerThread),
    ...rowsOf('child-process', r.childProcess),
    { item: 'worker/async-call.rss', unit: 'ratio', value: r.workerOverAsyncCallRssRatio, rmePct: null, samples: null },
    { item: 'child/worker.rss', unit: 'ratio', value: r.childOverWorkerRssRatio, rmePct: null, samples: null },
  ],
};
