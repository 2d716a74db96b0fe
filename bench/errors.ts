/**
 * The one error family: every error loopbench expects carries a stable `code`, and the
 * code alone decides the exit code (bench/cli-kit/exit-codes.ts) and that the message is
 * printed without a stack (bench/cli-kit/main.ts). Anything outside the family is a bug:
 * printed with its stack.
 */
export class LoopbenchError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'LoopbenchError';
  }
}

/** Bad flags, config, results file or baseline: exit 2, nothing started. */
export class UsageError extends LoopbenchError {
  constructor(message: string) {
    super('E_USAGE', message);
    this.name = 'UsageError';
  }
}

/** A server that did not start or died: the scenario is `errored`, the suite goes on. */
export class ServerError extends LoopbenchError {
  constructor(
    message: string,
    readonly stderrTail: string,
  ) {
    super('E_SERVER', message);
    this.name = 'ServerError';
  }
}
