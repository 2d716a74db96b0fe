/** `--out` checked before any load: no mkdir under a file, none under /proc or /sys, writable. */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutDir } from '../../bench/results/out-dir.js';
import { UsageError } from '../../bench/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'loopbench-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refusal(path: string): string {
  try {
    checkOutDir(path);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`expected --out ${path} to be refused`);
}

describe('checkOutDir', () => {
  it('accepts an existing folder and a missing one under a writable folder, creating nothing', () => {
    expect(checkOutDir(dir)).toBe(dir);
    expect(checkOutDir(join(dir, 'a', 'b', 'c'))).toBe(join(dir, 'a', 'b', 'c'));
    expect(existsSync(join(dir, 'a'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]); // the write probe is gone
  });

  it('refuses a path under a regular file, and a regular file itself', () => {
    const file = join(dir, 'results.json');
    writeFileSync(file, '{}');
    expect(refusal(join(file, 'x', 'y'))).toMatch(/cannot be created: .*results\.json is a file, not a folder/);
    expect(refusal(file)).toMatch(/results\.json is a file, not a folder/);
    rmSync(file);
  });

  it('refuses kernel pseudo file systems without touching them', () => {
    expect(refusal('/proc/x')).toMatch(/under \/proc, a kernel pseudo file system/);
    expect(refusal('/sys/kernel/x')).toMatch(/under \/sys/);
    expect(refusal('/proc')).toMatch(/under \/proc/);
  });

  it('refuses a folder it cannot write (the file system says so: permissions, read-only mounts)', () => {
    const denied = (file: string) => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES' });
    };
    expect(() => checkOutDir(join(dir, 'reports'), { writeProbe: denied })).toThrow(/cannot be written: its parent .* is not writable \(EACCES\)/);
    expect(() => checkOutDir(dir, { writeProbe: denied })).toThrow(/cannot be written: the folder is not writable/);
  });
});
