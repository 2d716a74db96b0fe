/**
 * The one `main` of every command: run it, map an error to the exit code by its stable
 * code (exit-codes.ts), print an expected error's message (no stack) and an unexpected
 * one's stack, run the command's cleanup (stop every server it started), exit.
 */
import { LoopbenchError } from '../run/errors.js';
import { EXIT, exitCodeOf, type ExitCode } from './exit-codes.js';

export interface MainOptions {
  /** Prefix of its messages: `loopbench`, `bench:ci`, `merge`. */
  name: string;
  /** What an error outside the family exits with (default 1; the gate's commands: 2). */
  unexpectedExit?: ExitCode;
  /** Where messages go (default: stderr). */
  err?: (line: string) => void;
}

/** The line(s) an error ends a command with: its message, or its stack when unexpected. */
export function describeError(name: string, error: unknown): string {
  if (error instanceof LoopbenchError) {
    // A message that starts with its own command's name (SetupError's `setup: ...`) is printed as it is.
    return error.message.startsWith(`${name}: `) || /^setup: /.test(error.message) ? error.message : `${name}: ${error.message}`;
  }
  return `${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

/** Runs `body` and returns its exit code, or the error's (printed). For commands run in-process too. */
export async function guarded(options: MainOptions, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    (options.err ?? ((line) => process.stderr.write(`${line}\n`)))(describeError(options.name, error));
    return exitCodeOf(error, options.unexpectedExit ?? EXIT.failed);
  }
}

/** The process's main: `guarded`, then `cleanup` (always), then exit with the code. */
export function runMain(options: MainOptions & { cleanup?: () => unknown }, body: () => Promise<number>): void {
  void guarded(options, body).then(async (code) => {
    try {
      await options.cleanup?.();
    } finally {
      process.exit(code);
    }
  });
}
