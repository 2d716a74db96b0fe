import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MicroUsageError, parseMicroArgs } from '../../bench/tools/micro/args.js';
import { microBenchmarkNames } from '../../bench/tools/micro/index.js';
import { leftoverProcesses, microCli, requireBuild } from './helpers.js';

describe('option parser', () => {
  it('rejects an unknown --only name with exit code 2 and lists the allowed names', () => {
    let caught: unknown;
    try {
      parseMicroArgs(['--only', 'sync-vs-await,bogus']);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MicroUsageError);
    expect((caught as MicroUsageError).exitCode).toBe(2);
    expect((caught as Error).message).toContain("'bogus'");
    for (const name of microBenchmarkNames) expect((caught as Error).message).toContain(name);
  });

  it('rejects unknown flags and an empty --only', () => {
    expect(() => parseMicroArgs(['--fast'])).toThrow(MicroUsageError);
    expect(() => parseMicroArgs(['--only', ','])).toThrow(MicroUsageError);
  });

  it('accepts names in any order, repeated or comma-separated, and keeps registry order', () => {
    expect(parseMicroArgs(['--only', 'startup', '--only', 'memory-per-unit,sync-vs-await']).only).toEqual([
      'sync-vs-await',
      'startup',
      'memory-per-unit',
    ]);
    expect(parseMicroArgs([]).only).toBeUndefined();
  });
});

describe('node dist/bench/tools/micro/cli.js', () => {
  it('exits 2 on an unknown --only name, naming the allowed ones', () => {
    requireBuild();
    const run = spawnSync(process.execPath, [microCli, '--only', 'bogus'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("'bogus'");
    expect(run.stderr).toContain('gather-vs-sequential');
  });

  it('writes results.json, results.csv and micro-latest, and leaves no process behind', () => {
    requireBuild();
    const out = mkdtempSync(join(tmpdir(), 'loopbench-micro-'));
    try {
      const run = spawnSync(process.execPath, [microCli, '--only', 'pool-round-trip,gather-vs-sequential', '--out', out], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.stderr).not.toContain('FAILED');
      expect(run.status).toBe(0);
      const latest = readlinkSync(join(out, 'micro-latest'));
      expect(latest).toMatch(/^micro-\d{4}-\d\d-\d\dT/);
      const results = JSON.parse(readFileSync(join(out, 'micro-latest', 'results.json'), 'utf8'));
      expect(results).toMatchObject({ schemaVersion: 1, kind: 'loopbench-micro', errors: [] });
      expect(results.machine.cores).toBeGreaterThan(0);
      expect(Object.keys(results.results)).toEqual(['gather-vs-sequential', 'pool-round-trip']);
      const csv = readFileSync(join(out, 'micro-latest', 'results.csv'), 'utf8').trim().split('\n');
      expect(csv[0]).toBe('benchmark,item,unit,value,rme_pct,samples');
      expect(csv.some((line) => line.startsWith('pool-round-trip,child-ipc-noop,us/op,'))).toBe(true);
      expect(leftoverProcesses()).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
