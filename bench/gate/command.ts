/**
 * The main of the gate's commands (bench:ci, baseline, compare, self-test): the one main
 * wrapper (bench/cli-kit/main.ts), stopping every server at the end. An error outside the
 * family is a harness error (exit 2): the gate never turns a failure it did not understand
 * into a pass (0) or a regression (1).
 */
import { EXIT } from '../cli-kit/exit-codes.js';
import { runMain, type MainContext } from '../cli-kit/main.js';
import { stopAllServers } from '../run/start-server.js';

export const HARNESS_ERROR_EXIT = EXIT.usage;

/** Ctrl-C: the suite stops, its servers stop, what was measured is kept. */
export const GATE_INTERRUPT_MESSAGE = 'loopbench: interrupted; stopping servers (Ctrl-C again to force)';

export function runGateCommand(name: string, main: (context: MainContext) => Promise<number>): void {
  void runMain({ name: `loopbench ${name}`, unexpectedExit: HARNESS_ERROR_EXIT, cleanup: stopAllServers }, main);
}
