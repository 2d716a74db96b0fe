/**
 * The one top-level catch of the gate's commands (bench:ci, baseline, compare,
 * self-test): print the cause, stop every server, and exit. Any exception is a harness
 * error (exit 2): the gate never turns a failure it did not understand into a pass (0)
 * or into a regression (1).
 */
import { LoopbenchError } from '../run/errors.js';
import { stopAllServers } from '../run/start-server.js';

export const HARNESS_ERROR_EXIT = 2;

export function runCommand(name: string, main: () => Promise<number>): void {
  main().then(
    async (code) => {
      await stopAllServers();
      process.exit(code);
    },
    async (error: unknown) => {
      await stopAllServers();
      const message = error instanceof LoopbenchError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`loopbench ${name}: harness error: ${message}\n`);
      process.exit(HARNESS_ERROR_EXIT);
    },
  );
}
