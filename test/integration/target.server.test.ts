/** `--target`: a server loopbench did not start, measured with the same drivers and checks. */
import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../bench/paths.js';

const SERVICE_MS = 20;
const outDir = mkdtempSync(join(tmpdir(), 'loopbench-target-'));
let worker: Worker;
let port: number;

// The target serves from a worker thread: spawnSync below blocks this thread's event loop.
beforeAll(async () => {
  worker = new Worker(
    `const http=require('node:http');const {parentPort}=require('node:worker_threads');
     const s=http.createServer((q,r)=>setTimeout(()=>r.end('hello from the sleeper'),${SERVICE_MS}));
     s.listen(0,'127.0.0.1',()=>parentPort.postMessage(s.address().port));`,
    { eval: true },
  );
  port = await new Promise<number>((resolve) => worker.once('message', resolve));
});
afterAll(async () => {
  await worker.terminate();
  rmSync(outDir, { recursive: true, force: true });
});

function bench(args: string[]) {
  return new Promise<{ status: number | null; stderr: string; results: any }>((resolve) => {
    setImmediate(() => {
      const result = spawnSync(process.execPath, [join(packageRoot(), 'dist', 'bench', 'cli.js'), ...args, '--out', outDir, '--no-ceiling'], { encoding: 'utf8' });
      let results;
      try {
        results = JSON.parse(readFileSync(join(outDir, 'latest', 'results.json'), 'utf8'));
      } catch {
        results = undefined;
      }
      resolve({ status: result.status, stderr: result.stderr, results });
    });
  });
}

describe('external target', () => {
  it('open model at 200/s reports ~200 req/s and p50 ~ the service time', async () => {
    {
      const { status, results, stderr } = await bench(['--target', `http://127.0.0.1:${port}/`, '--rate', '200', '--duration', '3', '--expect-body-contains', 'sleeper']);
      expect(status, stderr).toBe(0);
      const summary = results.summaries[0];
      expect(summary.state).toBe('ok');
      expect(summary.rps.median).toBeGreaterThan(190);
      expect(summary.rps.median).toBeLessThan(205);
      expect(summary.latencyP50Ms.median).toBeGreaterThan(SERVICE_MS - 1);
      expect(summary.latencyP50Ms.median).toBeLessThan(SERVICE_MS + 10);
      // A wrong expectation makes the run invalid before any load.
      const wrong = await bench(['--target', `http://127.0.0.1:${port}/`, '--duration', '1', '--expect-body-contains', 'nope']);
      expect(wrong.results.runs[0].state).toBe('invalid');
      expect(wrong.results.runs[0].reasons[0]).toMatch(/does not contain "nope"/);
    }
  });

  it('refuses a non-loopback target without --allow-remote (exit 2)', async () => {
    const { status, stderr } = await bench(['--target', 'http://198.51.100.7/']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/not a loopback address.*--allow-remote/);
  });
});
