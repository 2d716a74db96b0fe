/**
 * The unit tier's guard (vitest.config.ts `setupFiles`): a `*.test.ts` file must be pure —
 * no server, no child process, no worker, no network. Anything that would start one
 * throws here with the fix (move the test to a `*.server.test.ts` file), so the rule of
 * the tiers is checked by the tests themselves, not by review. Short read-only probes of
 * the machine (git, getconf, prlimit) stay allowed: bench/machine.ts asks them for facts.
 *
 * Files share a worker's modules (vitest.config.ts `isolate: false`), so this runs once per
 * file in a worker that may already be guarded: it installs itself once (GUARDED).
 * test/tiers/unit-guard.test.ts proves it refuses each thing.
 */
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import workerThreads from 'node:worker_threads';

const ALLOWED_COMMANDS = new Set(['git', 'getconf', 'prlimit']);
const GUARDED = Symbol.for('loopbench.unit-guard');

function refuse(what: string): never {
  throw new Error(
    `unit tier: this test ${what}; a test that starts a server, a child process or a worker, or opens a socket, belongs in a *.server.test.ts file (run by \`npm test\`, one file at a time)`,
  );
}

function installGuard(): void {
  net.Server.prototype.listen = function guardedListen(): never {
    refuse('listens on a socket');
  };
  net.Socket.prototype.connect = function guardedConnect(): never {
    refuse('opens a network connection');
  };
  // spawn, fork, exec and execFile all go through ChildProcess.prototype.spawn (not in the typings).
  (childProcess.ChildProcess.prototype as unknown as { spawn: (options: { file?: string }) => never }).spawn = function guardedSpawn(options): never {
    refuse(`starts a child process (${options?.file ?? '?'})`);
  };
  for (const name of ['spawnSync', 'execFileSync', 'execSync'] as const) {
    const original = childProcess[name] as (...args: unknown[]) => unknown;
    (childProcess as unknown as Record<string, unknown>)[name] = function guardedSync(file: unknown, ...rest: unknown[]): unknown {
      const command = String(file).split(/\s+/)[0] ?? '';
      if (!ALLOWED_COMMANDS.has(command)) refuse(`runs a child process (${command})`);
      return original.call(childProcess, file, ...rest);
    };
  }
  class GuardedWorker {
    constructor() {
      refuse('starts a worker thread');
    }
  }
  (workerThreads as unknown as Record<string, unknown>)['Worker'] = GuardedWorker;
  syncBuiltinESMExports();
}

const state = globalThis as unknown as Record<symbol, boolean | undefined>;
if (!state[GUARDED]) {
  installGuard();
  state[GUARDED] = true;
}
