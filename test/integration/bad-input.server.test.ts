/**
 * Bad input found by trying it as a user would: an empty --filter, an --out that cannot be
 * a folder, and a --target that refuses connections. Each ends with a clear message and the
 * exit code the README lists, before any load where the input alone is wrong.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../bench/paths.js';

const cli = join(packageRoot(), 'dist', 'bench', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'loopbench-bad-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bench(args: string[], timeoutMs = 30_000) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: timeoutMs });
}

/** A loopback port nothing listens on: bound, then closed. */
async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('bench CLI on bad input', () => {
  it('an empty --filter (or only commas or spaces) is exit 2, not the whole suite', () => {
    for (const filter of ['', ',,', '  ']) {
      const out = join(dir, 'filter');
      const r = bench(['--filter', filter, '--out', out]);
      expect(r.status, `--filter '${filter}'`).toBe(2);
      expect(r.stderr).toMatch(/--filter is empty/);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('--out under a regular file is exit 2 with a message, no stack trace, nothing written', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const r = bench(['--filter', 'noop,async', '--out', join(file, 'reports')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out: .*a-file\/reports cannot be created: .*a-file is a file, not a folder/);
    expect(r.stderr).not.toMatch(/ENOTDIR|    at /);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('--out under /proc is exit 2 at once (no spinning mkdir)', () => {
    const r = bench(['--filter', 'noop,async', '--out', '/proc/x'], 20_000);
    expect(r.error).toBeUndefined(); // not killed by the timeout
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out: \/proc\/x is under \/proc/);
  });

  it('a run in which no scenario produced a valid result (a refused --target) exits 3', async () => {
    const port = await refusedPort();
    const out = join(dir, 'refused');
    const r = bench(['--target', `http://127.0.0.1:${port}/`, '--duration', '0.5', '--warmup', '0', '--repetitions', '1', '--out', out], 60_000);
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/no scenario produced a valid result/);
    // What was measured (the errored run and its reason) is still written.
    const results = JSON.parse(readFileSync(join(realpathSync(join(out, 'latest')), 'results.json'), 'utf8')) as { runs: { state: string }[] };
    expect(results.runs.length).toBe(1);
    expect(results.runs[0]!.state).not.toBe('ok');
    expect(readdirSync(out).length).toBeGreaterThan(0);
  });
});
