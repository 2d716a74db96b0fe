/**
 * python-memory-per-unit (claim C5 on Python): memory one concurrent unit costs in the
 * article's runtime: a pending coroutine vs an idle thread vs an idle process
 * (servers/python/memory_probe.py, run by Debian's python3, one fresh process per kind),
 * in the same MemoryUnitFigures as memory-per-unit's Node.js figures, so both sit side by side.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../../paths.js';
import { PYTHON_EXECUTABLE } from '../../../setup/parts/python.js';
import type { MemoryUnitFigures, MicroBenchmark, MicroContext, MicroRow, PythonMemoryPerUnitResult } from '../types.js';

const COROUTINES = 100_000;
const THREADS = 16;
const PROCESSES = 4;
const PROBE_TIMEOUT_MS = 60_000;

async function probe({ reaper }: MicroContext, mode: 'coroutines' | 'threads' | 'processes', count: number): Promise<MemoryUnitFigures> {
  const script = join(packageRoot(), 'servers', 'python', 'memory_probe.py');
  // detached: its own process group, so a timeout can end the forked children too.
  const child = spawn(PYTHON_EXECUTABLE, [script, mode, String(count)], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  reaper.track(child.pid, 'memory_probe.py');
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, PROBE_TIMEOUT_MS);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      reaper.release(child.pid);
      resolve(exitCode);
    });
  });
  if (code !== 0) throw new Error(`python-memory-per-unit: memory_probe.py ${mode} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as MemoryUnitFigures;
}

function rowsOf(item: string, f: MemoryUnitFigures): Omit<MicroRow, 'benchmark'>[] {
  const rows: Omit<MicroRow, 'benchmark'>[] = [{ item: `${item}.rss`, unit: 'bytes/unit', value: f.rssBytesPerUnit, rmePct: null, samples: f.unitCount }];
  if (f.pssBytesPerUnit !== null) rows.push({ item: `${item}.pss`, unit: 'bytes/unit', value: f.pssBytesPerUnit, rmePct: null, samples: f.unitCount });
  return rows;
}

export const pythonMemoryPerUnit: MicroBenchmark<PythonMemoryPerUnitResult> = {
  name: 'python-memory-per-unit',
  description: `Python: memory per pending coroutine (${COROUTINES}) vs idle thread (${THREADS}) vs idle process (${PROCESSES})`,
  claim: 'C5',
  async run(ctx) {
    const coroutine = await probe(ctx, 'coroutines', COROUTINES);
    const thread = await probe(ctx, 'threads', THREADS);
    const processUnit = await probe(ctx, 'processes', PROCESSES);
    return {
      pendingCoroutine: coroutine,
      thread,
      process: processUnit,
      threadOverCoroutineRssRatio: thread.rssBytesPerUnit / coroutine.rssBytesPerUnit,
      processOverThreadRssRatio: processUnit.rssBytesPerUnit / thread.rssBytesPerUnit,
    };
  },
  rows: (r) => [
    ...rowsOf('python-coroutine', r.pendingCoroutine),
    ...rowsOf('python-thread', r.thread),
    ...rowsOf('python-process', r.process),
    { item: 'python-thread/coroutine.rss', unit: 'ratio', value: r.threadOverCoroutineRssRatio, rmePct: null, samples: null },
    { item: 'python-process/thread.rss', unit: 'ratio', value: r.processOverThreadRssRatio, rmePct: null, samples: null },
  ],
};
