/**
 * While a suite runs, results.json is rewritten after every run with the summaries so far.
 * runSuite updates only the summary of the scenario just measured (bench/run-suite.ts); each
 * file it writes must hold exactly what summarising every scenario from scratch gives.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBenchOptions } from '../../bench/options.js';
import { planRuns } from '../../bench/plan.js';
import { Progress } from '../../bench/progress.js';
import { RunStore } from '../../bench/results/run-store.js';
import { runSuite } from '../../bench/run-suite.js';
import { suites } from '../../bench/suites/index.js';
import { summarizeAll } from '../../bench/summarize.js';
import type { ResultsFile } from '../../bench/types.js';
import { fakeRunner, physicsWorld } from './fake-runner.js';

const outDir = mkdtempSync(join(tmpdir(), 'loopbench-summaries-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

class RecordingStore extends RunStore {
  readonly written: ResultsFile[] = [];
  override writeResults(results: ResultsFile): void {
    this.written.push(structuredClone(results));
    super.writeResults(results);
  }
}

describe('summaries written during a run', () => {
  it('after each run equal every scenario summarised from scratch', async () => {
    const options = parseBenchOptions(['--suite', 'ci']);
    const plan = planRuns(suites.ci, options);
    const store = new RecordingStore(outDir, 'during');
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
    await runSuite(plan, options, store, { signal: new AbortController().signal, progress: new Progress(plan.runs.length, silent), runner: fakeRunner({ world: physicsWorld }) });
    const duringRuns = store.written.filter((r) => r.runs.length > 0);
    expect(duringRuns.length).toBeGreaterThanOrEqual(plan.runs.length);
    const runCounts = new Set(duringRuns.map((r) => r.runs.length));
    expect(runCounts.size).toBe(plan.runs.length);
    for (const written of duringRuns) {
      expect(written.summaries, `after ${written.runs.length} runs`).toEqual(summarizeAll(plan.scenarios, written.runs, written.harnessCeilingRps));
    }
  });
});
