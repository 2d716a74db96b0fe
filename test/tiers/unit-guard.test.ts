/**
 * The unit tier's guard (test/tiers/unit-guard.ts) refuses, in this very worker, each thing
 * a unit test must not do — also after other files ran in the same worker (vitest.config.ts
 * `isolate: false`) — and still lets the machine probes through.
 */
import childProcess, { execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

const RULE = /belongs in a \*\.server\.test\.ts file/;

describe('the unit guard', () => {
  it('refuses a listening socket and an outgoing connection', () => {
    expect(() => net.createServer().listen(0, '127.0.0.1')).toThrow(RULE);
    expect(() => net.connect(1, '127.0.0.1')).toThrow(/opens a network connection/);
  });

  it('refuses child processes, async and sync, by any import path', () => {
    expect(() => spawn('node', ['-e', '0'])).toThrow(/starts a child process/);
    expect(() => childProcess.fork('x.js')).toThrow(RULE);
    expect(() => childProcess.execFile('node', ['-e', '0'])).toThrow(RULE);
    expect(() => execFileSync('node', ['-e', '0'])).toThrow(/runs a child process \(node\)/);
    expect(() => childProcess.execSync('node -e 0')).toThrow(RULE);
    expect(() => childProcess.spawnSync('sh')).toThrow(RULE);
  });

  it('refuses a worker thread', () => {
    expect(() => new Worker('process.exit(0)', { eval: true })).toThrow(/starts a worker thread/);
  });

  it('lets the read-only machine probes through', () => {
    expect(execFileSync('getconf', ['_NPROCESSORS_ONLN'], { encoding: 'utf8' }).trim()).toMatch(/^\d+$/);
  });
});
