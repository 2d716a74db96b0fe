/**
 * The main of the gate's commands (bench:ci, baseline, compare, self-test): the one main
 * wrapper (bench/cli-kit/main.ts), stopping every server at the end. An error outside the
 * family is a harness error (exit 2): the gate never turns a failure it did not understand
 * into a pass (0) or a regression (1).
 */
import { EXIT } from '../cli-kit/exit-codes.js';
import { runMain } from '../cli-kit/main.js';
import { stopAllServers } from '../run/start-server.js';

export const HARNESS_ERROR_EXIT = EXIT.usage;

export interface GateCli<O extends { help: boolean }> {
  /** `bench:ci`, `baseline`, `compare`, `gate-self-test`. */
  name: string;
  parse: (argv: readonly string[]) => O;
  usage: () => string;
  /** The command, with a signal that fires on Ctrl-C (the suite stops, its servers stop, what was measured is kept). */
  run: (options: O, signal: AbortSignal) => Promise<number>;
}

export function runGateCommand<O extends { help: boolean }>({ name, parse, usage, run }: GateCli<O>): void {
  void runMain({ name: `loopbench ${name}`, unexpectedExit: HARNESS_ERROR_EXIT, cleanup: stopAllServers }, async ({ interruptSignal }) => {
    const options = parse(process.argv.slice(2));
    if (options.help) {
      process.stdout.write(usage());
      return EXIT.ok;
    }
    return run(options, interruptSignal('loopbench: interrupted; stopping servers (Ctrl-C again to force)'));
  });
}
