/**
 * The one `main` of every command: run it, map an error to the exit code by its stable
 * code (exit-codes.ts), print an expected error's message (no stack) and an unexpected
 * one's stack, run the command's cleanup (stop every server it started), exit.
 */
import { LoopbenchError } from '../errors.js';
import { EXIT, exitCodeOf, type ExitCode } from './exit-codes.js';
import { interruptSignal, type SignalSource } from './interrupt.js';

export interface MainOptions {
  /** Prefix of its messages: `loopbench`, `bench:ci`, `merge`. */
  name: string;
  /** What an error outside the family exits with (default 1; the gate's commands: 2). */
  unexpectedExit?: ExitCode;
  /** Where messages go (default: stderr). */
  err?: (line: string) => void;
}

export interface ProcessMainOptions extends MainOptions {
  /** Run before the exit, whatever happened, and on a second Ctrl-C: stop every server and process the command started. */
  cleanup?: () => unknown;
  /** Ctrl-C's source (tests give a fake one). */
  signals?: SignalSource;
  /** Ends the process (tests give a fake one). */
  exit?: (code: number) => void;
}

export interface MainContext {
  /**
   * An AbortSignal that fires on the first Ctrl-C (`message` is said); the second runs the
   * cleanup and exits 130 at once.
   */
  interruptSignal(message: string): AbortSignal;
}

const toStderr = (line: string) => process.stderr.write(`${line}\n`);

/** The line(s) an error ends a command with: its message, or its stack when unexpected. */
export function describeError(name: string, error: unknown): string {
  if (error instanceof LoopbenchError) {
    // SetupError's messages start with `setup: ` (they are printed the same by npm run setup and npm run bench).
    return error.message.startsWith(`${name}: `) || error.code === 'E_SETUP' ? error.message : `${name}: ${error.message}`;
  }
  return `${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

/** Runs `body` and returns its exit code, or the error's (printed). For commands run in-process too. */
export async function guarded(options: MainOptions, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    (options.err ?? toStderr)(describeError(options.name, error));
    return exitCodeOf(error, options.unexpectedExit ?? EXIT.failed);
  }
}

/** The process's main: `guarded`, then `cleanup` (always), then exit with the code. */
export function runMain(options: ProcessMainOptions, body: (context: MainContext) => Promise<number>): Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const cleanup = async () => {
    await options.cleanup?.();
  };
  const disposers: (() => void)[] = [];
  const context: MainContext = {
    interruptSignal: (message) => {
      const interrupt = interruptSignal({
        message,
        log: options.err ?? toStderr,
        force: () => void cleanup().finally(() => exit(EXIT.interrupted)),
        ...(options.signals ? { source: options.signals } : {}),
      });
      disposers.push(interrupt.dispose);
      return interrupt.signal;
    },
  };
  return guarded(options, () => body(context)).then(async (code) => {
    try {
      await cleanup();
    } catch (error) {
      (options.err ?? toStderr)(describeError(options.name, error));
    } finally {
      for (const dispose of disposers) dispose();
      exit(code);
    }
  });
}
