/**
 * article-snippets: the article's Python examples run as written by Debian's python3
 * (servers/python/snippets.py): the blocking `time.sleep(2)` task, the three
 * `asyncio.gather` tasks (and the same awaited one after another), the gather with
 * `time.sleep` inside `async def` (the article's mistake), and its FastAPI route under 10
 * requests at once. Each is reported next to the article's quote and the wall time physics
 * allows. About 17 s (the article's own sleeps); Python missing: a clear error.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../../paths.js';
import { describeMissing, missingPythonModules, PYTHON_EXECUTABLE, PYTHON_SERVER_MODULES } from '../../../setup/parts/python.js';
import type { ArticleSnippetsResult, MicroBenchmark } from '../types.js';

/** 1: the article's sleeps as written. */
const SCALE = 1;
const TIMEOUT_MS = 120_000;

export const articleSnippets: MicroBenchmark<ArticleSnippetsResult> = {
  name: 'article-snippets',
  description: "the article's Python examples as written (time.sleep task, asyncio.gather of three tasks, the FastAPI route), wall ms next to the quotes",
  async run({ reaper, log }) {
    const missing = await missingPythonModules(PYTHON_SERVER_MODULES);
    if (missing.length > 0) throw new Error(`article-snippets: ${describeMissing(missing)} (${PYTHON_EXECUTABLE}); run npm run setup`);
    const script = join(packageRoot(), 'servers', 'python', 'snippets.py');
    log(`article-snippets: running the article's examples with their own sleeps (~${Math.round(17 * SCALE)} s)`);
    const child = spawn(PYTHON_EXECUTABLE, [script, '--scale', String(SCALE)], { stdio: ['ignore', 'pipe', 'pipe'] });
    reaper.track(child.pid, 'snippets.py');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => reaper.kill([child.pid]), TIMEOUT_MS);
      child.once('exit', (exitCode) => {
        clearTimeout(timer);
        reaper.release(child.pid);
        resolve(exitCode);
      });
    });
    if (code !== 0) throw new Error(`article-snippets: snippets.py exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ArticleSnippetsResult;
    for (const s of result.snippets) log(`  "${s.quote}" (${s.name}): ${s.wallMs.toFixed(0)} ms, physics allows ${s.idealMs.toFixed(0)} ms`);
    return result;
  },
  rows: (r) =>
    r.snippets.flatMap((s) => [
      { item: s.name, unit: 'ms' as const, value: s.wallMs, rmePct: null, samples: 1 },
      { item: `${s.name}/ideal`, unit: 'ratio' as const, value: s.wallMs / s.idealMs, rmePct: null, samples: 1 },
    ]),
};
