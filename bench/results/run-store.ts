/**
 * Where a run's results live: `reports/<run-id>/` with `raw/` (each run's record, written
 * the moment it finishes), `results.json` (rewritten after every run, so an interruption
 * or a crash loses nothing already measured) and `reports/latest` → the newest run.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ResultsFile, RunRecord } from '../types.js';
import { replaceSymlink, writeFileAtomic } from './atomic-write.js';

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${Math.random().toString(36).slice(2, 6)}`;
}

export class RunStore {
  readonly dir: string;
  private rawCount = 0;

  constructor(
    readonly outDir: string,
    readonly runId: string,
  ) {
    this.dir = resolve(outDir, runId);
    mkdirSync(join(this.dir, 'raw'), { recursive: true });
    replaceSymlink(runId, resolve(outDir, 'latest'));
  }

  /** Persists one run's record at once. */
  writeRaw(record: RunRecord): void {
    this.rawCount++;
    const name = `${String(this.rawCount).padStart(4, '0')}-${record.scenarioId.replace(/[^a-zA-Z0-9=.,+-]+/g, '_')}-r${record.repetition}.json`;
    writeFileAtomic(join(this.dir, 'raw', name), JSON.stringify(record, null, 2) + '\n');
  }

  /** Rewrites results.json (atomically). */
  writeResults(results: ResultsFile): void {
    writeFileAtomic(join(this.dir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  }
}
