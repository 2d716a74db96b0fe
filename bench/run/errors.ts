/** Errors with stable codes; the CLI maps them to exit codes and messages. */
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
