/** The CLI as a user meets it: bad flags, and Ctrl-C in the middle of a run. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../bench/paths.js';
import { cmdlineOf } from './helpers.js';
import { readdirSync } from 'node:fs';

const root = packageRoot();
const cli = join(root, 'dist', 'bench', 'cli.js');
const outDir = mkdtempSync(join(tmpdir(), 'loopbench-cli-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Every live process on the machine started from this checkout's compiled servers. */
function serversOfThisCheckout(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => cmdlineOf(pid).includes(join(root, 'dist', 'servers')));
}

describe('bench CLI', () => {
  it('exits 2 with a message naming the flag for bad input, and starts nothing', () => {
    const cases: [string[], RegExp][] = [
      [['--suite', 'huge'], /--suite: unknown suite 'huge'; allowed: /],
      [['--filter', 'fibers'], /--filter: unknown term 'fibers'/],
      [['--duration', '-3'], /--duration must be a number > 0/],
      [['--connections', 'many'], /--connections must be an integer/],
      [['--nope'], /Unknown option '--nope'/],
      [['--driver', 'undici'], /--driver must be lean or autocannon; got 'undici'/],
    ];
    for (const [args, message] of cases) {
      const out = join(outDir, 'bad');
      const result = spawnSync(process.execPath, [cli, ...args, '--out', out], { encoding: 'utf8' });
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('on Ctrl-C stops every server, writes what was measured and exits 130', async () => {
    const out = join(outDir, 'sigint');
    const child = spawn(process.execPath, [cli, '--suite', 'quick', '--filter', 'sleep', '--duration', '1.5', '--warmup', '0.2', '--out', out], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Interrupt in the middle of the third run: two runs are measured, one is under load.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no third run started:\n${stderr}`)), 90_000);
      const poll = setInterval(() => {
        if (/\[ *3\/\d+\]/.test(stderr)) {
          clearInterval(poll);
          clearTimeout(timer);
          setTimeout(resolve, 800);
        }
      }, 50);
    });
    expect(serversOfThisCheckout().length).toBeGreaterThan(0);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(serversOfThisCheckout()).toEqual([]);
    const results = JSON.parse(readFileSync(join(out, 'latest', 'results.json'), 'utf8'));
    expect(results.status).toBe('interrupted');
    expect(results.runs.filter((r: { state: string }) => r.state === 'ok').length).toBeGreaterThanOrEqual(2);
    expect(readdirSync(join(out, 'latest', 'raw')).length).toBeGreaterThanOrEqual(2);
  });
});
